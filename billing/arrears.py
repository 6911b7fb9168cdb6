"""Arrears and collection figures, read in a constant number of queries.

- The receivable-unpaid list (应收未收明细): per unit, what is due and unpaid by its age
  (0–30, 31–90, 91–180, over 180 days past due), its ladder stage, and the reason and
  expected payment date the last visit heard.
- Collection statistics: for a month, quarter, half-year or year, by fee kind and by
  building, the receivable of the period's own bills and what was paid of them (当期收缴率),
  and the arrears of earlier periods at its start and what was paid of them in it (清欠率),
  against the targets (property fee 95%, the others 100%).

Money paid counts on its day: a payment's business day, the bill run's day for prepaid
money; a reversal counts (negative) on the day it was made.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    DecimalField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncDate, TruncMonth
from django.utils.translation import gettext_lazy as _

from billing.figures import cached_figures, versions
from billing.models import Allocation, ArrearsCase, BillLine, FeeKind, LadderStep
from billing.money import ZERO

MONEY = DecimalField(max_digits=14, decimal_places=2)
BUCKETS = [  # (key, label, first day past due, last day past due or None)
    ("age_30", _("0–30 days"), 0, 30),
    ("age_90", _("31–90 days"), 31, 90),
    ("age_180", _("91–180 days"), 91, 180),
    ("age_over", _("Over 180 days"), 181, None),
]
PROPERTY_TARGET = Decimal("95")
OTHER_TARGET = Decimal("100")
NOT_COLLECTED = (FeeKind.DEPOSIT,)  # a deposit is held, not a fee: outside the rates


def _open(prefix=""):
    return ExpressionWrapper(
        F(f"{prefix}amount") - F(f"{prefix}paid") - F(f"{prefix}waived"), output_field=MONEY
    )


def units_in_arrears(units, today: datetime.date):
    """`units` (a Unit queryset) annotated with the aging buckets, `arrears` (all due and
    unpaid by `today`), the ladder's `stage`, and the last visit's `reason` and `expected_on`;
    only units that owe something due. All in the one query (and its count)."""
    due = Q(bill_lines__status=BillLine.Status.OPEN, bill_lines__due_date__lte=today)
    buckets = {}
    for key, _label, first, last in BUCKETS:
        q = Q(bill_lines__due_date__lte=today - datetime.timedelta(days=first))
        if last is not None:
            q &= Q(bill_lines__due_date__gte=today - datetime.timedelta(days=last))
        buckets[key] = Coalesce(
            Sum(_open("bill_lines__"), filter=q), Value(ZERO), output_field=MONEY
        )
    case = ArrearsCase.objects.filter(unit_id=OuterRef("pk"), closed_on__isnull=True)
    heard = LadderStep.objects.filter(unit_id=OuterRef("pk"), outcome_at__isnull=False).order_by(
        "-outcome_at", "-id"
    )
    # Joined to the open lines due by today alone, not to every line the units ever had:
    # the sums read only the due date and the amounts of the join's lines (no condition of
    # their own on the status), so the partial index of open lines, which holds them,
    # answers without the table.
    # The buckets split the due lines by age: their sum is the arrears (four sums a row).
    arrears = sum((F(key) for key in buckets), Value(ZERO))
    return (
        units.filter(due)
        .annotate(**buckets)
        .annotate(arrears=ExpressionWrapper(arrears, output_field=MONEY))
        .filter(arrears__gt=0)
        .annotate(
            stage=Subquery(case.values("stage")[:1]),
            reason=Subquery(heard.values("reason")[:1]),
            expected_on=Subquery(heard.values("expected_on")[:1]),
            heard_note=Subquery(heard.values("note")[:1]),
        )
    )


# --- collection statistics ---

PERIODS = {  # kind -> months per period
    "month": 1,
    "quarter": 3,
    "half": 6,
    "year": 12,
}


def period_months(year: int, kind: str, number: int) -> tuple[int, int]:
    """The first and last month of the `number`-th period (1-based) of `kind` in `year`."""
    size = PERIODS[kind]
    if not 1 <= number <= 12 // size:
        raise ValueError("no such period")
    first = (number - 1) * size + 1
    return first, first + size - 1


def target_for(kind) -> Decimal:
    return PROPERTY_TARGET if kind == FeeKind.PROPERTY else OTHER_TARGET


def _rate(part, whole):
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


@dataclass
class Figures:
    """Receivable and collected of the period's bills, and the arrears brought in and what
    of them was paid within the period."""

    kind: str = ""
    receivable: Decimal = ZERO
    collected: Decimal = ZERO
    arrears: Decimal = ZERO
    recovered: Decimal = ZERO
    label: str = ""
    target: Decimal = OTHER_TARGET
    by_kind: dict = field(default_factory=dict)

    def add(self, other):
        self.receivable += other.receivable
        self.collected += other.collected
        self.arrears += other.arrears
        self.recovered += other.recovered

    @property
    def rate(self):
        return _rate(self.collected, self.receivable)

    @property
    def recovery_rate(self):
        return _rate(self.recovered, self.arrears)

    @property
    def on_target(self):
        return self.rate is None or self.rate >= self.target


@dataclass
class Statistics:
    year: int
    first_month: int
    last_month: int
    by_kind: list
    by_building: list
    total: Figures


def collection_statistics(
    lines, *, year: int, first_month: int, last_month: int, estate=None
) -> Statistics:
    """The figures of the bills of `lines` (a scoped BillLine queryset: an estate's, or
    filtered by building) for the months `first_month`..`last_month` of `year` (4 queries).

    The arrears at the period's start are what is open of the earlier bills now, plus what
    was paid of them since the start: so only the money paid since the start is read (not
    every allocation the estate ever had), and the earlier bills only through their open
    lines. Give the `estate` when `lines` are one estate's: the period's bills are then
    found by the estate's index of months."""
    from tenants.models import Building

    start = datetime.date(year, first_month, 1)
    end = datetime.date(year + (last_month == 12), last_month % 12 + 1, 1)
    lines = lines.filter(late_fee_of__isnull=True).exclude(kind__in=NOT_COLLECTED)
    in_period = Q(bill__year=year, bill__month__gte=first_month, bill__month__lte=last_month)
    before = Q(bill__year__lt=year) | Q(bill__year=year, bill__month__lt=first_month)
    if estate is not None:  # the period's bills found by the estate's index of months
        in_period &= Q(bill__estate=estate)
    keys = ("kind", "unit__building_id")

    figures = defaultdict(Figures)
    for row in lines.filter(in_period).values(*keys).annotate(total=Sum("amount")).order_by():
        figures[row["kind"], row["unit__building_id"]].receivable = row["total"] or ZERO
    for row in (
        lines.filter(before, status=BillLine.Status.OPEN)
        .values(*keys)
        .annotate(total=Sum(_open(), output_field=MONEY))
        .order_by()
    ):
        figures[row["kind"], row["unit__building_id"]].arrears = row["total"] or ZERO

    # What was paid since the start, on the day it counts: a payment's business day, or the
    # bill run's day for prepaid money (two queries, each on its own day's index).
    counted = lines.filter(in_period | before)
    paid_by_payment = Allocation.objects.filter(
        line__in=counted, payment__business_date__gte=start
    ).annotate(day=F("payment__business_date"))
    paid_by_prepaid = Allocation.objects.filter(
        line__in=counted, prepaid_entry__created_at__date__gte=start
    ).annotate(day=TruncDate("prepaid_entry__created_at"))
    for paid in (paid_by_payment, paid_by_prepaid):
        rows = (
            paid.values("line__kind", "line__unit__building_id")
            .annotate(
                collected=Sum("amount", filter=Q(day__lt=end) & _line_in_period(in_period)),
                since=Sum("amount", filter=~_line_in_period(in_period)),
                recovered=Sum("amount", filter=Q(day__lt=end) & ~_line_in_period(in_period)),
            )
            .order_by()
        )
        for row in rows:
            f = figures[row["line__kind"], row["line__unit__building_id"]]
            f.collected += row["collected"] or ZERO
            f.arrears += row["since"] or ZERO
            f.recovered += row["recovered"] or ZERO

    kinds, buildings, total = {}, {}, Figures()
    for (kind, building_id), f in figures.items():
        kinds.setdefault(kind, Figures(kind=kind, target=target_for(kind))).add(f)
        b = buildings.setdefault(building_id, Figures())
        b.add(f)
        b.by_kind.setdefault(kind, Figures(kind=kind, target=target_for(kind))).add(f)
        total.add(f)
    names = {
        b.pk: b.number for b in Building.objects.filter(pk__in=list(buildings)).only("pk", "number")
    }
    for building_id, b in buildings.items():
        b.label = names.get(building_id, "")
        # A building is on target when each of its fee kinds is.
        b.target = min((k.target for k in b.by_kind.values()), default=OTHER_TARGET)
        b.kind = "building"
    total.target = min((k.target for k in kinds.values()), default=OTHER_TARGET)
    kind_order = {k: i for i, k in enumerate(FeeKind.values)}
    by_kind = sorted(kinds.values(), key=lambda f: kind_order.get(f.kind, 99))
    for f in by_kind:
        f.label = FeeKind(f.kind).label if f.kind in FeeKind.values else f.kind
    by_building = sorted(buildings.values(), key=lambda f: _natural(f.label))
    return Statistics(year, first_month, last_month, by_kind, by_building, total)


