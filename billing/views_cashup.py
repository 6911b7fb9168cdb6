"""The cashier's day (日结): close it against what was counted; closed days; the week's
collection list for finance, on a page and in Excel."""

import datetime

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from billing import cashup as cashups
from billing.models import CashUp, Method, Payment
from desk.clock import estate_today
from desk.errors import BusinessRuleError
from desk.exports import excel_time, xlsx_response
from desk.filters import EstateFilterSet, user_estates
from desk.lists import ScopedFilterListView
from desk.scoping import get_scoped_or_404

CLOSE = "billing.close_cashup"
VIEW = "billing.view_cashup"


class CashUpForm(forms.Form):
    signed_name = forms.CharField(label=gettext_lazy("Signed"), max_length=100)
    note = forms.CharField(label=gettext_lazy("Note"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = {}
        for method, label in Method.choices:
            fields[f"counted_{method}"] = forms.DecimalField(
                label=gettext_lazy("Counted: %(method)s") % {"method": label},
                min_value=0,
                max_digits=12,
                decimal_places=2,
                required=False,
            )
        self.fields = {**fields, **self.fields}

    def counted(self):
        return {method: self.cleaned_data.get(f"counted_{method}") for method in Method.values}


def _estate(request):
    estates = user_estates(request).order_by("name")
    wanted = request.GET.get("estate") or request.POST.get("estate")
    if wanted and str(wanted).isdigit():
        found = estates.filter(pk=wanted).first()
        if found is not None:
            return found, estates
    return estates.first(), estates


@login_required
@permission_required(CLOSE, raise_exception=True)
def cashup_today(request):
    """The signed-in cashier's open day: figures by method, counted, close and sign."""
    estate, estates = _estate(request)
    if estate is None:
        return render(request, "billing/cashup_today.html", {"estate": None})
    today = estate_today(estate)
    form = CashUpForm(request.POST or None, initial={"signed_name": request.user.display_name})
    if request.method == "POST" and form.is_valid():
        try:
            closed = cashups.cashup_close(
                estate=estate,
                cashier=request.user,
                day=today,
                counted=form.counted(),
                signed_name=form.cleaned_data["signed_name"],
                note=form.cleaned_data["note"],
            )
        except BusinessRuleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The day is closed and signed."))
            return redirect("billing:cashup_detail", pk=closed.pk)
    figures = cashups.open_day(estate, request.user, today)
    closed_today = CashUp.objects.filter(
        estate=estate, cashier=request.user, business_date=today
    ).first()
    context = {
        "estate": estate,
        "estates": estates,
        "today": today,
        "figures": figures,
        "form": form,
        "closed_today": closed_today,
    }
    return render(request, "billing/cashup_today.html", context)


class CashUpFilter(EstateFilterSet):
    day = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Day"),
        field_name="business_date",
        widget=django_filters.widgets.DateRangeWidget(attrs={"type": "date"}),
    )

    class Meta:
        model = CashUp
        fields = ["estate"]


def cashup_columns():
    columns = [
        (_("Estate"), lambda c: c.estate.display_name),
        (_("Day"), lambda c: c.business_date),
        (_("Cashier"), lambda c: c.cashier.display_name),
    ]
    for method, label in Method.choices:
        columns.append(
            (
                _("%(method)s expected") % {"method": label},
                lambda c, m=method: _line(c, m, "expected"),
            )
        )
        columns.append(
            (
                _("%(method)s counted") % {"method": label},
                lambda c, m=method: _line(c, m, "counted"),
            )
        )
    columns += [
        (_("Expected (CNY)"), lambda c: c.expected),
        (_("Counted (CNY)"), lambda c: c.counted),
        (_("Difference (CNY)"), lambda c: c.difference),
        (_("Signed"), lambda c: c.signed_name),
        (_("Closed at"), lambda c: excel_time(c.closed_at, c.estate)),
        (_("Note"), lambda c: c.note),
    ]
    return columns


def _line(cashup, method, name):
    for line in cashup.lines.all():
        if line.method == method:
            return getattr(line, name)
    return None


class CashUpListView(ScopedFilterListView):
    model = CashUp
    permission_required = VIEW
    filterset_class = CashUpFilter
    template_name = "billing/cashup_list.html"
    partial_template_name = "billing/partials/cashup_rows.html"
    export_url_name = "billing:cashup_export"
    export_filename = "cash-ups"
    export_title = gettext_lazy("Cash-ups")

    def get_base_queryset(self):
        return (
            CashUp.objects.select_related("estate", "cashier")
            .prefetch_related("lines")
            .order_by("-business_date", "cashier__username")
        )

    def export_columns(self):
        return cashup_columns()


@login_required
@permission_required(VIEW, raise_exception=True)
def cashup_detail(request, pk):
    closed = get_scoped_or_404(
        CashUp.objects.select_related("estate", "cashier").prefetch_related("lines"),
        request.user,
        pk=pk,
    )
    entries = (
        Payment.objects.filter(cashup=closed)
        .select_related("unit__building", "reverses")
        .order_by("taken_at")
    )
    context = {
        "cashup": closed,
        "figures": cashups.closed_day_figures(closed),
        "entries": entries,
        "refunds": closed.refunds.select_related("unit__building", "charge"),
    }
    return render(request, "billing/cashup_detail.html", context)


def _week_day(request, estate):
    try:
        return datetime.date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        return estate_today(estate)


@login_required
@permission_required(VIEW, raise_exception=True)
def collection_week(request, export=False):
    """The week's collections for finance: every closed day of the week by cashier and
    method, and the week's totals."""
    estate, estates = _estate(request)
    if estate is None:
        return render(request, "billing/collection_week.html", {"estate": None})
    day = _week_day(request, estate)
    week = cashups.cashups_of_week(request.user, estate, day)
    if export:
        return _week_workbook(estate, week)
    context = {
        "estate": estate,
        "estates": estates,
        "day": day,
        "previous": week["monday"] - datetime.timedelta(days=7),
        "next": week["monday"] + datetime.timedelta(days=7),
        **week,
    }
    return render(request, "billing/collection_week.html", context)


def collection_week_export(request):
    return collection_week(request, export=True)


def _week_workbook(estate, week):
    headers = [
        _("Day"),
        _("Cashier"),
        _("Method"),
        _("Receipts"),
        _("Taken (CNY)"),
        _("Reversed (CNY)"),
        _("Refunded (CNY)"),
        _("Expected (CNY)"),
        _("Counted (CNY)"),
        _("Difference (CNY)"),
    ]
    rows = []
    for closed in week["cashups"]:
        for line in closed.lines.all():
            rows.append(
                [
                    closed.business_date,
                    closed.cashier.display_name,
                    line.get_method_display(),
                    line.receipts,
                    line.taken,
                    line.reversed,
                    line.refunded,
                    line.expected,
                    line.counted,
                    line.difference,
                ]
            )
    for total in week["totals"]:
        rows.append(
            [
                _("Week"),
                "",
                total.label,
                total.receipts,
                total.taken,
                total.reversed,
                total.refunded,
                total.expected,
                total.counted,
                total.difference,
            ]
        )
    name = f"collections-{estate.code}-{week['monday'].isoformat()}.xlsx"
    title = _("Collections %(monday)s") % {"monday": week["monday"].isoformat()}
    return xlsx_response(name, [(title, headers, rows)])


@login_required
@permission_required(VIEW, raise_exception=True)
def cashup_print(request, pk):
    """The closed day on paper (日结单): figures by method, counted, to sign and hand in."""
    from desk.printing import cell, heading, printed_time, row

    closed = get_scoped_or_404(
        CashUp.objects.select_related("estate", "cashier").prefetch_related("lines"),
        request.user,
        pk=pk,
    )
    rows = [
        row(
            cell(_("Cashier"), closed.cashier.display_name),
            cell(_("Day"), closed.business_date.isoformat()),
        ),
        heading(_("By method")),
    ]
    for line in closed.lines.all():
        rows.append(
            row(
                cell(
                    line.get_method_display(),
                    _(
                        "%(receipts)d receipts: taken %(taken)s, reversed %(reversed)s, "
                        "refunded %(refunded)s, expected %(expected)s"
                    )
                    % {
                        "receipts": line.receipts,
                        "taken": line.taken,
                        "reversed": line.reversed,
                        "refunded": line.refunded,
                        "expected": line.expected,
                    },
                ),
                cell(_("Counted (CNY)"), f"{line.counted}"),
            )
        )
    rows += [
        row(
            cell(_("Expected (CNY)"), f"{closed.expected}"),
            cell(_("Counted (CNY)"), f"{closed.counted}"),
        ),
        row(
            cell(_("Difference (CNY)"), f"{closed.difference}"),
            cell(_("Closed at"), printed_time(closed.closed_at, closed.estate)),
        ),
        row(cell(_("Signed"), closed.signed_name), cell(_("Note"), closed.note)),
    ]
    return render(
        request,
        "print/billing_cashup.html",
        {
            "cashup": closed,
            "rows": rows,
            "form_title": _("Daily cash-up"),
            "date": closed.business_date.isoformat(),
            "signatures": [_("Cashier"), _("Checked by")],
            "back_url": reverse("billing:cashup_detail", args=[closed.pk]),
        },
    )
