"""Every change to a work order: creation, dispatch and the flow to closing.

open → dispatched → in progress → done → verified → closed; cancelled (with a reason)
from any state before done; a dissatisfied resident reopens a done or verified order
(back to dispatched, same technician). Each function locks the order, checks the
transition, and raises IllegalTransition (changing nothing) when it is not allowed.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from desk import charges, roles
from desk.clock import estate_year
from desk.errors import BusinessRuleError, IllegalTransition
from desk.inbox import notify
from desk.numbering import number_next
from tenants.selectors import phone_to_keep
from workorders import events
from workorders.models import (
    TRADE_DEPARTMENT,
    Priority,
    Source,
    Status,
    WorkOrder,
    WorkOrderEvent,
    WorkOrderPhoto,
    WorkOrderSettings,
)

NUMBER_KIND = "WO"
# A satisfaction below this reopens the order instead of verifying it.
SATISFIED_FROM = 3
CANCELLABLE = {Status.OPEN, Status.DISPATCHED, Status.IN_PROGRESS}
REOPENABLE = {Status.DONE, Status.VERIFIED}


def settings_for(estate) -> WorkOrderSettings:
    """The estate's due times; the defaults when it never set them."""
    found = WorkOrderSettings.objects.filter(estate=estate).first()
    return found or WorkOrderSettings(estate=estate)


def due_at_for(*, estate, priority: str, created_at: datetime.datetime) -> datetime.datetime:
    return created_at + settings_for(estate).time_allowed(priority)


def _event(order, kind, by, values=None, at=None):
    """One timeline line: the kind and its values, never a sentence (workorders.events)."""
    values = {key: value for key, value in (values or {}).items() if value != ""}
    WorkOrderEvent.objects.create(
        order=order, kind=kind, by=by, values=values, at=at or timezone.now()
    )


def _notify_technician(order, by):
    if order.assignee_id and order.assignee_id != getattr(by, "pk", None):
        where = order.unit.label if order.unit_id else order.location
        notify(
            estate=order.estate,
            kind=events.DISPATCHED,
            values={"number": order.number, "where": where or order.description[:60]},
            url=reverse("workorders:detail", args=[order.pk]),
            user=order.assignee,
        )


def _locked(order) -> WorkOrder:
    return WorkOrder.objects.select_for_update().get(pk=order.pk)


def _refuse(order, action):
    raise IllegalTransition(
        _("Work order %(number)s is %(status)s: it cannot be %(action)s.")
        % {"number": order.number, "status": order.get_status_display(), "action": action}
    )


def workorder_create(
    *,
    estate,
    source: str,
    trade: str,
    description: str,
    by,
    unit=None,
    building=None,
    location: str = "",
    priority: str = Priority.NORMAL,
    department: str = "",
    requested_by_name: str = "",
    requested_by_phone: str = "",
    resident=None,
    price: Decimal | None = None,
    complaint=None,
    now: datetime.datetime | None = None,
) -> WorkOrder:
    """A repair call, a special paid service, a patrol finding (or a complaint's order)."""
    description = description.strip()
    location = location.strip()
    if not description:
        raise BusinessRuleError(_("Describe the work to do."))
    if unit is not None:
        if unit.estate_id != estate.pk:
            raise BusinessRuleError(_("The unit belongs to another estate."))
        building = unit.building
    elif not location:
        raise BusinessRuleError(_("Give the unit, or the public area where the work is."))
    if building is not None and building.estate_id != estate.pk:
        raise BusinessRuleError(_("The building belongs to another estate."))
    if resident is not None and resident.estate_id != estate.pk:
        raise BusinessRuleError(_("The resident belongs to another estate."))
    if source == Source.PAID_SERVICE and price is None:
        raise BusinessRuleError(_("A special paid service needs a price."))
    if price is not None and price < 0:
        raise BusinessRuleError(_("The price cannot be negative."))
    if source == Source.COMPLAINT and complaint is None:
        raise BusinessRuleError(_("A complaint's work order is created from the complaint."))
    now = now or timezone.now()
    with transaction.atomic():
        order = WorkOrder.objects.create(
            # WO-2026-000045, taken in this transaction: a failed create gives it back.
            number=number_next(kind=NUMBER_KIND, year=estate_year(estate, now)),
            estate=estate,
            building=building,
            unit=unit,
            location=location,
            source=source,
            trade=trade,
            department=department or TRADE_DEPARTMENT[trade],
            priority=priority,
            description=description,
            requested_by_name=requested_by_name.strip(),
            requested_by_phone=phone_to_keep(requested_by_phone, resident),
            resident=resident,
            price=price,
            created_by=by,
            created_at=now,
            due_at=due_at_for(estate=estate, priority=priority, created_at=now),
            complaint=complaint,
        )
        _event(order, WorkOrderEvent.Kind.CREATED, by, at=now)
    return order


