"""The receipt (收据): two A5 copies on one A4, the payer's and the fee centre's; a
reversal prints as a red receipt (红字收据) naming the receipt it reverses."""

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from billing.models import Payment
from billing.money import amount_in_words
from desk.printing import cell, heading, printed_time, row
from desk.scoping import get_scoped_or_404


@login_required
@permission_required("billing.view_payment", raise_exception=True)
def receipt(request, pk):
    payment = get_scoped_or_404(
        Payment.objects.select_related("estate", "unit__building", "taken_by", "reverses"),
        request.user,
        pk=pk,
    )
    allocations = list(
        payment.allocations.select_related("line__bill", "line__standard").order_by(
            "line__due_date", "line_id"
        )
    )
    red = payment.is_reversal
    return render(
        request,
        "print/billing_receipt.html",
        {
            "payment": payment,
            "red": red,
            "form_title": _("Red receipt (reversal)") if red else _("Receipt"),
            "date": printed_time(payment.taken_at, payment.estate, "%Y-%m-%d"),
            "copies": [_("Payer's copy"), _("Fee centre's copy")],
            "rows": receipt_rows(payment, allocations),
            "signatures": [_("Cashier"), _("Payer")],
            "back_url": reverse("billing:account", args=[payment.unit_id]),
        },
    )


def receipt_rows(payment, allocations):
    method = payment.get_method_display()
    if payment.reference:
        method = f"{method} · {payment.reference}"
    rows = [
        row(cell(_("Unit"), payment.unit.label), cell(_("Paid by"), payment.payer_name)),
        row(
            cell(_("Method"), method),
            cell(_("Taken at"), printed_time(payment.taken_at, payment.estate)),
        ),
    ]
    if payment.is_reversal:
        rows.append(
            row(
                cell(_("Reverses receipt"), payment.reverses.number),
                cell(_("Reason"), payment.reason),
            )
        )
    rows.append(heading(_("Paid for")))
    for allocation in allocations:
        line = allocation.line
        rows.append(row(cell(line.label, f"{allocation.amount}")))
    if payment.prepaid:
        kept = _("Kept as prepaid")
        if payment.prepaid_kind:
            kept = f"{kept} ({payment.get_prepaid_kind_display()})"
        rows.append(row(cell(kept, f"{payment.prepaid}")))
    rows += [
        row(
            cell(_("Total (CNY)"), f"{payment.amount}"),
            cell(_("In words"), amount_in_words(payment.amount)),
        ),
        row(cell(_("Cashier"), payment.taken_by.display_name)),
    ]
    return rows
