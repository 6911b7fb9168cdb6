"""Taking payments: allocation oldest first, late fees, prepaid, references, reversal, waiving."""

import datetime
from decimal import Decimal as D

import pytest
import time_machine

from billing.models import Allocation, BillLine, Payment, PrepaidEntry, ReversalRequest
from billing.payment_services import (
    late_fee_waive,
    line_waive,
    payment_take,
    reversal_approve,
    reversal_reject,
    reversal_request,
)
from billing.selectors import open_lines, prepaid_balances
from billing.services import bill_run
from desk.errors import BusinessRuleError
from tests.billing.ladder_fixtures import deadline_notice

pytestmark = pytest.mark.django_db

# 10:00 in Shanghai on 2026-03-10: before the March lines' due date (the 15th).
MARCH_10 = datetime.datetime(2026, 3, 10, 2, 0, tzinfo=datetime.UTC)


@pytest.fixture
def billed(estate, unit, occupancy, property_fee):
    """February and March billed: 223.75 each, due the 15th; a deadline notice on 16
    February names February's, late after its 10 grace days (from 27 February)."""
    bill_run(estate=estate, year=2026, month=2)
    bill_run(estate=estate, year=2026, month=3)
    deadline_notice(unit, on=datetime.date(2026, 2, 16))
    return unit


def _paid(unit):
    return [
        (line.bill.month, line.paid, line.status)
        for line in BillLine.objects.filter(unit=unit, late_fee_of__isnull=True).order_by(
            "due_date"
        )
    ]


@time_machine.travel(MARCH_10, tick=False)
def test_a_partial_payment_pays_the_oldest_line_first(billed, cashier):
    # February is late from 2026-02-27: 12 days to 03-10 at 0.05% of 223.75 = 1.34
    payment = payment_take(unit=billed, amount=D("300"), method="cash", by=cashier)

    fee = BillLine.objects.get(late_fee_of__isnull=False)
    assert (fee.amount, fee.paid, fee.status) == (D("1.34"), D("1.34"), "paid")
    assert _paid(billed) == [(2, D("223.75"), "paid"), (3, D("74.91"), "open")]
    assert sum(a.amount for a in payment.allocations.all()) == D("300.00")
    assert payment.number == "SJ-CH-2026-000001"
    assert payment.business_date == datetime.date(2026, 3, 10)


@time_machine.travel(MARCH_10, tick=False)
def test_the_cashier_may_pick_the_lines_to_pay(billed, cashier):
    march = BillLine.objects.get(bill__month=3)

    payment_take(unit=billed, amount=D("223.75"), method="cash", line_ids=[march.pk], by=cashier)

    assert _paid(billed) == [(2, D("0.00"), "open"), (3, D("223.75"), "paid")]


@time_machine.travel(MARCH_10, tick=False)
def test_an_overpayment_is_refused_unless_kept_as_prepaid(billed, cashier):
    with pytest.raises(BusinessRuleError, match="more than what is open"):
        payment_take(unit=billed, amount=D("500"), method="cash", by=cashier)
    assert Payment.objects.count() == 0 and BillLine.objects.filter(paid__gt=0).count() == 0

    payment = payment_take(
        unit=billed, amount=D("500"), method="cash", keep_prepaid="property", by=cashier
    )

    assert payment.prepaid == D("51.16")  # 500 − 223.75 × 2 − 1.34
    assert prepaid_balances(billed) == {"property": D("51.16")}


@time_machine.travel(MARCH_10, tick=False)
def test_prepaid_money_pays_the_next_months_bill(billed, cashier, estate):
    payment_take(unit=billed, amount=D("1000"), method="cash", keep_prepaid="", by=cashier)

    bill_run(estate=estate, year=2026, month=4)

    april = BillLine.objects.get(bill__month=4)
    assert (april.paid, april.status) == (D("223.75"), "paid")
    assert prepaid_balances(billed) == {"": D("1000") - D("1.34") - D("223.75") * 3}


@time_machine.travel(MARCH_10, tick=False)
def test_a_reference_is_required_but_for_cash_and_never_taken_twice(billed, cashier):
    with pytest.raises(BusinessRuleError, match="transaction reference"):
        payment_take(unit=billed, amount=D("10"), method="wechat", by=cashier)
    first = payment_take(unit=billed, amount=D("10"), method="wechat", reference="WX1", by=cashier)

    with pytest.raises(BusinessRuleError, match=first.number):
        payment_take(unit=billed, amount=D("10"), method="wechat", reference="WX1", by=cashier)
    other_method = payment_take(
        unit=billed, amount=D("10"), method="alipay", reference="WX1", by=cashier
    )
    assert other_method.number == "SJ-CH-2026-000002"