def _line_in_period(in_period: Q) -> Q:
    """`in_period` (over a line's bill) as seen from an allocation."""
    children = []
    for child in in_period.children:
        name, value = child
        children.append((f"line__{name}", value))
    return Q(*children, _connector=in_period.connector)


def _natural(label):
    return (len(label), label)


# --- the month-by-month trends (the workbook's chart, the manager's home) ---


def months_back(year: int, month: int, count: int) -> list[tuple[int, int]]:
    """The `count` months ending with `year`-`month`, oldest first."""
    index = year * 12 + month - 1
    return [divmod(i, 12) for i in range(index - count + 1, index + 1)]


TREND_CACHE_SECONDS = 6 * 60 * 60


def monthly_trend(
    lines, *, year: int, month: int, months: int = 12, kind=FeeKind.PROPERTY, estate_ids=None
) -> dict[int, list[Figures]]:
    """Per estate of `lines` (a scoped BillLine queryset), the `kind` figures of each of the
    `months` months ending with `year`-`month`, oldest first: the month's own bills and what
    of them was paid by its end (当期收缴率), and the arrears of the earlier months at its
    start and what of them was paid in it (清欠率). The same figures as
    `collection_statistics` for each month alone, summed by month in SQL.

    Without `estate_ids`, every month is read (two queries over the whole history). With
    them (the manager's home: the user's estates, scoped by the caller), the months before
    this one come from the cache, per estate, under the ended months' version
    (billing/figures.py): what is paid counts on its day, so a month that has ended changes
    only by a waiver or a bill run of a month before, which move that version on. This month is
    read under the figures' version (billing/figures.py): from the cache until a payment,
    a reversal, a waiver or a bill run moves it on, then in four queries on this month's
    bills and payments (their indexes). Its arrears are carried from the month before: the
    arrears at a month's start are the last month's, less what was recovered in it, plus
    what it billed (less waived) and did not collect by its end."""
    lines = lines.filter(late_fee_of__isnull=True, kind=kind)
    if estate_ids is None:
        return {
            e: figures for e, (figures, _net) in _trend(lines, year, month, months, kind).items()
        }
    from django.core.cache import cache

    version = versions()
    last_year, last_month = months_back(year, month, 2)[0]
    last_month += 1
    keys = {
        e: f"billing.trend:{version.history}:{kind}:{e}:{last_year}-{last_month}:{months - 1}"
        for e in estate_ids
    }
    history = {e: cache.get(key) for e, key in keys.items()}
    missing = [e for e, found in history.items() if found is None]
    if missing:
        read = _trend(lines.filter(estate_id__in=missing), last_year, last_month, months - 1, kind)
        for e in missing:
            history[e] = read.get(e) or (_empty(kind, last_year, last_month, months - 1), ZERO)
        cache.set_many({keys[e]: history[e] for e in missing}, TREND_CACHE_SECONDS)
    current = cached_figures(
        ("this_month", kind, year, month, *estate_ids),
        lambda: _this_month(estate_ids, year, month, kind),
        version=version.figures,
    )
    trend = {}
    for e in estate_ids:
        past, net_before = history[e]
        f = current.get(e) or Figures(kind=kind, target=target_for(kind))
        f.label = f"{year}-{month:02d}"
        if past:
            before = past[-1]
            f.arrears = before.arrears - before.recovered + net_before - before.collected
        trend[e] = [*past, f]
    return trend


