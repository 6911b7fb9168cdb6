"""The visits' rates: every opinion answered (handling rate, against 100%) per month and
area, and the half-year plan (visit rate, against the estate's target, 98% by default),
each on the estate's own calendar."""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q
from django.utils import timezone

from desk.clock import estate_today, month_bounds
from tenants.models import AreaBuilding, Occupancy, Unit
from visits.models import Opinion, Visit, VisitSettings

HANDLING_TARGET = Decimal(100)
CLOSED = Q(answered_at__isnull=False) | Q(complaint__isnull=False) | Q(work_order__isnull=False)
DIRECTOR = "director"


def rate(part: int, whole: int) -> Decimal | None:
    """part ÷ whole as a percentage with one decimal; None when there is nothing to count."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass
class RateRow:
    label: str
    key: str
    whole: int = 0
    part: int = 0
    overdue: int = 0
    target: Decimal = HANDLING_TARGET
    # The plan's households not yet visited (a list, or a queryset read when used).
    missing: list = field(default_factory=list)

    @property
    def missing_count(self):
        return self.whole - self.part

    @property
    def rate(self):
        return rate(self.part, self.whole)

    @property
    def on_target(self):
        return self.rate is not None and self.rate >= self.target


def _area_names(estate) -> dict:
    """{building id: (area key, area name)} of the estate's buildings in an area."""
    return {
        m.building_id: (str(m.area_id), m.area.name)
        for m in AreaBuilding.objects.filter(area__estate=estate).select_related("area")
    }


def handling_rates(estate, year: int, month: int, *, no_area_label: str, now=None):
    """The opinions raised in the estate's month, per area of their unit: raised, handled
    (answered or made a case, by now) and overdue; the estate's total last. (3 queries)"""
    now = now or timezone.now()
    start, end = month_bounds(estate, year, month)
    counts = (
        Opinion.objects.filter(estate=estate, raised_at__gte=start, raised_at__lt=end)
        .values("unit__building_id")
        .annotate(
            raised=Count("pk"),
            handled=Count("pk", filter=CLOSED),
            overdue=Count("pk", filter=~CLOSED & Q(answer_due__lt=now)),
        )
    )
    areas = _area_names(estate)
    rows: dict[str, RateRow] = {}
    total = RateRow(label="", key="total")
    for line in counts:
        key, name = areas.get(line["unit__building_id"], ("none", no_area_label))
        row = rows.setdefault(key, RateRow(label=name, key=key))
        for target in (row, total):
            target.whole += line["raised"]
            target.part += line["handled"]
            target.overdue += line["overdue"]
    ordered = sorted(rows.values(), key=lambda r: (r.key == "none", r.label))
    return ordered, total


# The half-year plan ---------------------------------------------------------------------


def half_of(day: datetime.date) -> tuple[int, int]:
    """(year, 1 or 2) of the half-year holding `day`."""
    return day.year, 1 if day.month <= 6 else 2


def half_bounds(estate, year: int, half: int):
    """The estate's half-year: January to June, or July to December, midnight to midnight."""
    first_month = 1 if half == 1 else 7
    start, _ = month_bounds(estate, year, first_month)
    _, end = month_bounds(estate, year, first_month + 5)
    return start, end


def current_half(estate) -> tuple[int, int]:
    return half_of(estate_today(estate))


def half_year_target(estate) -> Decimal:
    row = VisitSettings.objects.filter(estate=estate).first()
    return Decimal(row.half_year_target if row else 98)


def half_year_plan(estate, year: int, half: int, *, estate_label: str, no_area_label: str):
    """The households due a visit this half-year (the units with a current occupant): for
    the director, every one of the estate's, visited by a director's visit where someone
    was met; for each area, its own, visited by any visit where someone was met. Counted in
    SQL per building (3 queries); each row's `missing`, its households not yet visited in
    building and unit order, is a queryset read only when used (one query)."""
    start, end = half_bounds(estate, year, half)
    target = half_year_target(estate)
    due = Unit.objects.filter(
        estate=estate,
        pk__in=Occupancy.objects.filter(move_out__isnull=True).values("unit_id"),
    )
    met = Visit.objects.filter(estate=estate, at__gte=start, at__lt=end, met__isnull=False)
    visited = met.order_by().values("unit_id")
    by_director = met.filter(kind=Visit.Kind.DIRECTOR).order_by().values("unit_id")
    counts = (
        due.order_by()
        .values("building_id")
        .annotate(
            due=Count("pk"),
            visited=Count("pk", filter=Q(pk__in=visited)),
            by_director=Count("pk", filter=Q(pk__in=by_director)),
        )
    )
    areas = _area_names(estate)

    def missing(seen, buildings=None):
        units = due.exclude(pk__in=seen)
        if buildings is not None:
            units = units.filter(building_id__in=buildings)
        return units.select_related("building").order_by(
            "building__sort_key", "building__number", "sort_key", "number"
        )

    director = RateRow(label=estate_label, key=DIRECTOR, target=target)
    rows: dict[str, RateRow] = {}
    buildings: dict[str, list] = {}
    for line in counts:
        director.whole += line["due"]
        director.part += line["by_director"]
        key, name = areas.get(line["building_id"], ("none", no_area_label))
        row = rows.setdefault(key, RateRow(label=name, key=key, target=target))
        row.whole += line["due"]
        row.part += line["visited"]
        buildings.setdefault(key, []).append(line["building_id"])
    director.missing = missing(by_director)
    for key, row in rows.items():
        row.missing = missing(visited, buildings[key])
    return [director, *sorted(rows.values(), key=lambda r: (r.key == "none", r.label))]
