"""The handling rate of the opinions per month and area, and the half-year visit plan."""

import datetime

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from desk.clock import estate_today
from desk.models import Estate
from visits import rates

VIEW = "visits.view_visit"


def _estate(request):
    estates = list(Estate.objects.for_user(request.user))
    key = request.GET.get("estate", "")
    chosen = next((e for e in estates if str(e.pk) == key), None)
    return (chosen or (estates[0] if estates else None)), estates


def _month(value, today):
    try:
        year, month = (int(part) for part in value.split("-"))
        return datetime.date(year, month, 1)
    except (TypeError, ValueError):
        return today.replace(day=1)


def _shift(first, months):
    index = first.year * 12 + first.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


@login_required
@permission_required(VIEW, raise_exception=True)
def handling_rate(request):
    estate, estates = _estate(request)
    context = {"estates": estates, "estate": estate, "target": rates.HANDLING_TARGET}
    if estate is not None:
        first = _month(request.GET.get("month", ""), estate_today(estate))
        rows, total = rates.handling_rates(
            estate, first.year, first.month, no_area_label=_("In no area")
        )
        context |= {
            "month": first,
            "previous": _shift(first, -1),
            "next": _shift(first, 1),
            "rows": rows,
            "total": total,
        }
    return render(request, "visits/handling_rate.html", context)


def _half(value, today):
    try:
        year, half = (int(part) for part in value.split("-"))
        if half in (1, 2):
            return year, half
    except (TypeError, ValueError):
        pass
    return rates.half_of(today)


@login_required
@permission_required(VIEW, raise_exception=True)
def half_year_plan(request):
    estate, estates = _estate(request)
    context = {"estates": estates, "estate": estate}
    if estate is not None:
        year, half = _half(request.GET.get("half", ""), estate_today(estate))
        rows = rates.half_year_plan(
            estate,
            year,
            half,
            estate_label=_("Director: every household"),
            no_area_label=_("In no area"),
        )
        shown = next((r for r in rows if r.key == request.GET.get("plan", "")), None)
        context |= {
            "year": year,
            "half": half,
            "previous": f"{year - 1}-2" if half == 1 else f"{year}-1",
            "next": f"{year}-2" if half == 1 else f"{year + 1}-1",
            "rows": rows,
            "target": rows[0].target,
            "shown": shown,
            "missing_by_building": _by_building(shown.missing) if shown else [],
        }
    return render(request, "visits/half_year_plan.html", context)


def _by_building(units):
    groups = []
    for unit in units:
        if not groups or groups[-1][0] != unit.building:
            groups.append((unit.building, []))
        groups[-1][1].append(unit)
    return groups
