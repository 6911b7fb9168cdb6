"""Reads of work orders reused by views, exports and other apps' pages."""

from django.db.models import BooleanField, Case, F, Prefetch, Q, Value, When
from django.utils import timezone

from desk.clock import user_day_start
from workorders.models import Status, WorkOrder, WorkOrderEvent

LIST_RELATED = ["estate", "building", "unit__building", "assignee"]


def orders_for_list(user):
    """The rows of the lists: what their columns show (the resident, whose phone only the
    export reads, is the export's: `WorkOrderListView.export_related`)."""
    return WorkOrder.objects.visible_to(user).select_related(*LIST_RELATED)


def order_for_page(user, pk):
    """The access helper of the detail page: scoped, a technician's own only, or 404."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        WorkOrder.objects.visible_to(user)
        .select_related(*LIST_RELATED, "resident", "created_by", "complaint")
        .prefetch_related(
            "photos",
            Prefetch("events", queryset=WorkOrderEvent.objects.select_related("by")),
        ),
        pk=pk,
    )


def order_for_action(user, pk):
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        WorkOrder.objects.visible_to(user).select_related("estate", "unit__building"), pk=pk
    )


def with_overdue(qs, now=None):
    now = now or timezone.now()
    return qs.annotate(
        overdue=Case(
            When(Q(done_at__isnull=True, due_at__lt=now) | Q(done_at__gt=F("due_at")), then=True),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def daily_closing(user, now=None):
    """Every order not yet closed, by department, overdue first, then by due time."""
    return with_overdue(orders_for_list(user).unfinished(), now).order_by(
        "department", "-overdue", "due_at", "pk"
    )


def my_today(user, now=None):
    """A technician's work: what is dispatched to or started by them, and what they did today."""
    start_of_day = user_day_start(user, now)
    return (
        WorkOrder.objects.for_user(user)
        .filter(assignee=user)
        .filter(
            Q(status__in=[Status.DISPATCHED, Status.IN_PROGRESS])
            | Q(status=Status.DONE, done_at__gte=start_of_day)
        )
        .select_related("unit__building", "building")
        .order_by(
            Case(
                When(status=Status.IN_PROGRESS, then=Value(0)),
                When(status=Status.DISPATCHED, then=Value(1)),
                default=Value(2),
            ),
            "due_at",
        )
    )


def unit_orders(unit, limit=10):
    return list(
        WorkOrder.objects.filter(unit=unit)
        .select_related("assignee")
        .order_by("-created_at")[:limit]
    )


# An order its technician is still on their way to or working at: they may call ahead.
CALLABLE = {Status.OPEN, Status.DISPATCHED, Status.IN_PROGRESS}


def call_number_for(order, user):
    """The requester's number as a tap-to-call link for the order's own technician while the
    order is open, or "" (everyone else sees the number as their role may: masked or whole).
    Each time it is given, the contact-reveal log gets a row."""
    from desk.privacy import can_see_contacts
    from tenants.services import log_call_link

    if order.assignee_id != user.pk or order.status not in CALLABLE:
        return ""
    number = order.contact_phone
    if not number or can_see_contacts(user):
        return number or ""
    log_call_link(estate=order.estate, resident=order.resident, subject=order.number, by=user)
    return number
