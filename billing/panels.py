"""Billing's home panels (desk/home.py): the cashier's today and the rep's visits. Each
panel's context is a selector of a fixed number of queries."""

from django.db.models import Count, Q, Sum

from billing.models import ArrearsCase, Method, Payment
from billing.models.ladder import STAGES, VISIT_STAGES
from desk.clock import user_today


def cashier_today(request) -> dict:
    """Today's takings by method (reversals net off on their day) and the overdue accounts
    by ladder stage (2 queries)."""
    user = request.user
    today = user_today(user)
    takings = {
        row["method"]: row
        for row in Payment.objects.for_user(user)
        .filter(business_date=today)
        .values("method")
        .annotate(total=Sum("amount"), count=Count("pk", filter=Q(reverses__isnull=True)))
        .order_by()
    }
    by_method = [
        (value, label, takings[value]["total"], takings[value]["count"])
        for value, label in Method.choices
        if value in takings
    ]
    stages = dict(
        ArrearsCase.objects.for_user(user)
        .filter(closed_on__isnull=True)
        .values_list("stage")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {
        "today": today,
        "by_method": by_method,
        "takings_total": sum((total for _v, _l, total, _c in by_method), 0),
        "stages": [(stage.value, stage.label, stages.get(stage.value, 0)) for stage in STAGES],
    }


def rep_visits(request, limit=8) -> dict:
    """The accounts of the rep's areas (as rep or deputy) at a visit stage (2 queries)."""
    user = request.user
    mine = Q(unit__building__area_membership__area__rep=user) | Q(
        unit__building__area_membership__area__deputy=user
    )
    cases = (
        ArrearsCase.objects.for_user(user)
        .filter(mine, closed_on__isnull=True, stage__in=VISIT_STAGES)
        .select_related("unit__building")
        .order_by("stage_on", "pk")
    )
    return {"cases": list(cases[:limit]), "count": cases.count(), "visits": "visits"}
