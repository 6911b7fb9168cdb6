"""The visits' home panels (desk/home.py): the rep's round today and the opinions due, the
supervisor's handling rate and overdue opinions, the manager's half-year visit rate and the
last survey's return rate. Each a few queries, whatever the number of estates or rows."""

import datetime

from django.db.models import Count, Max, Q
from django.utils import timezone

from desk.clock import period_q, user_day_start, user_today
from desk.models import Estate
from tenants.models import AreaBuilding, Occupancy, Unit
from visits.models import Opinion, Visit, VisitSettings
from visits.rates import CLOSED, HANDLING_TARGET, half_of, rate
from visits.survey_results import surveys_for_list

ROWS = 5


def _mine(user):
    """The opinions of the units of the rep's areas (as rep or deputy), or raised by them:
    each a subquery on the opinion's own columns, so that nothing is joined to every open
    opinion before the first rows are chosen."""
    buildings = AreaBuilding.objects.filter(Q(area__rep=user) | Q(area__deputy=user))
    units = Unit.objects.filter(building_id__in=buildings.values("building_id"))
    return Q(unit_id__in=units.values("pk")) | Q(
        visit_id__in=Visit.objects.filter(visited_by=user).values("pk")
    )


def _first_rows(opinions):
    """The first ROWS of `opinions` (ordered), with what the panel shows of each: the rows
    chosen on the opinions alone, then joined."""
    chosen = opinions.values("pk")[:ROWS]
    return list(
        Opinion.objects.filter(pk__in=chosen)
        .select_related("unit__building", "survey_answer__question")
        .order_by(*opinions.query.order_by)
    )


def rep_today(request) -> dict:
    """The rep's visits recorded today and the open opinions of their areas and visits, the
    soonest due first. (3 queries)"""
    user = request.user
    start = user_day_start(user)
    visits_today = Visit.objects.for_user(user).filter(visited_by=user, at__gte=start).count()
    due = Opinion.objects.for_user(user).open().filter(_mine(user)).order_by("answer_due", "pk")
    return {
        "visits_today": visits_today,
        "due": _first_rows(due),
        "due_count": due.count(),
        "now": timezone.now(),
    }


def supervisor_rates(request) -> dict:
    """This month's handling rate across the supervisor's estates and the overdue opinions.
    (4 queries)"""
    user = request.user
    estates = list(Estate.objects.for_user(user))
    today = user_today(user)
    first = today.replace(day=1)
    end = (first + datetime.timedelta(days=32)).replace(day=1)
    now = timezone.now()
    counts = (
        Opinion.objects.for_user(user)
        .filter(period_q(estates, "raised_at", first, end))
        .aggregate(raised=Count("pk"), handled=Count("pk", filter=CLOSED))
    )
    overdue = Opinion.objects.for_user(user).overdue(now).order_by("answer_due", "pk")
    return {
        "month": first,
        "raised": counts["raised"],
        "handled": counts["handled"],
        "rate": rate(counts["handled"], counts["raised"]),
        "target": HANDLING_TARGET,
        "overdue": _first_rows(overdue),
        "overdue_count": overdue.count(),
        "now": now,
    }


def _half_days(today):
    year, half = half_of(today)
    first = datetime.date(year, 1 if half == 1 else 7, 1)
    end = datetime.date(year, 7, 1) if half == 1 else datetime.date(year + 1, 1, 1)
    return year, half, first, end


def manager_rates(request) -> dict:
    """The half-year's visit rate of the director's visits across the manager's estates
    (households with a current occupant met on a director's visit), and the return rate
    of the latest survey. (6 queries)"""
    user = request.user
    estates = list(Estate.objects.for_user(user))
    year, half, first, end = _half_days(user_today(user))
    by_director = (
        Visit.objects.filter(
            period_q(estates, "at", first, end), kind=Visit.Kind.DIRECTOR, met__isnull=False
        )
        .order_by()
        .values("unit_id")
    )
    # The households (units with a current occupant) and those of them a director met, in
    # one pass over the units, as the half-year plan counts them (visits/rates.py).
    counts = Unit.objects.filter(
        estate__in=estates,
        pk__in=Occupancy.objects.filter(move_out__isnull=True).values("unit_id"),
    ).aggregate(due=Count("pk"), visited=Count("pk", filter=Q(pk__in=by_director)))
    due, visited = counts["due"], counts["visited"]
    targets = VisitSettings.objects.filter(estate__in=estates).aggregate(
        half=Max("half_year_target"), survey=Max("survey_return_target")
    )
    last = surveys_for_list(user).first()
    return {
        "year": year,
        "half": half,
        "due": due,
        "visited": visited,
        "visit_rate": rate(visited, due),
        "visit_target": targets["half"] or 98,
        "survey": last,
        "survey_rate": rate(last.answered, last.sheet_count) if last else None,
        "survey_target": targets["survey"] or 70,
    }
