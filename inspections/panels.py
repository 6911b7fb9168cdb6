"""The home panels' contexts: a few queries each, whatever the number of estates
(tests/desk/test_home.py counts them per role)."""

import datetime

from django.db.models import Count, Min, Q

from desk.clock import estate_today
from desk.scoping import user_estates
from inspections import coverage
from inspections.models import HOUSEKEEPING_TYPES, Finding, RectificationNotice, Round


def _yesterday(estate):
    return estate_today(estate) - datetime.timedelta(days=1)


def yesterday_due(request, estates) -> list[dict]:
    """Yesterday's lines of the daily rules (coverage.today_due), worked out once per
    request: the supervisor's review panel and the manager's coverage panel both read them."""
    key = tuple(estate.pk for estate in estates)
    cached = getattr(request, "_inspections_yesterday_due", None)
    if cached is None or cached[0] != key:
        cached = (key, coverage.today_due(estates, _yesterday))
        request._inspections_yesterday_due = cached
    return cached[1]


def today_panel(request):
    """The rep's today: the daily rounds still due, and their own rounds in progress."""
    user = request.user
    lines = coverage.today_due(user_estates(user), estate_today)
    return {
        "due": [line for line in lines if line["gap"] and line["round_type"] != "manager"],
        "drafts": Round.objects.for_user(user).filter(by=user, status=Round.Status.DRAFT).count(),
    }


def review_panel(request):
    """The supervisor's: the review queue, open findings, overdue contractor notices and
    yesterday's coverage gaps."""
    user = request.user
    queue = (
        Round.objects.for_user(user)
        .filter(status=Round.Status.SUBMITTED)
        .aggregate(count=Count("pk"), oldest=Min("submitted_at"))
    )
    estates = user_estates(user)
    gaps = [line for line in yesterday_due(request, estates) if line["gap"]]
    overdue = (
        RectificationNotice.objects.for_user(user)
        .filter(closed_at__isnull=True)
        .filter(_before_today("deadline", estates))
        .count()
    )
    return {
        "queue": queue["count"],
        "oldest": queue["oldest"],
        "open_findings": Finding.objects.for_user(user)
        .exclude(status=Finding.Status.VERIFIED)
        .count(),
        "overdue_notices": overdue,
        "gaps": gaps,
        "gap_count": sum(line["gap"] for line in gaps),
    }


def _before_today(field, estates):
    """A date field before each estate's today (of the row's contractor's estate)."""
    q = Q(pk__in=[])
    for estate in estates:
        q |= Q(contractor__estate=estate, **{f"{field}__lt": estate_today(estate)})
    return q


def housekeeping_panel(request):
    """The housekeeping supervisor's: today's cleaning, greening and pest-control rounds,
    and the open non-conformities of those checks."""
    user = request.user
    lines = coverage.today_due(user_estates(user), estate_today)
    return {
        "lines": [line for line in lines if line["round_type"] in HOUSEKEEPING_TYPES],
        "open_findings": Finding.objects.for_user(user)
        .filter(round__round_type__in=list(HOUSEKEEPING_TYPES))
        .exclude(status=Finding.Status.VERIFIED)
        .count(),
    }