def test_the_database_refuses_a_reference_twice_for_a_method(billed, cashier):
    from django.db import IntegrityError, transaction
    from django.utils import timezone

    values = {
        "estate": billed.estate,
        "unit": billed,
        "method": "card",
        "reference": "POS-9",
        "amount": D("1"),
        "taken_by": cashier,
        "taken_at": timezone.now(),
        "business_date": datetime.date(2026, 3, 10),
    }
    Payment.objects.create(number="SJ-CH-2026-900001", **values)
    with pytest.raises(IntegrityError), transaction.atomic():
        Payment.objects.create(number="SJ-CH-2026-900002", **values)


@time_machine.travel(datetime.datetime(2026, 4, 20, 2, 0, tzinfo=datetime.UTC), tick=False)
def test_the_late_fee_to_date_is_shown_oldest_first(billed):
    lines = open_lines(billed)
    # Feb: from 02-27 to 04-20 = 53 days at 0.05% of 223.75; March fell due after the
    # deadline notice, which did not name it: no late fee on it.
    assert [(line.bill.month, line.late_fee_now) for line in lines] == [
        (2, D("5.93")),
        (3, D("0")),
    ]


@time_machine.travel(MARCH_10, tick=False)
def test_a_reversal_is_asked_then_approved_and_counts_on_its_own_day(billed, cashier, manager):
    payment = payment_take(
        unit=billed, amount=D("500"), method="card", reference="POS-1", keep_prepaid="", by=cashier
    )
    asked = reversal_request(payment=payment, reason="刷错卡", by=cashier)
    with pytest.raises(BusinessRuleError, match="already asked"):
        reversal_request(payment=payment, reason="again", by=cashier)

    with time_machine.travel(datetime.datetime(2026, 3, 12, 2, 0, tzinfo=datetime.UTC)):
        red = reversal_approve(request=asked, by=manager)

    assert red.number == "SJ-CH-2026-000002"
    assert (red.amount, red.reverses, red.business_date) == (
        D("-500.00"),
        payment,
        datetime.date(2026, 3, 12),
    )
    assert payment.business_date == datetime.date(2026, 3, 10)  # the day's figures stay
    assert _paid(billed) == [(2, D("0.00"), "open"), (3, D("0.00"), "open")]
    assert prepaid_balances(billed) == {}
    assert Allocation.objects.filter(payment=red).count() == payment.allocations.count()
    assert ReversalRequest.objects.get().status == "approved"
    assert Payment.objects.count() == 2  # nothing deleted
    with pytest.raises(BusinessRuleError, match="already decided"):
        reversal_reject(request=asked, by=manager)


@time_machine.travel(MARCH_10, tick=False)
def test_a_reversal_is_refused_once_its_prepaid_money_is_used(billed, cashier, manager, estate):
    payment = payment_take(unit=billed, amount=D("600"), method="cash", keep_prepaid="", by=cashier)
    bill_run(estate=estate, year=2026, month=4)  # uses the prepaid balance
    asked = reversal_request(payment=payment, reason="收错", by=cashier)

    with pytest.raises(BusinessRuleError, match="used by a bill"):
        reversal_approve(request=asked, by=manager)
    assert Payment.objects.count() == 1


@time_machine.travel(datetime.datetime(2026, 4, 20, 2, 0, tzinfo=datetime.UTC), tick=False)
def test_waiving_a_late_fee_then_a_line_needs_a_reason(billed, manager):
    feb = BillLine.objects.get(bill__month=2)
    with pytest.raises(BusinessRuleError, match="reason"):
        late_fee_waive(line=feb, reason=" ", by=manager)

    assert open_lines(billed)[0].late_fee_now == D("5.93")
    late_fee_waive(line=feb, reason="物业服务有缺陷", by=manager)
    assert [line.late_fee_now for line in open_lines(billed)] == [D("0"), D("0")]

    line_waive(line=feb, reason="协商减免", by=manager)
    feb.refresh_from_db()
    assert (feb.status, feb.waived, feb.waive_reason, feb.waived_by) == (
        "waived",
        D("223.75"),
        "协商减免",
        manager,
    )
    assert feb.history.count() == 3  # created, late fee waived, line waived
    assert PrepaidEntry.objects.count() == 0