def _empty(kind, year, month, months):
    return [
        Figures(kind=kind, label=f"{y}-{m + 1:02d}", target=target_for(kind))
        for y, m in months_back(year, month, months)
    ]


def _paid_on():
    return Coalesce("payment__business_date", TruncDate("prepaid_entry__created_at"))


def _this_month(estate_ids, year, month, kind) -> dict[int, Figures]:
    """This month's receivable, what of it is paid so far, and what was paid this month of
    the earlier months' bills, per estate of `estate_ids` (the user's: scoped by the caller),
    in three queries that start from this month's bills and from the payments and prepaid
    money since its start (their indexes).

    What is paid of this month's bills by its end is what they are paid now (a line's `paid`
    is the sum of its allocations) less what was paid of them from its end on: for this
    month, nothing yet."""
    from django.utils import timezone

    start, end = datetime.date(year, month, 1), _first_of_next(year, month)
    zone = timezone.get_current_timezone()
    ours = Q(estate_id__in=estate_ids, kind=kind, late_fee_of__isnull=True)
    this_month = Q(bill__estate_id__in=estate_ids, bill__year=year, bill__month=month)
    earlier = Q(bill__year__lt=year) | Q(bill__year=year, bill__month__lt=month)
    figures = defaultdict(lambda: Figures(kind=kind, target=target_for(kind)))
    for estate_id, receivable, paid in (
        BillLine.objects.filter(ours, this_month)
        .values_list("estate_id")
        .annotate(Sum("amount"), Sum("paid"))
        .order_by()
    ):
        figures[estate_id].receivable = receivable or ZERO
        figures[estate_id].collected = paid or ZERO
    # What the payments and prepaid money since the month's start paid of the earlier bills
    # in it, and of this month's bills after it: each read from its own index (the payments'
    # business day, the prepaid entries' estate).
    since = datetime.datetime.combine(start, datetime.time(), zone)
    until = datetime.datetime.combine(end, datetime.time(), zone)
    for paid_since, after in (
        (
            Q(payment__estate_id__in=estate_ids, payment__business_date__gte=start),
            Q(payment__business_date__gte=end),
        ),
        (
            Q(prepaid_entry__estate_id__in=estate_ids, prepaid_entry__created_at__gte=since),
            Q(prepaid_entry__created_at__gte=until),
        ),
    ):
        for estate_id, recovered, later in (
            Allocation.objects.filter(
                paid_since, _on_line(ours), _on_line(earlier) | _on_line(this_month)
            )
            .values_list("line__estate_id")
            .annotate(
                recovered=Sum("amount", filter=_on_line(earlier) & ~after),
                later=Sum("amount", filter=_on_line(this_month) & after),
            )
            .order_by()
        ):
            figures[estate_id].recovered += recovered or ZERO
            figures[estate_id].collected -= later or ZERO
    return dict(figures)


