"""The front desk's reads: the lists, the unit page's visits and calls, the incidents for a
unit, and the handover's own sections."""

from django.db.models import Count, Prefetch, Window
from django.urls import reverse

from desk.clock import local_time
from frontdesk.models import Incident, LogEntry, ReleasePass, StaffMessage
from tenants.extensions import UnitAlert

UNIT_PAGE_ROWS = 10
HANDOVER_ROWS = 50


def _head(qs, *order):
    """The first HANDOVER_ROWS of `qs` in `order` and how many there are in all, in one
    query (the count is a window over the whole selection, read from the first row)."""
    rows = list(qs.annotate(handover_total=Window(Count("pk"))).order_by(*order)[:HANDOVER_ROWS])
    return rows, rows[0].handover_total if rows else 0


def entries_for_list(user):
    return LogEntry.objects.for_user(user).select_related(
        "estate", "unit__building", "resident", "logged_by", "complaint", "work_order", "incident"
    )


def entry_for_page(user, pk):
    from desk.scoping import get_scoped_or_404

    return get_scoped_or_404(entries_for_list(user), user, pk=pk)


def unit_entries(unit):
    """The unit page's visits and calls: the latest, with who took them (one query)."""
    return list(
        LogEntry.objects.filter(unit=unit)
        .select_related("resident", "logged_by")
        .order_by("-at", "-pk")[:UNIT_PAGE_ROWS]
    )


def active_incidents(estate, now):
    return Incident.objects.filter(
        estate=estate, ended_at__isnull=True, starts_at__lte=now, ends_at__gt=now
    )


def incidents_for_unit(unit, now):
    """The active incidents of the unit's building (one query)."""
    return list(active_incidents(unit.estate_id, now).filter(buildings=unit.building_id))


def incident_alerts(unit, now) -> list[UnitAlert]:
    return [
        UnitAlert(
            title=incident.title,
            text=incident.script,
            url=reverse("frontdesk:incident_detail", args=[incident.pk]),
            key=f"incident-{incident.pk}",
        )
        for incident in incidents_for_unit(unit, now)
    ]


def incidents_for_list(user):
    return Incident.objects.for_user(user).prefetch_related(
        Prefetch("buildings", to_attr="affected")
    )


def messages_for(user, *, open_only=False):
    qs = StaffMessage.objects.filter(recipient=user).select_related(
        "estate", "left_by", "unit__building", "recipient"
    )
    return qs.filter(done_at__isnull=True) if open_only else qs


def messages_left(user):
    return StaffMessage.objects.for_user(user).select_related(
        "estate", "left_by", "unit__building", "recipient"
    )


def passes_for_list(user):
    return ReleasePass.objects.for_user(user).select_related(
        "estate", "unit__building", "resident", "issued_by", "used_by"
    )


# The handover's sections (desk.handover): plain values, kept with the handover.


def _when(estate, value):
    return local_time(estate, value).strftime("%Y-%m-%d %H:%M") if value else ""


def _entry_row(estate, entry):
    return {
        "id": entry.pk,
        "at": _when(estate, entry.at),
        "unit": str(entry.unit) if entry.unit_id else "",
        "who": entry.who,
        "purpose": entry.purpose,
        "summary": entry.summary[:200],
        "department": entry.department,
        "resolve_by": _when(estate, entry.resolve_by),
    }


def _entries(estate, qs):
    qs = qs.filter(estate=estate).select_related("unit__building", "resident")
    rows, count = _head(qs, "resolve_by", "pk")
    return {"count": count, "rows": [_entry_row(estate, e) for e in rows]}


def handover_open_entries(estate, window, user):
    """Entries passed on, not resolved, and not yet past their agreed time."""
    return _entries(estate, LogEntry.objects.passed_on_open().filter(resolve_by__gte=window.end))


def handover_overdue_entries(estate, window, user):
    """Entries passed on and not resolved by their agreed time."""
    return _entries(estate, LogEntry.objects.overdue(window.end))


def handover_active_incidents(estate, window, user):
    incidents = list(
        active_incidents(estate, window.end).prefetch_related("buildings").order_by("starts_at")
    )
    return {
        "count": len(incidents),
        "rows": [
            {
                "id": incident.pk,
                "title": incident.title,
                "kind": incident.kind,
                "buildings": ", ".join(b.number for b in incident.buildings.all()),
                "starts_at": _when(estate, incident.starts_at),
                "ends_at": _when(estate, incident.ends_at),
            }
            for incident in incidents
        ],
    }


def handover_unread_messages(estate, window, user):
    """Messages left at the desk and not yet done by the person they are for."""
    qs = StaffMessage.objects.filter(estate=estate, done_at__isnull=True).select_related(
        "recipient"
    )
    rows, count = _head(qs, "left_at")
    return {
        "count": count,
        "rows": [
            {
                "for": m.recipient.display_name,
                "from": m.from_name,
                "at": _when(estate, m.left_at),
                "text": m.text[:200],
            }
            for m in rows
        ],
    }


def handover_complaints_waiting(estate, window, user):
    """Complaints still awaiting their first response (handling plan), breached ones first."""
    from complaints.models import Complaint

    qs = Complaint.objects.filter(estate=estate, status=Complaint.Status.RECEIVED)
    rows, count = _head(qs.select_related("unit__building"), "first_response_due")
    return {
        "count": count,
        "rows": [
            {
                "id": c.pk,
                "number": c.number,
                "unit": str(c.unit) if c.unit_id else "",
                "subject": c.subject,
                "due": _when(estate, c.first_response_due),
                "breached": c.first_response_due < window.end,
            }
            for c in rows
        ],
    }


def handover_orders_taken(estate, window, user):
    """Repair orders taken during the shift and still open."""
    from workorders.models import UNFINISHED, WorkOrder

    qs = WorkOrder.objects.filter(
        estate=estate,
        created_at__gte=window.start,
        created_at__lt=window.end,
        status__in=UNFINISHED,
    )
    rows, count = _head(qs.select_related("unit__building"), "created_at")
    return {
        "count": count,
        "rows": [
            {
                "id": o.pk,
                "number": o.number,
                "unit": str(o.unit) if o.unit_id else o.location,
                "status": o.status,
                "at": _when(estate, o.created_at),
            }
            for o in rows
        ],
    }


def desk_home(user):
    """The front desk's home panel (3 queries): today's visits and calls, the entries passed
    on and not resolved (and how many are overdue), my open messages, the open handover."""
    from django.db.models import Count, Q
    from django.utils import timezone

    from desk.clock import user_day_start
    from frontdesk.models import Handover

    now = timezone.now()
    open_q = Q(outcome=LogEntry.Outcome.PASSED_ON, resolved_at__isnull=True)
    today_q = Q(at__gte=user_day_start(user, now))
    # Only today's entries and the open ones, each half from its index, not the whole log.
    counts = (
        LogEntry.objects.for_user(user)
        .filter(today_q | open_q)
        .aggregate(
            today=Count("pk", filter=today_q),
            passed_on=Count("pk", filter=open_q),
            overdue=Count("pk", filter=open_q & Q(resolve_by__lt=now)),
        )
    )
    return {
        **counts,
        "messages": StaffMessage.objects.filter(recipient=user, done_at__isnull=True).count(),
        "handover": Handover.objects.for_user(user)
        .filter(acknowledged_at__isnull=True)
        .select_related("handed_by")
        .order_by("-handed_at")
        .first(),
    }
