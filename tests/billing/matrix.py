"""Billing URLs × roles: a cashier takes payments and runs the month, the front desk cannot;
only a manager edits fee standards, waives and decides reversals."""

import datetime
from decimal import Decimal

from desk import roles
from tests.matrix import Case

CASHIER, MANAGER = roles.CASHIER, roles.MANAGER
BILL_VIEWERS = {roles.SERVICE_REP, roles.SUPERVISOR, CASHIER, MANAGER}
MONEY_VIEWERS = {roles.SUPERVISOR, CASHIER, MANAGER}
RUNNERS = {CASHIER, MANAGER}
NOTICE_PRINTERS = {roles.FRONT_DESK, roles.SUPERVISOR, CASHIER, MANAGER}
VISITORS = {roles.SERVICE_REP, roles.SUPERVISOR, MANAGER}


def _pk(name):
    return lambda world: [getattr(world, name).pk]


def build(world):
    from billing.models import Bill, BillLine, ReversalRequest
    from billing.payment_services import payment_take
    from tests.factories import FeeStandardFactory

    world.fee_standard = FeeStandardFactory(estate=world.estate, name="物业管理费")
    bill = Bill.objects.create(
        estate=world.estate, unit=world.unit, year=2026, month=3, total=Decimal("100.00")
    )
    world.bill_line = BillLine.objects.create(
        estate=world.estate,
        unit=world.unit,
        bill=bill,
        standard=world.fee_standard,
        kind="property",
        description="物业管理费 2026-03",
        quantity=Decimal("40"),
        rate=Decimal("2.5"),
        gross=Decimal("100.00"),
        amount=Decimal("100.00"),
        due_date=datetime.date(2026, 3, 15),
    )
    world.payment = payment_take(
        unit=world.unit, amount=Decimal("50.00"), method="cash", by=world.users[CASHIER]
    )
    world.refund = _refund(world)
    world.cashup = _cashup(world)
    _ladder(world)
    world.reversal = ReversalRequest.objects.create(
        estate=world.estate,
        payment=world.payment,
        reason="收错",
        requested_by=world.users[CASHIER],
    )


def _refund(world):
    from billing.models import BillLine, FeeKind
    from billing.payment_services import payment_take
    from desk import charges
    from tests.factories import FeeStandardFactory

    FeeStandardFactory(estate=world.estate, name="装修押金", kind=FeeKind.DEPOSIT, rate=None)
    charges.deposit_take(unit=world.unit, amount="1000", label="押金", source=world.unit)
    line = BillLine.objects.get(kind=FeeKind.DEPOSIT)
    payment_take(
        unit=world.unit,
        amount=Decimal("1000"),
        method="cash",
        by=world.users[CASHIER],
        line_ids=[line.pk],
    )
    charges.deposit_refund(source=world.unit, deductions=[("100", "墙面修补")])
    from billing.models import DepositRefund

    return DepositRefund.objects.get()


def _cashup(world):
    from billing.cashup import cashup_close
    from desk.clock import estate_today

    return cashup_close(
        estate=world.estate,
        cashier=world.users[CASHIER],
        day=estate_today(world.estate),
        counted={},
        signed_name="王收费",
    )


REFUND_VIEWERS = {CASHIER, MANAGER}


def _ladder(world):
    from billing.models import ArrearsCase, LadderStep, Stage

    day = datetime.date(2026, 5, 1)
    case = ArrearsCase.objects.create(
        estate=world.estate, unit=world.unit, opened_on=day, stage=Stage.REP_VISIT, stage_on=day
    )
    common = {
        "estate": world.estate,
        "case": case,
        "unit": world.unit,
        "reached_on": day,
        "overdue_since": datetime.date(2026, 3, 15),
        "principal": Decimal("100.00"),
    }
    world.notice_step = LadderStep.objects.create(stage=Stage.REMINDER, **common)
    world.visit_step = LadderStep.objects.create(stage=Stage.REP_VISIT, **common)


