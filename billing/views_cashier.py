"""The fee centre: find the unit, see what is open, take the payment, print the receipt;
the payments list, reversals (asked by the cashier, decided by a manager) and waiving."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from billing import exports, payment_services, selectors
from billing.filters import PaymentFilter, ReversalFilter
from billing.forms import PaymentForm, ReasonForm
from billing.models import BillLine, Charge, DepositRefund, Payment, ReversalRequest
from billing.money import ZERO
from desk.errors import BusinessRuleError
from desk.lists import ScopedFilterListView
from desk.scoping import get_scoped_or_404
from tenants.unit_labels import unit_label_filter

TAKE = "billing.add_payment"


def _unit(user, pk):
    from tenants.models import Unit

    return get_scoped_or_404(Unit.objects.select_related("building", "estate"), user, pk=pk)


def _find_units(user, text):
    from tenants.models import Unit

    lookup = unit_label_filter(text)
    units = Unit.objects.for_user(user).select_related("building", "estate")
    if lookup is not None:
        return list(units.filter(lookup)[:20])
    if text.strip():
        return list(units.filter(number__iexact=text.strip())[:20])
    return []


@login_required
@permission_required("billing.view_bill", raise_exception=True)
def cashier(request):
    """Type the unit as staff say it (`3-1502`); one match opens its account at once."""
    query = request.GET.get("unit", "").strip()
    matches = _find_units(request.user, query) if query else []
    if len(matches) == 1:
        return redirect("billing:account", pk=matches[0].pk)
    return render(request, "billing/cashier.html", {"query": query, "matches": matches})


@login_required
@permission_required("billing.view_bill", raise_exception=True)
def account(request, pk, form=None):
    unit = _unit(request.user, pk)
    lines = selectors.open_lines(unit)
    if form is None:
        open_total = sum((line.open_amount + line.late_fee_now for line in lines), ZERO)
        form = PaymentForm(lines=lines, initial={"amount": open_total or None})
    return _account_page(request, unit, lines, form)


def _account_page(request, unit, lines, form, status=200):
    from tenants.models import Occupancy

    open_amount = sum((line.open_amount for line in lines), ZERO)
    late_fees = sum((line.late_fee_now for line in lines), ZERO)
    occupants = Occupancy.objects.current().filter(unit=unit).select_related("resident")
    context = {
        "unit": unit,
        "lines": lines,
        "open_amount": open_amount,
        "late_fees": late_fees,
        "to_pay": open_amount + late_fees,
        "prepaid": selectors.prepaid_for_display(unit),
        "payments": Payment.objects.filter(unit=unit).select_related("reverses")[:10],
        "occupants": occupants,
        "form": form,
        "may_take": request.user.has_perm(TAKE),
        "pending_charges": Charge.objects.filter(unit=unit, status=Charge.Status.PENDING),
        "notices": selectors.notices_given(unit),
        "refunds_due": DepositRefund.objects.filter(
            unit=unit, status=DepositRefund.Status.DUE
        ).select_related("charge"),
    }
    return render(request, "billing/account.html", context, status=status)


@require_POST
@login_required
@permission_required(TAKE, raise_exception=True)
def pay(request, pk):
    unit = _unit(request.user, pk)
    lines = selectors.open_lines(unit)
    form = PaymentForm(request.POST, lines=lines)
    if form.is_valid():
        data = form.cleaned_data
        try:
            payment = payment_services.payment_take(
                unit=unit,
                amount=data["amount"],
                method=data["method"],
                reference=data["reference"],
                line_ids=data["lines"] or None,
                keep_prepaid=form.keep_prepaid(),
                payer_name=data["payer_name"],
                by=request.user,
            )
        except BusinessRuleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("%(amount)s taken, receipt %(number)s.")
                % {"amount": payment.amount, "number": payment.number},
            )
            return redirect("billing:receipt", pk=payment.pk)
    return _account_page(request, unit, lines, form)


class PaymentListView(ScopedFilterListView):
    model = Payment
    permission_required = "billing.view_payment"
    filterset_class = PaymentFilter
    template_name = "billing/payment_list.html"
    partial_template_name = "billing/partials/payment_rows.html"
    export_url_name = "billing:payment_export"
    export_filename = "payments"
    export_title = gettext_lazy("Payments")

    def get_base_queryset(self):
        return Payment.objects.select_related("unit__building", "estate", "taken_by", "reverses")

    def export_columns(self):
        return exports.payment_columns()


@login_required
@permission_required("billing.request_reversal", raise_exception=True)
def reversal_ask(request, pk):
    payment = get_scoped_or_404(
        Payment.objects.select_related("unit__building", "estate"), request.user, pk=pk
    )
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            payment_services.reversal_request(
                payment=payment, reason=form.cleaned_data["reason"], by=request.user
            )
        except BusinessRuleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("The reversal of %(number)s is asked for; a manager decides.")
                % {"number": payment.number},
            )
            return redirect("billing:account", pk=payment.unit_id)
    return render(request, "billing/reversal_ask.html", {"payment": payment, "form": form})


class ReversalListView(ScopedFilterListView):
    model = ReversalRequest
    permission_required = "billing.approve_reversal"
    filterset_class = ReversalFilter
    template_name = "billing/reversal_list.html"
    partial_template_name = "billing/partials/reversal_rows.html"
    export_url_name = "billing:reversal_export"
    export_filename = "reversals"
    export_title = gettext_lazy("Reversals")

    def get_base_queryset(self):
        return ReversalRequest.objects.select_related(
            "payment__unit__building", "requested_by", "decided_by", "estate"
        )

    def export_columns(self):
        return exports.reversal_columns()


@require_POST
@login_required
@permission_required("billing.approve_reversal", raise_exception=True)
def reversal_decide(request, pk, approve):
    reversal = get_scoped_or_404(
        ReversalRequest.objects.select_related("payment"), request.user, pk=pk
    )
    try:
        if approve:
            red = payment_services.reversal_approve(request=reversal, by=request.user)
        else:
            payment_services.reversal_reject(request=reversal, by=request.user)
    except BusinessRuleError as exc:
        messages.error(request, str(exc))
        return redirect("billing:reversal_list")
    if approve:
        messages.success(
            request,
            _("%(number)s reversed by %(red)s.")
            % {"number": reversal.payment.number, "red": red.number},
        )
        return redirect("billing:receipt", pk=red.pk)
    messages.success(request, _("The reversal was refused."))
    return redirect("billing:reversal_list")


def reversal_approve(request, pk):
    return reversal_decide(request, pk, approve=True)


def reversal_reject(request, pk):
    return reversal_decide(request, pk, approve=False)


@login_required
@permission_required("billing.waive_billline", raise_exception=True)
def waive(request, pk, late_fee_only=False):
    line = get_scoped_or_404(
        BillLine.objects.select_related("unit__building", "standard"), request.user, pk=pk
    )
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        service = payment_services.late_fee_waive if late_fee_only else payment_services.line_waive
        try:
            service(line=line, reason=form.cleaned_data["reason"], by=request.user)
        except BusinessRuleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Waived: %(line)s.") % {"line": line})
            return redirect("billing:account", pk=line.unit_id)
    return render(
        request,
        "billing/waive.html",
        {"line": line, "form": form, "late_fee_only": late_fee_only},
    )


def waive_late_fee(request, pk):
    return waive(request, pk, late_fee_only=True)


def receipt_back(payment):
    return reverse("billing:account", args=[payment.unit_id])
