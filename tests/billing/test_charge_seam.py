"""desk.charges through billing: one-off charges on the next bill or at once, deposits,
their refund with deductions, paid out by the cashier; once per source and key."""

import datetime
from decimal import Decimal as D

import pytest
import time_machine

from billing.charge_services import refund_pay_out
from billing.models import Bill, BillLine, Charge, DepositRefund, FeeKind, Payment
from billing.payment_services import payment_take
from billing.services import bill_run
from desk import charges
from desk.models import Notification
from tests.factories import FeeStandardFactory, WorkOrderFactory

pytestmark = pytest.mark.django_db

MARCH_10 = datetime.datetime(2026, 3, 10, 2, 0, tzinfo=datetime.UTC)


@pytest.fixture
def one_off(estate):
    return FeeStandardFactory(
        estate=estate, name="有偿服务", kind=FeeKind.ONE_OFF, rate=None, due_day=20
    )


@pytest.fixture
def deposit_fee(estate):
    return FeeStandardFactory(estate=estate, name="装修押金", kind=FeeKind.DEPOSIT, rate=None)


@pytest.fixture
def order(unit):
    return WorkOrderFactory(unit=unit, source="paid_service", price=D("80.00"))


@time_machine.travel(MARCH_10, tick=False)
def test_a_one_off_charge_waits_for_the_units_next_bill(
    unit, occupancy, property_fee, one_off, order, cashier
):
    result = charges.charge(
        unit=unit, amount="80", label="更换水龙头 WO-1", source=order, by=cashier
    )
    assert (result.ok, result.code, result.amount) == (True, charges.PENDING, D("80.00"))
    assert not BillLine.objects.filter(kind=FeeKind.ONE_OFF).exists()

    bill_run(estate=unit.estate, year=2026, month=4)

    bill = Bill.objects.get(unit=unit, year=2026, month=4)
    line = bill.lines.get(kind=FeeKind.ONE_OFF)
    assert (line.description, line.amount, line.due_date) == (
        "更换水龙头 WO-1",
        D("80.00"),
        datetime.date(2026, 4, 20),
    )
    assert bill.total == D("223.75") + D("80.00")
    charge = Charge.objects.get()
    assert (charge.status, charge.line) == (Charge.Status.BILLED, line)
    # run again: nothing more, the charge is not billed twice
    bill_run(estate=unit.estate, year=2026, month=4)
    bill_run(estate=unit.estate, year=2026, month=5)
    assert BillLine.objects.filter(kind=FeeKind.ONE_OFF).count() == 1
    state = charges.charge_state(source=order)
    assert (state.billed, state.amount, state.open) == (True, D("80.00"), D("80.00"))


@time_machine.travel(MARCH_10, tick=False)
def test_two_charges_of_one_standard_share_the_next_bill(
    unit, property_fee, one_off, order, cashier
):
    other = WorkOrderFactory(unit=unit, source="paid_service", price=D("30.00"))
    charges.charge(unit=unit, amount="80", label="A", source=order)
    charges.charge(unit=unit, amount="30", label="B", source=other)
    bill_run(estate=unit.estate, year=2026, month=4)
    assert sorted(
        BillLine.objects.filter(kind=FeeKind.ONE_OFF).values_list("amount", flat=True)
    ) == [D("30.00"), D("80.00")]


@time_machine.travel(MARCH_10, tick=False)
def test_an_estate_may_bill_a_charge_at_once(
    unit, property_fee, one_off, order, cashier, client_for
):
    one_off.charge_at_once = True
    one_off.save()
    result = charges.charge(unit=unit, amount="80", label="更换水龙头", source=order)
    assert (result.ok, result.code, result.reference) == (True, charges.CHARGED, "2026-03")
    bill = Bill.objects.get(kind=Bill.Kind.CHARGE)
    assert (bill.year, bill.month, bill.total) == (2026, 3, D("80.00"))
    assert bill.lines.get().due_date == datetime.date(2026, 3, 10)
    # the month's own bill is still made for the unit, beside the charge's
    bill_run(estate=unit.estate, year=2026, month=3)
    assert Bill.objects.filter(unit=unit, year=2026, month=3).count() == 2
    from django.urls import reverse

    listing = client_for(cashier).get(reverse("billing:bill_list"))
    assert listing.content.decode().count('text-bg-secondary">Charge<') == 1
    # and the cashier takes it like any line
    payment_take(
        unit=unit, amount=D("80"), method="cash", by=cashier, line_ids=[bill.lines.get().pk]
    )
    assert charges.charge_state(source=order).open == D("0.00")


def test_asking_twice_charges_once(unit, one_off, order):
    first = charges.charge(unit=unit, amount="80", label="A", source=order)
    again = charges.charge(unit=unit, amount="80", label="A", source=order)
    assert (first.code, again.code, again.ok) == (charges.PENDING, charges.ALREADY, True)
    assert Charge.objects.count() == 1
    # another key of the same source is another charge
    charges.charge(unit=unit, amount="20", label="B", source=order, key="extra")
    assert Charge.objects.count() == 2


def test_a_refused_charge_writes_nothing_and_says_why(unit, order):
    result = charges.charge(unit=unit, amount="80", label="A", source=order)  # no one-off standard
    assert (result.ok, result.code) == (False, charges.REFUSED)
    assert "fee standard" in result.message
    assert not Charge.objects.exists()
    assert charges.charge(unit=unit, amount="0", label="A", source=order).code == charges.REFUSED


def test_the_calls_say_so_without_billing(unit, order, monkeypatch):
    monkeypatch.setattr(charges, "_backend", None)
    result = charges.charge(unit=unit, amount="80", label="A", source=order)
    assert (result.ok, result.code) == (False, charges.UNAVAILABLE)
    assert result.message
    assert charges.deposit_refund(source=order).code == charges.UNAVAILABLE
    assert charges.charge_state(source=order) is None


