"""Completion figures for the weekly check and the monthly report.

Over the orders *created* in a period, cancelled ones left out:
- completion rate = completed (done, verified or closed) / orders;
- on-time rate (维修及时率) = completed no later than their due time / completed.
Each is a percentage with one decimal, or None when there is nothing to divide by.
A period is of days (first, end exclusive), each order on its own estate's calendar.
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Q

from desk.clock import period_q, week_start
from workorders.models import COMPLETED, Department, Status, Trade

_COMPLETED = Q(status__in=COMPLETED)
_AGGREGATES = {
    "total": Count("pk"),
    "completed": Count("pk", filter=_COMPLETED),
    "on_time": Count("pk", filter=_COMPLETED & Q(done_at__lte=F("due_at"))),
}


def percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass(frozen=True)
class Figures:
    key: str
    label: str
    total: int
    completed: int
    on_time: int

    @property
    def completion_rate(self):
        return percent(self.completed, self.total)

    @property
    def on_time_rate(self):
        return percent(self.on_time, self.completed)

    @property
    def open(self):
        return self.total - self.completed


@dataclass(frozen=True)
class CompletionCheck:
    start: datetime.date
    end: datetime.date  # exclusive
    overall: Figures
    by_trade: list[Figures]
    by_department: list[Figures]


def week_bounds(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    monday = week_start(day)
    return monday, monday + datetime.timedelta(days=7)


def month_bounds(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    first = day.replace(day=1)
    return first, (first + datetime.timedelta(days=32)).replace(day=1)


def period_orders(orders, start: datetime.date, end: datetime.date, *, estates):
    """The orders of `estates` created on the days [start, end) of their estate's calendar."""
    return orders.filter(period_q(estates, "created_at", start, end)).exclude(
        status=Status.CANCELLED
    )


def _grouped(orders, field, choices):
    rows = {row[field]: row for row in orders.values(field).annotate(**_AGGREGATES).order_by()}
    return [
        Figures(key, label, rows[key]["total"], rows[key]["completed"], rows[key]["on_time"])
        for key, label in choices
        if key in rows
    ]


def completion_check(
    orders, start: datetime.date, end: datetime.date, *, estates
) -> CompletionCheck:
    """Three queries: overall, by trade, by department."""
    orders = period_orders(orders, start, end, estates=estates)
    total = orders.aggregate(**_AGGREGATES)
    return CompletionCheck(
        start=start,
        end=end,
        overall=Figures("", "", total["total"], total["completed"], total["on_time"]),
        by_trade=_grouped(orders, "trade", Trade.choices),
        by_department=_grouped(orders, "department", Department.choices),
    )
