"""Payment notices (缴费通知单): a unit's month with arrears brought forward and the late fee,
what prepaid paid, due date and how to pay; a building's batch two to a sheet, bounded."""

import datetime
from decimal import Decimal as D

import pytest
import time_machine
from django.urls import reverse

from billing.notices import notices_for
from billing.payment_services import payment_take
from billing.services import bill_run
from tests.billing.ladder_fixtures import deadline_notice
from tests.factories import UnitFactory
from tests.printing import cells, text

pytestmark = pytest.mark.django_db

APRIL_10 = datetime.datetime(2026, 4, 10, 2, 0, tzinfo=datetime.UTC)


@pytest.fixture
def billed(estate, unit, occupancy, property_fee):
    """March unpaid (223.75, due 03-15; a deadline notice on 03-20, late from 03-31 after
    its 10 grace days), April billed."""
    bill_run(estate=estate, year=2026, month=3)
    bill_run(estate=estate, year=2026, month=4)
    deadline_notice(unit, on=datetime.date(2026, 3, 20))
    return unit


@time_machine.travel(APRIL_10, tick=False)
def test_a_notice_has_the_month_arrears_late_fee_due_date_and_how_to_pay(
    billed, cashier, client_for
):
    [notice] = notices_for([billed], 2026, 4)
    # March late from 03-31 to 04-10: 11 days × 0.05% × 223.75 = 1.23
    assert (notice.charged, notice.arrears_amount, notice.late_fees) == (
        D("223.75"),
        D("223.75"),
        D("1.23"),
    )
    assert notice.total_due == D("448.73")
    assert notice.due_date == datetime.date(2026, 4, 15)

    response = client_for(cashier).get(reverse("billing:notice", args=[billed.pk]))
    assert response.status_code == 200
    grid = cells(response)
    assert grid["Unit"] == billed.label
    assert grid["Payer"] == "张伟"
    assert grid["Due date"] == "2026-04-15"
    assert grid["Total to pay (CNY)"] == "448.73"
    assert grid["Arrears (CNY)"] == "223.75"
    assert "bank transfer" in grid["How to pay"]
    page = text(response)
    assert page.count("Payment notice") >= 2  # two A5 copies on the sheet
    assert "Payer's copy" in page and "Fee centre's copy" in page


@time_machine.travel(APRIL_10, tick=False)
def test_after_a_partial_payment_the_notice_asks_what_is_left(billed, cashier):
    payment_take(unit=billed, amount=D("300"), method="cash", by=cashier)
    [notice] = notices_for([billed], 2026, 4)
    # the late fee (1.23) and March (223.75) paid, 75.02 of April
    assert (notice.arrears_amount, notice.late_fees, notice.paid_ahead) == (
        D("0.00"),
        D("0.00"),
        D("75.02"),
    )
    assert notice.total_due == D("148.73")


@time_machine.travel(APRIL_10, tick=False)
def test_a_buildings_notices_print_two_to_a_sheet_in_bounded_queries(
    estate, building, billed, client_for, cashier, django_assert_max_num_queries
):
    for number in ("1503", "1601"):
        UnitFactory(building=building, number=number, floor=int(number[:2]))
    bill_run(estate=estate, year=2026, month=4)
    client = client_for(cashier)
    url = reverse("billing:notice_batch") + f"?building={building.pk}&period=2026-04"
    with django_assert_max_num_queries(28):  # the first print numbers the notices
        client.get(url)
    with django_assert_max_num_queries(20):  # a reprint keeps their numbers
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="pf-half pf-notice"') == 3
    assert html.count('<main class="pf-sheet') == 2  # 3 notices: two sheets
    assert html.index("3-1502") < html.index("3-1503") < html.index("3-1601")
    assert client.get(reverse("billing:notice_batch")).status_code == 200  # the form


def test_a_unit_without_a_bill_has_no_notice(unit, cashier, client_for):
    assert client_for(cashier).get(reverse("billing:notice", args=[unit.pk])).status_code == 404
