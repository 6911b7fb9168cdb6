"""Reads: the permits' lists and pages, the daily patrols due and missed, the unit page."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from desk.clock import estate_today, local_date
from desk.scoping import get_scoped_or_404, user_time_zones
from desk.zones import zone_named
from renovation.models import Acceptance, Patrol, Permit, Violation
from tenants.selectors import areas_of_units, buildings_looked_after

MISSED_WINDOW_DAYS = 30  # the rep's list looks this far back for missed patrols


def permits_for_list(user):
    return Permit.objects.for_user(user).select_related("estate", "unit__building", "applicant")


def violations_for_list(user):
    return Violation.objects.for_user(user).select_related(
        "permit__estate", "permit__unit__building", "found_by", "work_order"
    )


def permit_for_page(user, pk) -> Permit:
    return get_scoped_or_404(
        Permit.objects.select_related(
            "estate", "unit__building", "applicant", "applied_by", "decided_by"
        ).prefetch_related(
            Prefetch(
                "patrols",
                queryset=Patrol.objects.select_related("patrolled_by").prefetch_related("photos"),
            ),
            Prefetch(
                "violations",
                queryset=Violation.objects.select_related("found_by", "closed_by", "work_order"),
            ),
            Prefetch(
                "acceptances",
                queryset=Acceptance.objects.select_related("inspected_by").prefetch_related(
                    "deduction_lines"
                ),
            ),
        ),
        user,
        pk=pk,
    )


def permit_for_action(user, pk) -> Permit:
    return get_scoped_or_404(Permit.objects.select_related("estate", "unit__building"), user, pk=pk)


def violation_for_action(user, pk) -> Violation:
    return get_scoped_or_404(
        Violation.objects.select_related("permit__estate", "permit__unit__building", "work_order"),
        user,
        pk=pk,
    )


def first_due_day(permit) -> datetime.date | None:
    """The first day a patrol is due: the day of the approval, or the planned start if later."""
    if permit.decided_at is None or permit.status not in (
        Permit.Status.APPROVED,
        Permit.Status.CLOSED,
    ):
        return None
    return max(local_date(permit.estate, permit.decided_at), permit.planned_start)


def last_due_day(permit, today: datetime.date) -> datetime.date:
    """Today while the permit is active; the day before it closed once it is."""
    if permit.closed_at is not None:
        return min(today, local_date(permit.estate, permit.closed_at) - datetime.timedelta(days=1))
    return today


def due_days(permit, first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """The estate days from `first` to `last` (inclusive) on which a patrol of the permit is
    due: one a day while it is active."""
    start = first_due_day(permit)
    if start is None:
        return []
    start, end = max(start, first), min(last, last_due_day(permit, last))
    return [start + datetime.timedelta(days=n) for n in range((end - start).days + 1)]


@dataclass
class DuePermit:
    permit: Permit
    today: datetime.date
    patrolled_today: bool
    missed: list[datetime.date] = field(default_factory=list)
    area: object = None


def patrols_due(user, *, estate_ids=None, areas_of=None) -> list[DuePermit]:
    """The rep's list for today: every active permit of the user's estates (or, with
    `areas_of`, of the areas that person looks after or stands in for), whether it was
    patrolled today (each estate's today) and the days of the last month it was missed.
    Three queries, whatever the number of permits."""
    permits = Permit.objects.for_user(user).active()
    if estate_ids:
        permits = permits.filter(estate_id__in=estate_ids)
    if areas_of is not None:
        permits = permits.filter(unit__building__in=buildings_looked_after(areas_of))
    permits = list(
        permits.select_related("estate", "unit__building").order_by(
            "unit__building__sort_key", "unit__sort_key"
        )
    )
    if not permits:
        return []
    todays = {p.estate_id: estate_today(p.estate) for p in permits}
    since = min(todays.values()) - datetime.timedelta(days=MISSED_WINDOW_DAYS)
    done = set(
        Patrol.objects.filter(permit__in=permits, day__gte=since).values_list("permit_id", "day")
    )
    areas = areas_of_units([p.unit for p in permits])
    rows = []
    for permit in permits:
        today = todays[permit.estate_id]
        window = due_days(permit, today - datetime.timedelta(days=MISSED_WINDOW_DAYS), today)
        missed = [day for day in window if day != today and (permit.pk, day) not in done]
        rows.append(
            DuePermit(
                permit=permit,
                today=today,
                patrolled_today=(permit.pk, today) in done,
                missed=missed,
                area=areas.get(permit.unit_id),
            )
        )
    return rows


def _zone_todays(user):
    """[(zone name, that zone's today)] for the zones of the user's estates."""
    for zone in user_time_zones(user):
        zone_of = zone_named(zone) or timezone.get_current_timezone()
        yield zone, timezone.localtime(timezone.now(), zone_of).date()


def overdue_q(user, prefix="") -> Q:
    """Open rectifications past their deadline, each on its own estate's today."""
    condition = Q(pk__in=[])
    for zone, today in _zone_todays(user):
        condition |= Q(
            **{f"{prefix}permit__estate__time_zone": zone, f"{prefix}deadline__lt": today}
        )
    return Q(**{f"{prefix}status": Violation.Status.OPEN}) & condition


def due_count(user) -> int:
    """How many active permits of the user's estates still wait for today's patrol (the
    rep's home panel): one query, each estate on its own today (by its zone)."""
    condition = Q(pk__in=[])
    for zone, today in _zone_todays(user):
        patrolled = Patrol.objects.filter(permit=OuterRef("pk"), day=today)
        condition |= Q(estate__time_zone=zone) & ~Exists(patrolled)
    return Permit.objects.for_user(user).active().filter(condition).count()


def awaiting_approval_count(user) -> int:
    return Permit.objects.for_user(user).awaiting_approval().count()


def unit_permits(unit):
    """The unit page's section: the unit's permits, newest first, with their open notices."""
    return list(
        Permit.objects.filter(unit=unit)
        .annotate(open_violations=Count("violations", filter=Q(violations__status="open")))
        .order_by("-applied_at")[:10]
    )
