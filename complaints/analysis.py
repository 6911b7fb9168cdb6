"""The daily summary and the monthly complaint analysis (one query each, figures in Python).

Definitions (the report says the same):
- response minutes: received → handling plan, in real minutes; median is the middle value
  (mean of the two middle ones for an even count); p90 is the nearest-rank 90th percentile
  (the value at position ceil(0.9 × n) in the sorted list).
- answered in time: plan given by the due time; the share is over all complaints received
  in the period (an unanswered complaint counts as not in time).
- resolution hours: received → resolved, over the resolved ones.
- satisfaction: over the complaints with a return visit.
"""

import math
import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from complaints.models import Complaint
from complaints.selectors import breached_q
from desk.clock import day_bounds, month_bounds

TOP_UNITS = 10


def minutes_between(start, end):
    return (end - start).total_seconds() / 60


FIELDS = [
    "pk",
    "number",
    "received_at",
    "channel",
    "category",
    "status",
    "validity",
    "severity",
    "invalid_kind",
    "first_response_due",
    "responded_at",
    "resolved_at",
    "satisfaction",
    "unit__building__number",
    "unit__number",
    "complainant_name",
    "subject",
]


def nearest_rank(values, percent):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(math.ceil(percent / 100 * len(ordered)), 1) - 1]


def _choices_count(counter, choices):
    return [(value, label, counter.get(value, 0)) for value, label in choices]


@dataclass
class Analysis:
    estate: object
    start: object
    end: object
    total: int = 0
    by_category: list = field(default_factory=list)
    by_kind: list = field(default_factory=list)
    by_channel: list = field(default_factory=list)
    by_validity: list = field(default_factory=list)
    unruled: int = 0
    by_severity: list = field(default_factory=list)
    by_invalid_kind: list = field(default_factory=list)
    by_status: list = field(default_factory=list)
    answered: int = 0
    answered_in_time: int = 0
    response_median: float | None = None
    response_p90: float | None = None
    resolved: int = 0
    resolution_median_hours: float | None = None
    resolution_average_hours: float | None = None
    visited: int = 0
    satisfaction_average: float | None = None
    satisfaction_distribution: list = field(default_factory=list)
    top_units: list = field(default_factory=list)
    open_breached: int | None = None
    rows: list = field(default_factory=list)

    @property
    def in_time_share(self):
        """Percent of the period's complaints answered by their due time."""
        return round(100 * self.answered_in_time / self.total, 1) if self.total else None


def _analyse(estate, start, end):
    rows = list(
        Complaint.objects.filter(estate=estate, received_at__gte=start, received_at__lt=end)
        .order_by("received_at", "pk")
        .values(*FIELDS)
    )
    result = Analysis(estate=estate, start=start, end=end, total=len(rows), rows=rows)
    count = Counter
    result.by_category = _choices_count(
        count(r["category"] for r in rows), Complaint.Category.choices
    )
    kinds = count(
        "service" if r["category"] in Complaint.SERVICE_CATEGORIES else "business" for r in rows
    )
    result.by_kind = _choices_count(kinds, Complaint.Kind.choices)
    result.by_channel = _choices_count(count(r["channel"] for r in rows), Complaint.Channel.choices)
    result.by_status = _choices_count(count(r["status"] for r in rows), Complaint.Status.choices)
    result.by_validity = _choices_count(
        count(r["validity"] for r in rows), Complaint.Validity.choices
    )
    result.unruled = sum(1 for r in rows if not r["validity"])
    result.by_severity = _choices_count(
        count(r["severity"] for r in rows if r["severity"]), Complaint.Severity.choices
    )
    result.by_invalid_kind = _choices_count(
        count(r["invalid_kind"] for r in rows if r["invalid_kind"]), Complaint.InvalidKind.choices
    )

    answered = [r for r in rows if r["responded_at"] is not None]
    minutes = [minutes_between(r["received_at"], r["responded_at"]) for r in answered]
    result.answered = len(answered)
    result.answered_in_time = sum(
        1 for r in answered if r["responded_at"] <= r["first_response_due"]
    )
    if minutes:
        result.response_median = round(statistics.median(minutes), 1)
        result.response_p90 = round(nearest_rank(minutes, 90), 1)

    hours = [
        minutes_between(r["received_at"], r["resolved_at"]) / 60
        for r in rows
        if r["resolved_at"] is not None
    ]
    result.resolved = len(hours)
    if hours:
        result.resolution_median_hours = round(statistics.median(hours), 1)
        result.resolution_average_hours = round(statistics.fmean(hours), 1)

    scores = [r["satisfaction"] for r in rows if r["satisfaction"] is not None]
    result.visited = len(scores)
    if scores:
        result.satisfaction_average = round(statistics.fmean(scores), 2)
    distribution = Counter(scores)
    result.satisfaction_distribution = [
        (score, distribution.get(score, 0)) for score in range(1, 6)
    ]

    units = Counter(
        f"{r['unit__building__number']}-{r['unit__number']}" for r in rows if r["unit__number"]
    )
    result.top_units = sorted(units.items(), key=lambda item: (-item[1], item[0]))[:TOP_UNITS]
    return result


def monthly_analysis(estate, year: int, month: int) -> Analysis:
    start, end = month_bounds(estate, year, month)
    return _analyse(estate, start, end)


def daily_summary(estate, day: date, now=None) -> Analysis:
    """The day's complaints for the supervisor, plus how many open ones are breached now."""
    start, end = day_bounds(estate, day)
    result = _analyse(estate, start, end)
    result.open_breached = (
        Complaint.objects.filter(estate=estate, received_at__lt=end)
        .exclude(status=Complaint.Status.CLOSED)
        .filter(breached_q(now or timezone.now()))
        .count()
    )
    return result