def _on_line(q: Q) -> Q:
    """A condition on a bill line, as seen from an allocation."""
    children = []
    for child in q.children:
        if isinstance(child, Q):
            children.append(_on_line(child))
        else:
            name, value = child
            children.append((f"line__{name}", value))
    return Q(*children, _connector=q.connector, _negated=q.negated)


def _trend(lines, year, month, months, kind) -> dict[int, tuple[list[Figures], Decimal]]:
    """Every month read: per estate, the figures of the window and what its last month
    billed, less waived (two queries over the history)."""
    window = [(y, m + 1) for y, m in months_back(year, month, months)]
    lines = lines.filter(Q(bill__year__lt=year) | Q(bill__year=year, bill__month__lte=month))
    billed = defaultdict(dict)  # estate -> {(year, month): (receivable, amount less waived)}
    for row in (
        lines.values("estate_id", "bill__year", "bill__month")
        .annotate(
            receivable=Sum("amount"),
            net=Sum(F("amount") - F("waived"), output_field=MONEY),
        )
        .order_by()
    ):
        billed[row["estate_id"]][row["bill__year"], row["bill__month"]] = (
            row["receivable"] or ZERO,
            row["net"] or ZERO,
        )
    paid = defaultdict(dict)  # estate -> {(bill period, paid in month): amount}
    for row in (
        Allocation.objects.filter(line__in=lines)
        .annotate(day=_paid_on())
        .filter(day__lt=_first_of_next(year, month))
        .annotate(paid_month=TruncMonth("day"))
        .values("line__estate_id", "line__bill__year", "line__bill__month", "paid_month")
        .annotate(total=Sum("amount"))
        .order_by()
    ):
        key = ((row["line__bill__year"], row["line__bill__month"]), _month_of(row["paid_month"]))
        paid[row["line__estate_id"]][key] = row["total"] or ZERO

    trend = {}
    for estate_id in set(billed) | set(paid):
        bills, payments = billed.get(estate_id, {}), paid.get(estate_id, {})
        figures = []
        for period in window:
            f = Figures(kind=kind, label=f"{period[0]}-{period[1]:02d}", target=target_for(kind))
            f.receivable = bills.get(period, (ZERO, ZERO))[0]
            f.arrears = sum((net for p, (_r, net) in bills.items() if p < period), ZERO)
            for (billed_for, paid_in), amount in payments.items():
                if billed_for == period and paid_in <= period:
                    f.collected += amount
                elif billed_for < period and paid_in < period:
                    f.arrears -= amount
                elif billed_for < period and paid_in == period:
                    f.recovered += amount
            figures.append(f)
        trend[estate_id] = (figures, bills.get(window[-1], (ZERO, ZERO))[1])
    return trend


def _first_of_next(year, month):
    return datetime.date(year + (month == 12), month % 12 + 1, 1)


def _month_of(day):
    return (day.year, day.month)