def workorder_create_from_complaint(
    *, complaint, trade: str, by, priority: str = Priority.NORMAL, description: str = ""
) -> WorkOrder:
    """The "create work order" of a complaint: same place and complainant, linked both ways."""
    return workorder_create(
        estate=complaint.estate,
        source=Source.COMPLAINT,
        trade=trade,
        priority=priority,
        description=description or complaint.description,
        unit=complaint.unit,
        location="" if complaint.unit_id else (complaint.subject or complaint.number),
        requested_by_name=complaint.complainant_name,
        requested_by_phone=complaint.complainant_phone,
        resident=complaint.resident,
        complaint=complaint,
        by=by,
    )


def is_technician_of(user, estate) -> bool:
    return (
        user.is_active
        and user.groups.filter(name=roles.TECHNICIAN).exists()
        and user.estates.filter(pk=estate.pk).exists()
    )


def workorder_dispatch(
    *,
    order: WorkOrder,
    assignee,
    by,
    department: str = "",
    trade: str = "",
    seen_assignee: int | None = None,
) -> WorkOrder:
    """Send an open order to a technician (or hand a dispatched one to another).

    `seen_assignee` is the technician the person saw (0: none): when someone else
    dispatched the order meanwhile, this dispatch is refused instead of replacing theirs.
    """
    with transaction.atomic():
        order = _locked(order)
        if order.status not in (Status.OPEN, Status.DISPATCHED):
            _refuse(order, _("dispatched"))
        if seen_assignee is not None and seen_assignee != (order.assignee_id or 0):
            raise IllegalTransition(
                _("Someone else dispatched %(number)s meanwhile, to %(name)s. Nothing was changed.")
                % {"number": order.number, "name": order.assignee or "—"}
            )
        if not is_technician_of(assignee, order.estate):
            raise IllegalTransition(
                _("%(name)s is not a technician of this estate.") % {"name": assignee}
            )
        now = timezone.now()
        order.status = Status.DISPATCHED
        order.assignee = assignee
        order.dispatched_at = now
        if trade:
            order.trade = trade
        if department:
            order.department = department
        order.save(update_fields=["status", "assignee", "dispatched_at", "trade", "department"])
        _event(order, WorkOrderEvent.Kind.DISPATCHED, by, {"assignee": str(assignee)}, at=now)
        _notify_technician(order, by)
    return order


def _require_assignee(order, by):
    if order.assignee_id != by.pk:
        raise IllegalTransition(
            _("Only the technician assigned to %(number)s can do this.") % {"number": order.number}
        )


def workorder_start(*, order: WorkOrder, by) -> WorkOrder:
    with transaction.atomic():
        order = _locked(order)
        if order.status != Status.DISPATCHED:
            _refuse(order, _("started"))
        _require_assignee(order, by)
        order.status = Status.IN_PROGRESS
        order.started_at = timezone.now()
        order.save(update_fields=["status", "started_at"])
        _event(order, WorkOrderEvent.Kind.STARTED, by, at=order.started_at)
    return order


def workorder_finish(
    *, order: WorkOrder, by, work_notes: str, materials: str = "", photos=()
) -> WorkOrder:
    """The technician's report: notes (required), materials, up to 3 photos (form-checked)."""
    work_notes = work_notes.strip()
    photos = list(photos)
    with transaction.atomic():
        order = _locked(order)
        if order.status != Status.IN_PROGRESS:
            _refuse(order, _("finished"))
        _require_assignee(order, by)
        if not work_notes:
            raise BusinessRuleError(_("Write what was done."))
        if order.photos.count() + len(photos) > WorkOrderPhoto.MAX_PHOTOS:
            raise BusinessRuleError(
                _("At most %(max)d photos per work order.") % {"max": WorkOrderPhoto.MAX_PHOTOS}
            )
        order.status = Status.DONE
        order.done_at = timezone.now()
        order.work_notes = work_notes
        order.materials = materials.strip()
        order.save(update_fields=["status", "done_at", "work_notes", "materials"])
        for photo in photos:
            WorkOrderPhoto.objects.create(order=order, image=photo, uploaded_by=by)
        values = {"note": work_notes, **_charge_paid_service(order, by)}
        _event(order, WorkOrderEvent.Kind.FINISHED, by, values, at=order.done_at)
    return order


