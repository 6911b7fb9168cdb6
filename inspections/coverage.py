"""Coverage: the rounds an estate's rules require against the rounds done, per day or week,
and how long the reviews waited. Days are the estate's (desk.clock); a round counts on the
day it was started, once it is submitted."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, DurationField, ExpressionWrapper, F, Max, Q
from django.db.models.functions import TruncDate

from desk.clock import day_bounds, week_start
from desk.zones import estate_zone
from inspections.models import CoverageRule, Round, RoundType
from tenants.models import Building, Unit

Per, Period = CoverageRule.Per, CoverageRule.Period

# An estate that set no rules is held to these (DOMAIN.md): public areas daily per building,
# signage twice a day, vacant units weekly, the manager's round and the housekeeping checks
# daily.
DEFAULT_RULES = [
    (RoundType.PUBLIC_AREA, Per.BUILDING, 1, Period.DAY),
    (RoundType.SIGNAGE, Per.ESTATE, 2, Period.DAY),
    (RoundType.EQUIPMENT, Per.ESTATE, 1, Period.DAY),
    (RoundType.CLEANING, Per.ESTATE, 1, Period.DAY),
    (RoundType.GREENING, Per.ESTATE, 1, Period.DAY),
    (RoundType.PEST_CONTROL, Per.ESTATE, 1, Period.DAY),
    (RoundType.VACANT_UNIT, Per.VACANT_UNIT, 1, Period.WEEK),
    (RoundType.MANAGER, Per.ESTATE, 1, Period.DAY),
]


def rules_for(estate) -> list[CoverageRule]:
    """The estate's rules; the defaults (unsaved) when it set none."""
    rules = list(CoverageRule.objects.filter(estate=estate))
    if rules:
        return rules
    return [
        CoverageRule(estate=estate, round_type=t, per=per, times=times, period=period)
        for t, per, times, period in DEFAULT_RULES
    ]


@dataclass
class Cell:
    required: int
    done: int

    @property
    def gap(self) -> int:
        return max(self.required - self.done, 0)


@dataclass
class Line:
    rule: CoverageRule
    building: Building | None = None
    cells: list[Cell] = field(default_factory=list)

    @property
    def round_type_label(self):
        return self.rule.get_round_type_display()

    @property
    def gaps(self) -> int:
        return sum(cell.gap for cell in self.cells)


@dataclass
class ReviewDelay:
    day: datetime.date
    submitted: int = 0
    waiting: int = 0
    longest: datetime.timedelta | None = None


@dataclass
class Coverage:
    days: list[datetime.date]
    weeks: list[datetime.date]
    daily: list[Line]
    weekly: list[Line]
    reviews: list[ReviewDelay]

    @property
    def gaps(self) -> int:
        return sum(line.gaps for line in self.daily + self.weekly)


def _done_counts(estate, first, last):
    """{(round_type, building_id or None, day): count} and {(week, unit_id)} of vacant-unit
    checks, of the submitted rounds started on those days (one query)."""
    start, _ = day_bounds(estate, week_start(first))
    _, end = day_bounds(estate, last)
    rows = (
        Round.objects.submitted()
        .filter(estate=estate, started_at__gte=start, started_at__lt=end)
        .annotate(day=TruncDate("started_at", tzinfo=estate_zone(estate)))
        .values_list("round_type", "building_id", "unit_id", "day")
        .annotate(n=Count("pk"))
    )
    counts, units_by_week = {}, {}
    for round_type, building_id, unit_id, day, n in rows:
        counts[(round_type, None, day)] = counts.get((round_type, None, day), 0) + n
        if building_id is not None:
            key = (round_type, building_id, day)
            counts[key] = counts.get(key, 0) + n
        if unit_id is not None:
            units_by_week.setdefault((round_type, week_start(day)), set()).add(unit_id)
    return counts, units_by_week


def _week_count(counts, round_type, building_id, week):
    return sum(
        counts.get((round_type, building_id, week + datetime.timedelta(days=i)), 0)
        for i in range(7)
    )


