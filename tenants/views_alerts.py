"""htmx: what staff must know about the unit typed so far (tenants.extensions.unit_alerts),
for the visit log, the complaint intake and the repair call."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from desk.models import Estate
from tenants.extensions import unit_alerts
from tenants.models import Unit
from tenants.unit_labels import find_unit


def unit_for_typed(user, estate_key, label):
    """The unit of one of the user's estates that the typed label names, or None."""
    estates = Estate.objects.for_user(user)
    if estate_key and str(estate_key).isdigit():
        estates = estates.filter(pk=estate_key)
    units = Unit.objects.filter(estate__in=estates).select_related("building", "estate")
    return find_unit(units, label or "")


@login_required
def alerts_for_unit(request):
    unit = unit_for_typed(request.user, request.GET.get("estate"), request.GET.get("unit_label"))
    alerts = unit_alerts(unit) if unit is not None else []
    return render(request, "tenants/partials/unit_alerts.html", {"alerts": alerts, "unit": unit})