def _charge_paid_service(order, by) -> dict:
    """A special paid service, once finished, is charged to its unit through desk.charges
    (billing: the unit's next bill, or at once); what happened goes on the timeline."""
    if not (order.is_paid_service and order.unit_id and order.price):
        return {}
    result = charges.charge(
        unit=order.unit,
        amount=order.price,
        label=f"{order.number} · {order.description[:60]}",
        source=order,
        by=by,
    )
    recorded = {"charge": result.code, "amount": str(order.price)}
    if not result.ok:
        recorded["charge_reason"] = result.message
    return recorded


def workorder_verify(*, order: WorkOrder, by, satisfaction: int, note: str = "") -> WorkOrder:
    """The rep's check with the resident; a dissatisfied resident (1-2) reopens the order."""
    if not 1 <= satisfaction <= 5:
        raise BusinessRuleError(_("Satisfaction is from 1 to 5."))
    if satisfaction < SATISFIED_FROM:
        return workorder_reopen(
            order=order, by=by, reason=note, score=satisfaction, from_statuses={Status.DONE}
        )
    with transaction.atomic():
        order = _locked(order)
        if order.status != Status.DONE:
            _refuse(order, _("verified"))
        order.status = Status.VERIFIED
        order.verified_at = timezone.now()
        order.satisfaction = satisfaction
        order.save(update_fields=["status", "verified_at", "satisfaction"])
        _event(
            order,
            WorkOrderEvent.Kind.VERIFIED,
            by,
            {"score": satisfaction, "note": note.strip()},
            at=order.verified_at,
        )
    return order


def workorder_reopen(
    *, order: WorkOrder, by, reason: str, score: int | None = None, from_statuses=REOPENABLE
) -> WorkOrder:
    """Back to the same technician; the finished work is kept in the timeline.

    `score`: the dissatisfied resident's satisfaction, which is reason enough by itself.
    """
    reason = reason.strip()
    with transaction.atomic():
        order = _locked(order)
        if order.status not in from_statuses:
            _refuse(order, _("reopened"))
        if not reason and score is None:
            raise BusinessRuleError(_("Give the reason for reopening."))
        order.status = Status.DISPATCHED
        order.reopen_count += 1
        order.started_at = None
        order.done_at = None
        order.verified_at = None
        order.satisfaction = None
        order.dispatched_at = timezone.now()
        order.save(
            update_fields=[
                "status",
                "reopen_count",
                "started_at",
                "done_at",
                "verified_at",
                "satisfaction",
                "dispatched_at",
            ]
        )
        values = {"note": reason} if score is None else {"score": score, "note": reason}
        _event(order, WorkOrderEvent.Kind.REOPENED, by, values, at=order.dispatched_at)
    return order


def workorder_close(*, order: WorkOrder, by) -> WorkOrder:
    with transaction.atomic():
        order = _locked(order)
        if order.status != Status.VERIFIED:
            _refuse(order, _("closed"))
        order.status = Status.CLOSED
        order.closed_at = timezone.now()
        order.save(update_fields=["status", "closed_at"])
        _event(order, WorkOrderEvent.Kind.CLOSED, by, at=order.closed_at)
    return order


def workorder_cancel(*, order: WorkOrder, by, reason: str) -> WorkOrder:
    reason = reason.strip()
    with transaction.atomic():
        order = _locked(order)
        if order.status not in CANCELLABLE:
            _refuse(order, _("cancelled"))
        if not reason:
            raise BusinessRuleError(_("Give the reason for cancelling."))
        order.status = Status.CANCELLED
        order.cancelled_at = timezone.now()
        order.cancel_reason = reason
        order.save(update_fields=["status", "cancelled_at", "cancel_reason"])
        _event(order, WorkOrderEvent.Kind.CANCELLED, by, {"note": reason}, at=order.cancelled_at)
    return order
