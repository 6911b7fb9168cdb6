"""The meter-reading sheet: a whole building's units, one field each, saved as one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from billing.forms import ReadingSheetChoiceForm, parse_amount
from billing.meter_services import ReadingEntry, ReadingErrors, readings_save
from billing.models import MeterReading


@login_required
@permission_required("billing.add_meterreading", raise_exception=True)
def reading_sheet(request):
    choice = ReadingSheetChoiceForm(request.GET or None, request=request)
    if not request.GET or not choice.is_valid():
        return render(request, "billing/reading_sheet.html", {"choice": choice, "rows": None})
    building = choice.cleaned_data["building"]
    kind = choice.cleaned_data["kind"]
    year, month = choice.cleaned_data["period"]
    units = list(building.units.select_related("building").order_by("floor", "number"))
    previous, current = _readings(units, kind, year, month)
    errors, typed = {}, {}
    if request.method == "POST":
        entries = []
        for unit in units:
            raw = request.POST.get(f"r{unit.pk}", "")
            raw_start = request.POST.get(f"s{unit.pk}", "")
            replaced = request.POST.get(f"x{unit.pk}") == "on"
            typed[unit.pk] = (raw, raw_start, replaced)
            try:
                reading = parse_amount(raw)
                start = parse_amount(raw_start)
            except ValueError:
                errors[unit.label] = _("Not a reading: type digits, at most 2 decimals.")
                continue
            if reading is None:
                if replaced or start is not None:
                    errors[unit.label] = _("Give the reading.")
                continue
            entries.append(ReadingEntry(unit, reading, replaced, start))
        if not errors:
            try:
                count = readings_save(
                    kind=kind, year=year, month=month, entries=entries, by=request.user
                )
            except ReadingErrors as exc:
                errors = exc.errors
            else:
                messages.success(
                    request,
                    _("%(count)d readings of %(building)s saved.")
                    % {"count": count, "building": building},
                )
                return redirect(request.get_full_path())
        if errors:
            messages.error(
                request,
                _("Nothing was saved: %(rows)s.")
                % {"rows": "; ".join(f"{label} {msg}" for label, msg in errors.items())},
            )
    rows = []
    for unit in units:
        raw, raw_start, replaced = typed.get(unit.pk, ("", "", False))
        saved = current.get(unit.pk)
        if not typed and saved is not None:
            raw = str(saved.reading)
            replaced = saved.replaced
            raw_start = str(saved.start) if saved.replaced else ""
        rows.append(
            {
                "unit": unit,
                "previous": previous.get(unit.pk),
                "saved": saved,
                "value": raw,
                "start": raw_start,
                "replaced": replaced,
                "error": errors.get(unit.label, ""),
            }
        )
    return render(
        request,
        "billing/reading_sheet.html",
        {
            "choice": choice,
            "rows": rows,
            "building": building,
            "kind_label": MeterReading.Kind(kind).label,
            "period": f"{year}-{month:02d}",
            "action": reverse("billing:readings") + "?" + request.GET.urlencode(),
        },
    )


def _readings(units, kind, year, month):
    """{unit id: the latest reading before the month}, {unit id: the month's reading}."""
    previous, current = {}, {}
    period = year * 12 + month
    for r in MeterReading.objects.filter(unit__in=units, kind=kind, year__lte=year).order_by(
        "-year", "-month"
    ):
        p = r.year * 12 + r.month
        if p == period:
            current[r.unit_id] = r
        elif p < period:
            previous.setdefault(r.unit_id, r)
    return previous, current
