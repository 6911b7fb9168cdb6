"""The visits' reads: the list, a visit's page, the unit page's visits, the open opinions."""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce

from desk.scoping import get_scoped_or_404
from visits.models import Opinion, Visit

UNIT_PAGE_ROWS = 10


def _opinion_count(opinions):
    """The visit's opinions of `opinions`, counted in a subquery per row: the page's 50
    rows are counted, not every visit joined to its opinions and grouped."""
    counted = (
        opinions.filter(visit=OuterRef("pk"))
        .order_by()
        .values("visit")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _with_counts(qs):
    return qs.select_related("met", "visited_by").annotate(
        opinion_count=_opinion_count(Opinion.objects.all()),
        open_count=_opinion_count(Opinion.objects.open()),
    )


def visits_for_list(user):
    """The list's rows: the estate is not joined, the page does not show it (the workbook
    adds it, see VisitListView.export_related)."""
    return (
        _with_counts(Visit.objects.for_user(user))
        .select_related("unit__building")
        .order_by("-at", "-pk")
    )


def visit_for_page(user, pk):
    qs = (
        Visit.objects.for_user(user)
        .select_related("estate", "unit__building", "unit__estate", "met", "visited_by")
        .prefetch_related(
            Prefetch(
                "opinions",
                queryset=Opinion.objects.select_related("answered_by", "complaint", "work_order"),
            )
        )
    )
    return get_scoped_or_404(qs, user, pk=pk)


def opinion_for_page(user, pk):
    qs = Opinion.objects.for_user(user).select_related(
        "unit__building",
        "unit__estate",
        "estate",
        "visit__met",
        "survey_answer__question",
        "survey_answer__response",
    )
    return get_scoped_or_404(qs, user, pk=pk)


def unit_visits(unit):
    """The unit page's visits: the latest, with who was met and by whom (one query)."""
    return list(
        _with_counts(Visit.objects.filter(unit=unit)).order_by("-at", "-pk")[:UNIT_PAGE_ROWS]
    )
