"""The manager's patrol panel on the home page (desk/home.py): yesterday's coverage of the
daily rounds per estate, and the contractors' latest monthly scores. A fixed number of
queries whatever the number of estates or contractors; each figure links to its page."""

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.http import urlencode

from desk.scoping import user_estates
from inspections.models import Contractor, Evaluation
from inspections.panels import _yesterday, yesterday_due

CONTRACTOR_ROWS = 6


def _latest(field):
    return Subquery(
        Evaluation.objects.filter(contractor=OuterRef("pk"))
        .order_by("-year", "-month")
        .values(field)[:1]
    )


def manager_panel(request) -> dict:
    user = request.user
    estates = sorted(user_estates(user), key=lambda estate: (estate.code, estate.pk))
    by_estate = {}
    for line in yesterday_due(request, user_estates(user)):
        required, done = by_estate.get(line["estate"].pk, (0, 0))
        by_estate[line["estate"].pk] = (
            required + line["required"],
            done + min(line["done"], line["required"]),
        )
    url = reverse("inspections:coverage")
    rows = []
    for estate in estates:
        required, done = by_estate.get(estate.pk, (0, 0))
        day = _yesterday(estate).isoformat()
        rows.append(
            {
                "estate": estate,
                "required": required,
                "done": done,
                "share": round(100 * done / required, 1) if required else None,
                "url": f"{url}?{urlencode({'estate': estate.pk, 'first': day, 'last': day})}",
            }
        )
    contractors = list(
        Contractor.objects.for_user(user)
        .filter(active=True)
        .select_related("estate")
        .annotate(
            last_year=_latest("year"), last_month=_latest("month"), last_total=_latest("total")
        )
        .order_by("last_total", "name", "pk")[:CONTRACTOR_ROWS]
    )
    return {"coverage": rows, "several": len(rows) > 1, "contractors": contractors}
