"""The manager's collection panel on the home page (desk/home.py): the property-fee
collection rate of the month against its target, and the 12-month trend as a chart."""

from desk.clock import user_today


def manager_collection(request, months=12) -> dict:
    """The manager's: per estate, this month's property-fee collection rate against its 95%
    target and the trend of the last `months` months (current-period and arrears recovery
    rates), each figure the collection statistics of its month (the estates, then
    `monthly_trend`'s: 1 query while no money has moved since it was read)."""
    from django.urls import reverse
    from django.utils.http import urlencode
    from django.utils.translation import gettext as _

    from billing.arrears import PROPERTY_TARGET, monthly_trend
    from billing.models import BillLine
    from desk.charts import chart
    from desk.models import Estate

    user = request.user
    today = user_today(user)
    estates = list(Estate.objects.for_user(user).order_by("code", "pk"))
    trend = monthly_trend(
        BillLine.objects.for_user(user),
        year=today.year,
        month=today.month,
        estate_ids=[estate.pk for estate in estates],
    )
    rows = []
    for estate in estates:
        figures = trend[estate.pk]
        if not any(f.receivable or f.arrears for f in figures):
            continue  # nothing billed yet
        current = figures[-1]
        query = {"estate": estate.pk, "year": today.year, "period": "month", "number": today.month}
        rows.append(
            {
                "estate": estate,
                "current": current,
                "url": reverse("billing:statistics") + "?" + urlencode(query),
                "chart": chart(
                    f"collection-trend-{estate.pk}",
                    caption=_("Property-fee collection, the last %(n)s months") % {"n": months},
                    heading=_("Month"),
                    labels=[f.label for f in figures],
                    series=[
                        (_("Current-period collection rate"), [f.rate for f in figures]),
                        (_("Arrears recovery rate"), [f.recovery_rate for f in figures]),
                    ],
                    unit="%",
                    target=PROPERTY_TARGET,
                    target_label=_("Target"),
                    max=100,
                ),
            }
        )
    return {"rows": rows, "today": today, "target": PROPERTY_TARGET, "several": len(rows) > 1}