def estate_coverage(estate, first: datetime.date, last: datetime.date) -> Coverage:
    """The coverage of the days `first` to `last` (inclusive), in a constant number of
    queries: the rules, the buildings, the vacant units, the rounds, the reviews."""
    days = [first + datetime.timedelta(days=i) for i in range((last - first).days + 1)]
    weeks = sorted({week_start(day) for day in days})
    rules = rules_for(estate)
    buildings = list(Building.objects.filter(estate=estate))
    vacant = Unit.objects.filter(estate=estate, status=Unit.Status.VACANT).count()
    counts, units_by_week = _done_counts(estate, first, last)
    daily, weekly = [], []
    for rule in rules:
        places = buildings if rule.per == Per.BUILDING else [None]
        for building in places:
            building_id = building.pk if building else None
            line = Line(rule=rule, building=building)
            if rule.period == Period.DAY:
                required = rule.times * (vacant if rule.per == Per.VACANT_UNIT else 1)
                for day in days:
                    done = counts.get((rule.round_type, building_id, day), 0)
                    if rule.per == Per.VACANT_UNIT:
                        done = min(done, required)
                    line.cells.append(Cell(required, done))
                daily.append(line)
            else:
                for week in weeks:
                    if rule.per == Per.VACANT_UNIT:
                        checked = len(units_by_week.get((rule.round_type, week), ()))
                        line.cells.append(Cell(rule.times * vacant, min(checked, vacant)))
                    else:
                        done = _week_count(counts, rule.round_type, building_id, week)
                        line.cells.append(Cell(rule.times, done))
                weekly.append(line)
    return Coverage(days, weeks, daily, weekly, review_delays(estate, first, last))


def review_delays(estate, first, last) -> list[ReviewDelay]:
    """Per day of submission: rounds submitted, still waiting, and the longest wait."""
    start, _ = day_bounds(estate, first)
    _, end = day_bounds(estate, last)
    rows = (
        Round.objects.submitted()
        .filter(estate=estate, submitted_at__gte=start, submitted_at__lt=end)
        .annotate(day=TruncDate("submitted_at", tzinfo=estate_zone(estate)))
        .values("day")
        .annotate(
            submitted=Count("pk"),
            waiting=Count("pk", filter=Q(reviewed_at__isnull=True)),
            # the longest wait of a reviewed round; the waiting ones show in `waiting`
            longest=Max(ExpressionWrapper(F("reviewed_at") - F("submitted_at"), DurationField())),
        )
    )
    found = {row["day"]: row for row in rows}
    delays = []
    for i in range((last - first).days + 1):
        day = first + datetime.timedelta(days=i)
        row = found.get(day)
        delays.append(
            ReviewDelay(day, row["submitted"], row["waiting"], row["longest"])
            if row
            else ReviewDelay(day)
        )
    return delays


def today_due(estates, today_of) -> list[dict]:
    """For the home panels and the rep's today list: per estate, the daily rules' lines with
    today's required and done (one query for the rules, one for the buildings, one for the
    rounds, whatever the number of estates). `today_of(estate)` is the estate's today."""
    estates = list(estates)
    if not estates:
        return []
    ids = [e.pk for e in estates]
    stored = {}
    for rule in CoverageRule.objects.filter(estate_id__in=ids):
        stored.setdefault(rule.estate_id, []).append(rule)
    buildings = {}
    for building in Building.objects.filter(estate_id__in=ids):
        buildings.setdefault(building.estate_id, []).append(building)
    q = Q(pk__in=[])
    for estate in estates:
        start, end = day_bounds(estate, today_of(estate))
        q |= Q(estate=estate, started_at__gte=start, started_at__lt=end)
    counts = {}
    rows = (
        Round.objects.submitted()
        .filter(q)
        .values_list("estate_id", "round_type", "building_id")
        .annotate(n=Count("pk"))
    )
    for estate_id, round_type, building_id, n in rows:
        counts[(estate_id, round_type, None)] = counts.get((estate_id, round_type, None), 0) + n
        if building_id is not None:
            counts[(estate_id, round_type, building_id)] = n
    labels = {}  # a choice's label once per round type, not once per building
    result = []
    for estate in estates:
        rules = stored.get(estate.pk) or [
            CoverageRule(estate=estate, round_type=t, per=per, times=times, period=period)
            for t, per, times, period in DEFAULT_RULES
        ]
        for rule in rules:
            if rule.period != Period.DAY or rule.per == Per.VACANT_UNIT:
                continue
            places = buildings.get(estate.pk, []) if rule.per == Per.BUILDING else [None]
            if rule.round_type not in labels:
                labels[rule.round_type] = rule.get_round_type_display()
            for building in places:
                done = counts.get(
                    (estate.pk, rule.round_type, building.pk if building else None), 0
                )
                result.append(
                    {
                        "estate": estate,
                        "rule": rule,
                        "round_type": rule.round_type,
                        "label": labels[rule.round_type],
                        "building": building,
                        "required": rule.times,
                        "done": done,
                        "gap": max(rule.times - done, 0),
                    }
                )
    return result
