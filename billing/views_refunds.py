"""Deposit refunds: the list, one refund with its deductions and history, the pay-out."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from billing import charge_services
from billing.filters import DepositRefundFilter
from billing.models import DepositRefund, Method
from desk.errors import BusinessRuleError
from desk.exports import excel_time
from desk.lists import ScopedFilterListView
from desk.scoping import get_scoped_or_404

PAY = "billing.pay_depositrefund"


class PayOutForm(forms.Form):
    method = forms.ChoiceField(label=gettext_lazy("Method"), choices=Method.choices)
    reference = forms.CharField(
        label=gettext_lazy("Transaction reference"), max_length=64, required=False
    )


def refund_columns():
    return [
        (_("Estate"), lambda r: r.estate.display_name),
        (_("Unit"), lambda r: r.unit.label),
        (_("Deposit"), lambda r: r.charge.label),
        (_("Deposit held (CNY)"), lambda r: r.held),
        (_("Deducted (CNY)"), lambda r: r.deducted),
        (
            _("Deductions"),
            lambda r: "; ".join(f"{d.amount} {d.reason}" for d in r.deductions.all()),
        ),
        (_("To refund (CNY)"), lambda r: r.amount),
        (_("Status"), lambda r: r.get_status_display()),
        (_("Asked at"), lambda r: excel_time(r.asked_at, r.estate)),
        (_("Paid out on"), lambda r: r.business_date),
        (_("Method"), lambda r: r.get_method_display() if r.method else ""),
        (_("Paid out by"), lambda r: r.paid_by.display_name if r.paid_by_id else ""),
    ]


class RefundListView(ScopedFilterListView):
    model = DepositRefund
    permission_required = "billing.view_depositrefund"
    filterset_class = DepositRefundFilter
    template_name = "billing/refund_list.html"
    partial_template_name = "billing/partials/refund_rows.html"
    export_url_name = "billing:refund_export"
    export_filename = "deposit-refunds"
    export_title = gettext_lazy("Deposit refunds")

    def get_base_queryset(self):
        return DepositRefund.objects.select_related(
            "unit__building", "estate", "charge", "paid_by"
        ).prefetch_related("deductions")

    def export_columns(self):
        return refund_columns()


def _refund(request, pk):
    return get_scoped_or_404(
        DepositRefund.objects.select_related("unit__building", "estate", "charge", "paid_by"),
        request.user,
        pk=pk,
    )


@login_required
@permission_required("billing.view_depositrefund", raise_exception=True)
def refund_detail(request, pk, form=None):
    refund = _refund(request, pk)
    context = {
        "refund": refund,
        "deductions": refund.deductions.all(),
        "history": refund.history.select_related("history_user").order_by("history_date"),
        "form": form or PayOutForm(),
        "may_pay": request.user.has_perm(PAY) and refund.status == DepositRefund.Status.DUE,
    }
    return render(request, "billing/refund_detail.html", context)


@login_required
@permission_required(PAY, raise_exception=True)
def refund_pay(request, pk):
    refund = _refund(request, pk)
    form = PayOutForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            charge_services.refund_pay_out(
                refund=refund,
                method=form.cleaned_data["method"],
                reference=form.cleaned_data["reference"],
                by=request.user,
            )
        except BusinessRuleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("%(amount)s paid out.") % {"amount": refund.amount})
            return redirect("billing:refund_detail", pk=refund.pk)
    return refund_detail(request, pk, form=form)
