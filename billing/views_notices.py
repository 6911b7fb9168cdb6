"""Payment notices (缴费通知单) to print: one unit's (the payer's copy and the fee centre's),
or a whole building's month, two A5 notices on each A4 sheet."""

from django import forms
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from billing.forms import MONTH_INPUT, clean_period
from billing.models import Bill
from billing.notices import notice_rows, notices_for, payment_notices_number
from desk.clock import estate_today
from desk.scoping import get_scoped_or_404
from tenants.filters import user_buildings

VIEW = "billing.view_bill"


def _period(request, default):
    try:
        return clean_period(request.GET.get("period", ""))
    except forms.ValidationError:
        return default


def _pages(notices, per_sheet=2):
    return [notices[i : i + per_sheet] for i in range(0, len(notices), per_sheet)]


def _render(request, notices, *, back_url, title_suffix, copies=None):
    payment_notices_number(notices)  # the first print numbers them; a reprint keeps it
    for notice in notices:
        notice.rows = notice_rows(notice)
    if copies:  # one unit: the same notice twice, the payer's and the fee centre's
        halves = [(notices[0], copy) for copy in copies]
        sheets = [halves]
    else:
        sheets = [[(n, "") for n in pair] for pair in _pages(notices)]
    return render(
        request,
        "print/billing_notices.html",
        {
            "sheets": sheets,
            "notices": notices,
            "rows": notices[0].rows if notices else [],
            "form_title": _("Payment notice"),
            "title_suffix": title_suffix,
            "signatures": [_("Fee centre")],
            "back_url": back_url,
        },
    )


@login_required
@permission_required(VIEW, raise_exception=True)
def unit_notice(request, pk):
    """One unit's notice of a month (`?period=YYYY-MM`; default: its latest monthly bill)."""
    from tenants.models import Unit

    unit = get_scoped_or_404(Unit.objects.select_related("building", "estate"), request.user, pk=pk)
    latest = (
        Bill.objects.filter(unit=unit, kind=Bill.Kind.MONTHLY)
        .order_by("-year", "-month")
        .values_list("year", "month")
        .first()
    )
    today = estate_today(unit.estate)
    year, month = _period(request, latest or (today.year, today.month))
    notices = notices_for([unit], year, month, today=today)
    back_url = reverse("billing:account", args=[unit.pk])
    if not notices:
        return render(
            request,
            "print/billing_notices.html",
            {
                "sheets": [],
                "form_title": _("Payment notice"),
                "back_url": back_url,
                "empty": _("%(unit)s has no bill for %(period)s.")
                % {"unit": unit.label, "period": f"{year}-{month:02d}"},
            },
            status=404,
        )
    return _render(
        request,
        notices,
        back_url=back_url,
        title_suffix=unit.label,
        copies=[_("Payer's copy"), _("Fee centre's copy")],
    )


class NoticeBatchForm(forms.Form):
    building = forms.ModelChoiceField(label=gettext_lazy("Building"), queryset=None)
    period = forms.CharField(label=gettext_lazy("Month"), widget=MONTH_INPUT)

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["building"].queryset = user_buildings(request)

    def clean_period(self):
        return clean_period(self.cleaned_data["period"])


@login_required
@permission_required(VIEW, raise_exception=True)
def building_notices(request):
    """A building's notices of a month, two to a sheet; without a choice, the form."""
    form = NoticeBatchForm(request.GET or None, request=request)
    if not form.is_valid():
        return render(request, "billing/notice_batch.html", {"form": form})
    from tenants.models import Unit

    building = form.cleaned_data["building"]
    year, month = form.cleaned_data["period"]
    units = (
        Unit.objects.filter(building=building)
        .select_related("building", "estate")
        .order_by("sort_key")
    )
    notices = notices_for(units, year, month)
    if not notices:
        form.add_error(None, _("No unit of this building is billed for that month."))
        return render(request, "billing/notice_batch.html", {"form": form})
    return _render(
        request,
        notices,
        back_url=reverse("billing:notice_batch"),
        title_suffix=f"{building} {year}-{month:02d}",
    )
