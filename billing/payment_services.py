"""Payments at the fee centre, their reversal, and waiving: each in one transaction.

A payment locks its unit's row, so two cashiers paying the same unit take turns; its
receipt number is taken last, inside the same transaction (desk.numbering: no gap, no
duplicate per estate and year).
"""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from billing.figures import figures_changed
from billing.models import Allocation, BillLine, Method, Payment, PrepaidEntry, ReversalRequest
from billing.money import ZERO, money
from billing.selectors import deadline_notices, line_late_fee, prepaid_balances
from desk import roles
from desk.clock import estate_today
from desk.errors import BusinessRuleError
from desk.inbox import notify
from desk.numbering import number_next

RECEIPT = "SJ"
REVERSAL_ASKED = "billing.reversal_asked"  # to the estate's managers, who decide it
KEEP_NONE = None  # an overpayment is refused unless the cashier says to keep it


def payment_take(
    *,
    unit,
    amount: Decimal,
    method: str,
    by,
    reference: str = "",
    line_ids=None,
    keep_prepaid: str | None = KEEP_NONE,
    payer_name: str = "",
) -> Payment:
    """Take `amount` for the unit: the late fee to date and then the open amount of each
    line, oldest first (or only the lines the cashier picked, `line_ids`). What is left is
    kept as prepaid balance (预存) only when `keep_prepaid` says so: "" general, or a fee kind
    it is earmarked for; else the payment is refused. Returns the payment (its receipt)."""
    amount = money(amount)
    reference = reference.strip()
    if amount <= 0:
        raise BusinessRuleError(_("The amount must be more than zero."))
    if method not in Method.values:
        raise BusinessRuleError(_("Choose how it is paid."))
    if method != Method.CASH and not reference:
        raise BusinessRuleError(_("Give the transaction reference of this payment."))
    if method == Method.CASH:
        reference = ""
    from tenants.models import Unit

    with transaction.atomic():
        figures_changed()
        unit = Unit.objects.select_for_update(of=("self",)).select_related("estate").get(pk=unit.pk)
        estate = unit.estate
        if reference and (
            taken := Payment.objects.filter(
                method=method, reference=reference, reverses__isnull=True
            ).first()
        ):
            raise BusinessRuleError(
                _("This transaction reference was already taken, on receipt %(number)s.")
                % {"number": taken.number}
            )
        today = estate_today(estate)
        lines = list(
            BillLine.objects.select_for_update(of=("self",))
            .filter(unit=unit, status=BillLine.Status.OPEN)
            .select_related("standard")
            .order_by("due_date", "id")
        )
        if line_ids is not None:
            wanted = {int(pk) for pk in line_ids}
            lines = [line for line in lines if line.pk in wanted]
            if len(lines) != len(wanted):
                raise BusinessRuleError(_("A line picked is no longer open; look again."))
        left = amount
        plan = []  # (line, amount)
        deadlines = deadline_notices([unit.pk]).get(unit.pk, [])
        for line in lines:
            if left <= 0:
                break
            fee = line_late_fee(line, today, deadlines)
            if fee > 0:
                fee_line = _write_late_fee(line, fee, today)
                take = min(left, fee)
                plan.append((fee_line, take))
                left -= take
            take = min(left, line.open_amount)
            if take > 0:
                plan.append((line, take))
                left -= take
        if left > 0 and keep_prepaid is KEEP_NONE:
            raise BusinessRuleError(
                _("%(extra)s is more than what is open. Take less, or keep it as prepaid balance.")
                % {"extra": left}
            )
        now = timezone.now()
        try:
            with transaction.atomic():
                payment = Payment(
                    estate=estate,
                    unit=unit,
                    number=number_next(kind=RECEIPT, year=today.year, estate=estate),
                    method=method,
                    reference=reference,
                    amount=amount,
                    prepaid=left,
                    prepaid_kind=(keep_prepaid or "") if left > 0 else "",
                    payer_name=payer_name.strip(),
                    taken_by=by,
                    taken_at=now,
                    business_date=today,
                )
                payment._history_user = by
                payment.save()
        except IntegrityError as exc:
            if "payment_reference_once_per_method" not in str(exc):
                raise  # a receipt number taken twice would be a bug in numbering: not hidden
            # the same reference, saved by a concurrent payment
            raise BusinessRuleError(_("This transaction reference was already taken.")) from exc
        allocations = []
        for line, take in plan:
            _pay(line, take)
            allocations.append(Allocation(line=line, payment=payment, amount=take))
        Allocation.objects.bulk_create(allocations)
        if left > 0:
            PrepaidEntry.objects.create(
                estate=estate, unit=unit, kind=payment.prepaid_kind, amount=left, payment=payment
            )
    return payment


def _write_late_fee(line, fee, today):
    """The late fee to date of `line` as a line of its own (on the same bill)."""
    fee_line = BillLine.objects.create(
        estate_id=line.estate_id,
        unit_id=line.unit_id,
        bill_id=line.bill_id,
        standard=line.standard,
        kind=line.kind,
        late_fee_of=line,
        payer_id=line.payer_id,
        description=line.description,
        quantity=Decimal("1"),
        rate=fee,
        gross=fee,
        amount=fee,
        due_date=today,
    )
    line.late_fee_charged += fee
    line.late_fee_until = today
    line.save(update_fields=["late_fee_charged", "late_fee_until"])
    return fee_line


def _pay(line, take):
    line.paid += take
    line.status = BillLine.Status.PAID if line.open_amount == 0 else BillLine.Status.OPEN
    line.save(update_fields=["paid", "status"])