CASES = [
    Case("billing:standard_list", allowed=MONEY_VIEWERS),
    Case("billing:standard_export", allowed=MONEY_VIEWERS),
    Case("billing:standard_new", allowed={MANAGER}),
    Case("billing:standard_new", method="post", allowed={MANAGER}),
    Case("billing:standard_edit", args=_pk("fee_standard"), allowed={MANAGER}),
    Case("billing:standard_edit", args=_pk("fee_standard"), method="post", allowed={MANAGER}),
    Case("billing:rate_new", args=_pk("fee_standard"), allowed={MANAGER}),
    Case("billing:rate_new", args=_pk("fee_standard"), method="post", allowed={MANAGER}),
    Case("billing:readings", allowed=RUNNERS),
    Case("billing:bill_list", allowed=BILL_VIEWERS),
    Case("billing:bill_export", allowed=BILL_VIEWERS),
    Case("billing:run", allowed=RUNNERS),
    Case("billing:run", method="post", allowed=RUNNERS, note="empty: the form again"),
    Case("billing:cashier", allowed=BILL_VIEWERS),
    Case("billing:account", args=lambda w: [w.unit.pk], allowed=BILL_VIEWERS),
    Case(
        "billing:pay",
        args=lambda w: [w.unit.pk],
        method="post",
        allowed={CASHIER},
        note="empty: the account page with the form's errors",
    ),
    Case("billing:payment_list", allowed=MONEY_VIEWERS),
    Case("billing:payment_export", allowed=MONEY_VIEWERS),
    Case("billing:receipt", args=_pk("payment"), allowed=MONEY_VIEWERS),
    Case("billing:reversal_ask", args=_pk("payment"), allowed={CASHIER}),
    Case("billing:reversal_ask", args=_pk("payment"), method="post", allowed={CASHIER}),
    Case("billing:reversal_list", allowed={MANAGER}),
    Case("billing:reversal_export", allowed={MANAGER}),
    # A decision is a POST that acts: the reject is tried, and redirects the manager.
    Case(
        "billing:reversal_reject",
        args=_pk("reversal"),
        method="post",
        ok=302,
        allowed={MANAGER},
    ),
    Case(
        "billing:reversal_approve",
        args=_pk("reversal"),
        method="post",
        ok=302,
        allowed={MANAGER},
    ),
    Case("billing:waive", args=_pk("bill_line"), allowed={MANAGER}),
    Case("billing:waive", args=_pk("bill_line"), method="post", allowed={MANAGER}),
    Case("billing:waive_late_fee", args=_pk("bill_line"), allowed={MANAGER}),
    Case("billing:waive_late_fee", args=_pk("bill_line"), method="post", allowed={MANAGER}),
    Case("billing:refund_list", allowed=REFUND_VIEWERS),
    Case("billing:refund_export", allowed=REFUND_VIEWERS),
    Case("billing:refund_detail", args=_pk("refund"), allowed=REFUND_VIEWERS),
    Case("billing:refund_pay", args=_pk("refund"), allowed={CASHIER}),
    Case(
        "billing:refund_pay",
        args=_pk("refund"),
        method="post",
        allowed={CASHIER},
        note="empty: the refund page with the form's errors",
    ),
    Case("billing:cashup", allowed={CASHIER}),
    Case(
        "billing:cashup",
        method="post",
        allowed={CASHIER},
        note="empty: the form again with its errors",
    ),
    Case("billing:cashup_list", allowed=REFUND_VIEWERS),
    Case("billing:cashup_export", allowed=REFUND_VIEWERS),
    Case("billing:cashup_detail", args=_pk("cashup"), allowed=REFUND_VIEWERS),
    Case("billing:cashup_print", args=_pk("cashup"), allowed=REFUND_VIEWERS),
    Case("billing:collection_week", allowed=REFUND_VIEWERS),
    Case("billing:collection_week_export", allowed=REFUND_VIEWERS),
    Case("billing:notice", args=lambda w: [w.unit.pk], allowed=BILL_VIEWERS),
    Case("billing:notice_batch", allowed=BILL_VIEWERS),
    Case("billing:reading_import", allowed=RUNNERS),
    Case(
        "billing:reading_import",
        method="post",
        allowed=RUNNERS,
        note="empty: the form again with its errors",
    ),
    Case(
        "billing:reading_import_commit",
        method="post",
        ok=302,
        allowed=RUNNERS,
        note="no preview: back to the upload with a message",
    ),
    Case("billing:reading_import_template", allowed=RUNNERS),
    Case("billing:ladder_step", args=_pk("visit_step"), allowed=BILL_VIEWERS),
    Case(
        "billing:ladder_step",
        args=_pk("visit_step"),
        method="post",
        allowed=VISITORS,
        note="empty: the form's errors",
    ),
    Case("billing:reminder_batch", allowed=NOTICE_PRINTERS),
    Case("billing:reminder_print", allowed=NOTICE_PRINTERS),
    Case("billing:reminder_mark_printed", method="post", ok=302, allowed=NOTICE_PRINTERS),
    Case("billing:arrears_list", allowed=BILL_VIEWERS),
    Case("billing:arrears_export", allowed=BILL_VIEWERS),
    Case("billing:statistics", allowed=MONEY_VIEWERS),
    Case("billing:statistics_export", allowed=MONEY_VIEWERS),
]
