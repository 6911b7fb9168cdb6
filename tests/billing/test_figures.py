"""The collection figures are cached under their version (billing/figures.py): read again
from the cache while no money moved, and never shown stale after a payment, a reversal, a
waiver or a bill run."""

import datetime
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.http import urlencode

from billing.figures import versions
from billing.models import BillLine
from billing.payment_services import (
    line_waive,
    payment_take,
    reversal_approve,
    reversal_request,
)
from billing.services import bill_run
from tests.billing.ladder_fixtures import at_ten, overdue_line
from tests.factories import FeeStandardFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def fee(estate):
    return FeeStandardFactory(estate=estate, name="物业费")


def _statistics(client, estate, month, year=2026):
    query = {"estate": estate.pk, "year": year, "period": "month", "number": month}
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("billing:statistics") + "?" + urlencode(query))
    assert response.status_code == 200
    summed = [q for q in queries.captured_queries if "SUM(" in q["sql"]]
    return response.context["stats"].total, len(summed)


def test_the_statistics_are_read_again_from_the_cache_until_a_payment(
    estate, unit, occupancy, fee, cashier, manager, client_for
):
    overdue_line(unit, fee, due=datetime.date(2026, 11, 15), amount="100.00")
    client = client_for(manager)
    with at_ten(datetime.date(2026, 11, 20)):
        cold, cold_sums = _statistics(client, estate, 11)
        warm, warm_sums = _statistics(client, estate, 11)
        payment_take(unit=unit, amount=D("60.00"), method="cash", by=cashier)
        paid, paid_sums = _statistics(client, estate, 11)

    assert (cold.receivable, cold.collected) == (warm.receivable, warm.collected)
    assert (cold.receivable, cold.collected) == (D("100.00"), D("0"))
    assert (cold_sums, warm_sums, paid_sums) == (4, 0, 4)  # summed, cached, summed again
    assert paid.collected == D("60.00") and paid.rate == D("60.0")


def test_a_reversal_and_a_waiver_move_the_statistics_at_once(
    estate, unit, occupancy, fee, cashier, manager, client_for
):
    line = overdue_line(unit, fee, due=datetime.date(2026, 10, 15), amount="100.00")
    client = client_for(manager)
    with at_ten(datetime.date(2026, 11, 20)):
        payment = payment_take(unit=unit, amount=D("40.00"), method="cash", by=cashier)
        paid, _sums = _statistics(client, estate, 11)  # October's bill: arrears of November
        request = reversal_request(payment=payment, reason="收错房号", by=cashier)
        reversal_approve(request=request, by=manager)
        reversed_, _sums = _statistics(client, estate, 11)
        line_waive(line=BillLine.objects.get(pk=line.pk), reason="减免", by=manager)
        waived, _sums = _statistics(client, estate, 11)

    assert (paid.arrears, paid.recovered) == (D("100.00"), D("40.00"))
    assert (reversed_.arrears, reversed_.recovered) == (D("100.00"), D("0.00"))
    assert (waived.arrears, waived.recovered) == (D("0.00"), D("0.00"))


def test_a_bill_run_moves_the_statistics_at_once(
    estate, unit, occupancy, property_fee, manager, client_for
):
    client = client_for(manager)
    before, _sums = _statistics(client, estate, 3)
    bill_run(estate=estate, year=2026, month=3)
    billed, _sums = _statistics(client, estate, 3)

    assert before.receivable == D("0") and billed.receivable == D("223.75")


def test_the_version_moves_on_now_and_after_the_write_has_committed(
    unit, occupancy, fee, manager, django_capture_on_commit_callbacks
):
    line = overdue_line(unit, fee, due=datetime.date(2026, 11, 15), amount="100.00")

    def moved():
        return int(versions().figures.split("-")[0])

    start = moved()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        line_waive(line=line, reason="减免", by=manager)
        during = moved()
    assert len(callbacks) == 1
    assert start < during < moved()
