"""Charges other apps raise (desk.charges, registered in billing.hooks): a one-off fee on
the unit's next bill or on a bill of its own at once, a deposit, and its refund with the
deductions; the cashier pays a refund out. Each call runs in one transaction.

Once per source and key (a unique constraint): asking again returns the first charge.
"""

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from billing.figures import figures_changed
from billing.models import (
    Bill,
    BillLine,
    Charge,
    DepositDeduction,
    DepositRefund,
    FeeKind,
    FeeStandard,
    Method,
    Payer,
)
from billing.money import ZERO, money
from desk import charges as seam
from desk import roles
from desk.clock import estate_today
from desk.errors import BusinessRuleError
from desk.inbox import notify

REFUND_DUE = "billing.refund_due"  # to the estate's cashiers: a deposit refund to pay out


def _standard(estate_id, fee, kind) -> FeeStandard:
    """The estate's active standard named `fee`, or its first one of the kind `fee`."""
    standards = FeeStandard.objects.filter(estate_id=estate_id, active=True, kind=kind)
    found = (
        standards.order_by("order", "pk").first()
        if fee == kind
        else standards.filter(name=fee).first()
    )
    if found is None:
        raise BusinessRuleError(
            _("The estate has no active %(kind)s fee standard “%(fee)s”: a manager adds it.")
            % {"kind": FeeKind(kind).label, "fee": fee}
        )
    return found


def _payer_id(unit, standard):
    from tenants.models import Occupancy

    held = {}
    for occ in Occupancy.objects.current().filter(unit=unit).order_by("move_in", "pk"):
        held.setdefault(occ.role, occ.resident_id)
    first = "occupant" if standard.payer == Payer.OCCUPANT else "owner"
    second = "owner" if first == "occupant" else "occupant"
    return held.get(first) or held.get("company_contact") or held.get(second)


def charge_line(bill, charge, due_date, payer_id=None) -> BillLine:
    """The bill line of a charge (unsaved): quantity 1 at the charged amount."""
    return BillLine(
        estate_id=charge.estate_id,
        unit_id=charge.unit_id,
        bill=bill,
        standard_id=charge.standard_id,
        kind=charge.kind,
        payer_id=payer_id,
        description=charge.label,
        quantity=Decimal("1"),
        rate=charge.amount,
        gross=charge.amount,
        amount=charge.amount,
        due_date=due_date,
    )


def _bill_at_once(charge, unit, standard):
    figures_changed(ended_months=True)  # this month: ended already where a reader is later
    today = estate_today(unit.estate)
    bill = Bill(
        estate_id=charge.estate_id,
        unit=unit,
        year=today.year,
        month=today.month,
        kind=Bill.Kind.CHARGE,
        total=charge.amount,
    )
    bulk_create_with_history([bill], Bill)
    line = charge_line(bill, charge, today, _payer_id(unit, standard))
    line.bill_id = bill.pk
    bulk_create_with_history([line], BillLine)
    charge.line = line
    charge.status = Charge.Status.BILLED
    charge.save(update_fields=["line", "status"])
    return line


def _result(charge, code):
    reference = charge.line.bill.period if charge.line_id else ""
    if code == seam.ALREADY:
        message = _("Already charged: %(label)s.") % {"label": charge.label}
    elif charge.line_id:
        message = _("Charged to the unit's account: %(amount)s.") % {"amount": charge.amount}
    else:
        message = _("On the unit's next bill: %(amount)s.") % {"amount": charge.amount}
    return seam.ChargeResult(
        ok=True, code=code, message=message, amount=charge.amount, reference=reference
    )


def _raise(*, unit, amount, label, source, fee, by, key, kind, at_once):
    from tenants.models import Unit

    amount = money(amount)
    label = label.strip()[:200]
    if amount <= 0:
        raise BusinessRuleError(_("The amount must be more than zero."))
    if not label:
        raise BusinessRuleError(_("Say what the charge is for."))
    ref = seam.source_ref(source)
    with transaction.atomic():
        unit = Unit.objects.select_for_update(of=("self",)).select_related("estate").get(pk=unit.pk)
        found = Charge.objects.filter(estate_id=unit.estate_id, source=ref, key=key).first()
        if found is not None:
            return _result(found, seam.ALREADY)
        standard = _standard(unit.estate_id, fee, kind)
        charge = Charge(
            estate_id=unit.estate_id,
            unit=unit,
            standard=standard,
            kind=kind,
            amount=amount,
            label=label,
            source=ref,
            source_label=str(source)[:200],
            key=key,
            raised_by=by,
        )
        charge._history_user = by
        try:
            with transaction.atomic():
                charge.save()
        except IntegrityError:  # the same source, raised at the same instant
            return _result(
                Charge.objects.get(estate_id=unit.estate_id, source=ref, key=key), seam.ALREADY
            )
        if standard.charge_at_once if at_once is None else at_once:
            _bill_at_once(charge, unit, standard)
            return _result(charge, seam.CHARGED)
        return _result(charge, seam.PENDING)


def charge_raise(*, unit, amount, label, source, fee="one_off", by=None, key="", at_once=None):
    """desk.charges.charge: a one-off charge (next bill, or at once as the standard says)."""
    return _raise(
        unit=unit,
        amount=amount,
        label=label,
        source=source,
        fee=fee,
        by=by,
        key=key,
        kind=FeeKind.ONE_OFF,
        at_once=at_once,
    )