@time_machine.travel(MARCH_10, tick=False)
def test_a_deposit_is_taken_refunded_less_deductions_and_paid_out(
    unit, deposit_fee, order, cashier, manager
):
    taken = charges.deposit_take(unit=unit, amount="2000", label="装修押金 3-1502", source=order)
    assert (taken.ok, taken.code) == (True, charges.CHARGED)
    line = BillLine.objects.get(kind=FeeKind.DEPOSIT)

    # not paid yet: nothing to refund
    early = charges.deposit_refund(source=order, deductions=[("100", "墙面修补")])
    assert (early.ok, early.code) == (False, charges.REFUSED)

    payment_take(unit=unit, amount=D("2000"), method="cash", by=cashier, line_ids=[line.pk])
    too_much = charges.deposit_refund(source=order, deductions=[("2500", "损坏")])
    assert too_much.code == charges.REFUSED
    assert charges.deposit_refund(source=order, deductions=[("100", " ")]).code == charges.REFUSED

    result = charges.deposit_refund(
        source=order, deductions=[("300", "墙面修补"), ("50.5", "垃圾清运")], by=manager
    )
    assert (result.ok, result.code, result.amount) == (True, charges.REFUNDED, D("1649.50"))
    refund = DepositRefund.objects.get()
    assert (refund.held, refund.deducted, refund.amount, refund.status) == (
        D("2000.00"),
        D("350.50"),
        D("1649.50"),
        DepositRefund.Status.DUE,
    )
    assert [(d.amount, d.reason) for d in refund.deductions.all()] == [
        (D("300.00"), "墙面修补"),
        (D("50.50"), "垃圾清运"),
    ]
    assert Notification.objects.filter(recipient=cashier, kind="billing.refund_due").exists()
    # asked again: the same refund
    assert charges.deposit_refund(source=order, deductions=[]).code == charges.ALREADY
    assert DepositRefund.objects.count() == 1

    refund_pay_out(refund=refund, method="transfer", reference="TR-1", by=cashier)
    refund.refresh_from_db()
    assert (refund.status, refund.business_date, refund.paid_by) == (
        DepositRefund.Status.PAID,
        datetime.date(2026, 3, 10),
        cashier,
    )
    assert refund.history.count() == 2  # asked, paid out
    state = charges.charge_state(source=order, key="deposit")
    assert (state.refund, state.refund_paid) == (D("1649.50"), True)
    with pytest.raises(Exception, match="already paid out"):
        refund_pay_out(refund=refund, method="cash", by=cashier)
    assert Payment.objects.count() == 1  # the deposit's payment, untouched


def test_a_deposit_all_kept_is_settled_at_once(unit, deposit_fee, order, cashier):
    charges.deposit_take(unit=unit, amount="500", label="押金", source=order)
    line = BillLine.objects.get(kind=FeeKind.DEPOSIT)
    payment_take(unit=unit, amount=D("500"), method="cash", by=cashier, line_ids=[line.pk])
    result = charges.deposit_refund(source=order, deductions=[("500", "赔偿")])
    assert result.amount == D("0.00")
    assert DepositRefund.objects.get().status == DepositRefund.Status.PAID


@time_machine.travel(MARCH_10, tick=False)
def test_a_finished_paid_service_goes_on_the_units_next_bill(
    unit, property_fee, one_off, technician
):
    from workorders import services as workorders

    order = WorkOrderFactory(
        unit=unit,
        source="paid_service",
        price=D("80.00"),
        status="in_progress",
        assignee=technician,
        description="更换水龙头",
    )
    workorders.workorder_finish(order=order, by=technician, work_notes="换好了")
    charge = Charge.objects.get()
    assert (charge.amount, charge.source, charge.label) == (
        D("80.00"),
        f"workorders.workorder:{order.pk}",
        f"{order.number} · 更换水龙头",
    )
    bill_run(estate=unit.estate, year=2026, month=4)
    assert BillLine.objects.get(kind=FeeKind.ONE_OFF).amount == D("80.00")


def test_a_deposit_refunded_cannot_have_its_payment_reversed(
    unit, deposit_fee, order, cashier, manager
):
    from billing.payment_services import reversal_approve, reversal_request

    charges.deposit_take(unit=unit, amount="500", label="押金", source=order)
    line = BillLine.objects.get(kind=FeeKind.DEPOSIT)
    payment = payment_take(
        unit=unit, amount=D("500"), method="cash", by=cashier, line_ids=[line.pk]
    )
    charges.deposit_refund(source=order, deductions=[])
    request = reversal_request(payment=payment, reason="错收", by=cashier)
    with pytest.raises(Exception, match="refund is already asked"):
        reversal_approve(request=request, by=manager)
    assert not Payment.objects.filter(reverses=payment).exists()


def test_the_account_shows_what_waits_for_the_next_bill_and_refunds_due(
    unit, one_off, deposit_fee, order, cashier, client_for
):
    from django.urls import reverse

    charges.charge(unit=unit, amount="80", label="更换水龙头", source=order)
    charges.deposit_take(unit=unit, amount="300", label="装修押金", source=order)
    line = BillLine.objects.get(kind=FeeKind.DEPOSIT)
    payment_take(unit=unit, amount=D("300"), method="cash", by=cashier, line_ids=[line.pk])
    charges.deposit_refund(source=order, deductions=[("20", "清洁")])
    html = client_for(cashier).get(reverse("billing:account", args=[unit.pk])).content.decode()
    assert "更换水龙头" in html.split('id="account-pending-charges"')[1].split("</table>")[0]
    assert "280.00" in html.split('id="account-refunds-due"')[1].split("</table>")[0]