def reversal_request(*, payment: Payment, reason: str, by) -> ReversalRequest:
    reason = reason.strip()
    if not reason:
        raise BusinessRuleError(_("Give the reason for the reversal."))
    if payment.is_reversal:
        raise BusinessRuleError(_("A reversal cannot be reversed."))
    try:
        with transaction.atomic():
            request = ReversalRequest.objects.create(
                estate_id=payment.estate_id, payment=payment, reason=reason, requested_by=by
            )
            notify(
                estate=payment.estate,
                kind=REVERSAL_ASKED,
                role=roles.MANAGER,
                values={
                    "by": by.get_full_name() or by.get_username(),
                    "number": payment.number,
                    "amount": str(payment.amount),
                    "note": reason,
                },
                url=reverse("billing:reversal_list") + f"?status=requested#reversal-{request.pk}",
            )
            return request
    except IntegrityError as exc:
        raise BusinessRuleError(_("This payment's reversal is already asked for.")) from exc


def reversal_approve(*, request: ReversalRequest, by) -> Payment:
    """The manager approves: a reversal entry (红字收据) with its own receipt number, on
    today's day, undoes what the payment paid and the prepaid balance it left."""
    with transaction.atomic():
        figures_changed()
        request = ReversalRequest.objects.select_for_update().get(pk=request.pk)
        if request.status != ReversalRequest.Status.REQUESTED:
            raise BusinessRuleError(_("This reversal was already decided."))
        payment = Payment.objects.select_related("estate", "unit").get(pk=request.payment_id)
        from tenants.models import Unit

        Unit.objects.select_for_update().get(pk=payment.unit_id)
        if payment.prepaid > 0:
            balance = prepaid_balances(payment.unit).get(payment.prepaid_kind, ZERO)
            if balance < payment.prepaid:
                raise BusinessRuleError(
                    _("The prepaid balance this payment left has been used by a bill since.")
                )
        if payment.allocations.filter(line__charge__refund__isnull=False).exists():
            raise BusinessRuleError(
                _("This payment paid a deposit whose refund is already asked for.")
            )
        estate = payment.estate
        today = estate_today(estate)
        reversal = Payment(
            estate=estate,
            unit=payment.unit,
            number=number_next(kind=RECEIPT, year=today.year, estate=estate),
            method=payment.method,
            reference=payment.reference,
            amount=-payment.amount,
            prepaid=-payment.prepaid,
            prepaid_kind=payment.prepaid_kind,
            payer_name=payment.payer_name,
            taken_by=by,
            taken_at=timezone.now(),
            business_date=today,
            reverses=payment,
            reason=request.reason,
        )
        reversal._history_user = by
        reversal.save()
        undo = []
        for allocation in payment.allocations.select_related("line"):
            line = BillLine.objects.select_for_update().get(pk=allocation.line_id)
            line.paid -= allocation.amount
            line.status = BillLine.Status.OPEN
            line.save(update_fields=["paid", "status"])
            undo.append(Allocation(line=line, payment=reversal, amount=-allocation.amount))
        Allocation.objects.bulk_create(undo)
        if payment.prepaid > 0:
            PrepaidEntry.objects.create(
                estate=estate,
                unit=payment.unit,
                kind=payment.prepaid_kind,
                amount=-payment.prepaid,
                payment=reversal,
            )
        request.status = ReversalRequest.Status.APPROVED
        request.decided_by = by
        request.decided_at = timezone.now()
        request.save(update_fields=["status", "decided_by", "decided_at"])
    return reversal


def reversal_reject(*, request: ReversalRequest, by) -> ReversalRequest:
    with transaction.atomic():
        request = ReversalRequest.objects.select_for_update().get(pk=request.pk)
        if request.status != ReversalRequest.Status.REQUESTED:
            raise BusinessRuleError(_("This reversal was already decided."))
        request.status = ReversalRequest.Status.REJECTED
        request.decided_by = by
        request.decided_at = timezone.now()
        request.save(update_fields=["status", "decided_by", "decided_at"])
    return request


def line_waive(*, line: BillLine, reason: str, by) -> BillLine:
    """A manager waives what is still open of a line, with a reason."""
    reason = reason.strip()
    if not reason:
        raise BusinessRuleError(_("Give the reason for waiving."))
    with transaction.atomic():
        figures_changed(ended_months=True)  # the arrears of every month since the line's
        line = BillLine.objects.select_for_update().get(pk=line.pk)
        if line.status != BillLine.Status.OPEN:
            raise BusinessRuleError(_("This line is not open."))
        line.waived += line.open_amount
        line.status = BillLine.Status.WAIVED
        line.late_fee_waived = True
        line.waive_reason = reason
        line.waived_by = by
        line._history_user = by
        line.save()
    return line


def late_fee_waive(*, line: BillLine, reason: str, by) -> BillLine:
    """A manager waives the late fee of a line: what accrues and what is written but open."""
    reason = reason.strip()
    if not reason:
        raise BusinessRuleError(_("Give the reason for waiving."))
    with transaction.atomic():
        figures_changed()
        line = BillLine.objects.select_for_update().get(pk=line.pk)
        if line.late_fee_of_id:
            raise BusinessRuleError(_("Waive the late fee from its line."))
        line.late_fee_waived = True
        line.waive_reason = reason
        line.waived_by = by
        line._history_user = by
        line.save(update_fields=["late_fee_waived", "waive_reason", "waived_by"])
        for fee_line in BillLine.objects.select_for_update().filter(
            late_fee_of=line, status=BillLine.Status.OPEN
        ):
            fee_line.waived += fee_line.open_amount
            fee_line.status = BillLine.Status.WAIVED
            fee_line.waive_reason = reason
            fee_line.waived_by = by
            fee_line._history_user = by
            fee_line.save()
    return line