def deposit_take(*, unit, amount, label, source, fee="deposit", by=None, key=seam.DEPOSIT_KEY):
    """desk.charges.deposit_take: the deposit owed, on a bill of its own at once."""
    return _raise(
        unit=unit,
        amount=amount,
        label=label,
        source=source,
        fee=fee,
        by=by,
        key=key,
        kind=FeeKind.DEPOSIT,
        at_once=True,
    )


def deposit_refund(*, source, deductions=(), by=None, key=seam.DEPOSIT_KEY):
    """desk.charges.deposit_refund: a refund entry of the paid deposit less the deductions
    (each with its reason), for a cashier to pay out; once per deposit."""
    ref = seam.source_ref(source)
    cleaned = []
    for amount, reason in deductions:
        amount, reason = money(amount), reason.strip()
        if amount <= 0:
            raise BusinessRuleError(_("A deduction must be more than zero."))
        if not reason:
            raise BusinessRuleError(_("Give the reason for each deduction."))
        cleaned.append((amount, reason[:200]))
    with transaction.atomic():
        charge = (
            Charge.objects.select_for_update(of=("self",))
            .select_related("line", "estate")
            .filter(source=ref, key=key, kind=FeeKind.DEPOSIT)
            .first()
        )
        if charge is None:
            raise BusinessRuleError(_("No deposit was taken for this."))
        existing = DepositRefund.objects.filter(charge=charge).first()
        if existing is not None:
            return seam.ChargeResult(
                ok=True,
                code=seam.ALREADY,
                message=_("The deposit's refund was already asked for: %(amount)s.")
                % {"amount": existing.amount},
                amount=existing.amount,
            )
        line = charge.line
        if line is None or line.status != BillLine.Status.PAID:
            raise BusinessRuleError(
                _("The deposit is not paid in full: there is nothing to refund yet.")
            )
        held = line.paid
        deducted = sum((amount for amount, _reason in cleaned), ZERO)
        if deducted > held:
            raise BusinessRuleError(
                _("The deductions (%(deducted)s) are more than the deposit held (%(held)s).")
                % {"deducted": deducted, "held": held}
            )
        refund = DepositRefund(
            estate_id=charge.estate_id,
            unit_id=charge.unit_id,
            charge=charge,
            held=held,
            deducted=deducted,
            amount=held - deducted,
            asked_by=by,
        )
        if refund.amount == 0:  # all of it kept: nothing to pay out
            refund.status = DepositRefund.Status.PAID
            refund.paid_at = timezone.now()
            refund.paid_by = by
            refund.business_date = estate_today(charge.estate)
        refund._history_user = by
        refund.save()
        DepositDeduction.objects.bulk_create(
            [DepositDeduction(refund=refund, amount=a, reason=r) for a, r in cleaned]
        )
        if refund.amount > 0:
            notify(
                estate=charge.estate,
                kind=REFUND_DUE,
                role=roles.CASHIER,
                values={"unit": charge.unit.label, "amount": str(refund.amount)},
                url=reverse("billing:refund_detail", args=[refund.pk]),
            )
    return seam.ChargeResult(
        ok=True,
        code=seam.REFUNDED,
        message=_("Deposit refund of %(amount)s to be paid out at the fee centre.")
        % {"amount": refund.amount},
        amount=refund.amount,
    )


def charge_state(*, source, key=""):
    charge = (
        Charge.objects.select_related("line")
        .filter(source=seam.source_ref(source), key=key)
        .first()
    )
    if charge is None:
        return None
    line = charge.line
    paid = line.paid if line else ZERO
    refund = DepositRefund.objects.filter(charge=charge).first()
    return seam.ChargeState(
        kind=charge.kind,
        amount=charge.amount,
        paid=paid,
        open=line.open_amount if line else charge.amount,
        billed=line is not None,
        refund=refund.amount if refund else None,
        refund_paid=bool(refund and refund.status == DepositRefund.Status.PAID),
    )


def refund_pay_out(*, refund: DepositRefund, method: str, by, reference: str = "") -> DepositRefund:
    """The cashier pays a deposit refund out: it counts on their cash-up of the day."""
    reference = reference.strip()
    if method not in Method.values:
        raise BusinessRuleError(_("Choose how it is paid."))
    if method != Method.CASH and not reference:
        raise BusinessRuleError(_("Give the transaction reference of this payment."))
    with transaction.atomic():
        refund = (
            DepositRefund.objects.select_for_update().select_related("estate").get(pk=refund.pk)
        )
        if refund.status != DepositRefund.Status.DUE:
            raise BusinessRuleError(_("This refund was already paid out."))
        line = BillLine.objects.select_for_update().get(pk=refund.charge.line_id)
        if line.paid < refund.held:  # the deposit's payment was reversed meanwhile
            raise BusinessRuleError(
                _("The deposit is no longer held in full (its payment was reversed).")
            )
        refund.status = DepositRefund.Status.PAID
        refund.method = method
        refund.reference = "" if method == Method.CASH else reference
        refund.paid_by = by
        refund.paid_at = timezone.now()
        refund.business_date = estate_today(refund.estate)
        refund._history_user = by
        refund.save()
    return refund


def pending_charge_lines(bill, charges, due_date: datetime.date, payer_id=None):
    """The bill run: the lines of a unit's pending charges on its new monthly bill."""
    return [charge_line(bill, charge, due_date, payer_id) for charge in charges]
