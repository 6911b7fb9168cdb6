"""The manager's collection panel: the month's property-fee rate against 95% and the 12-month
trend, each month the collection statistics of that month; the rate opens those statistics."""

import datetime
import json
from decimal import Decimal as D

import pytest
from django.urls import reverse

from billing.arrears import collection_statistics, monthly_trend
from billing.dashboard import manager_collection
from billing.models import BillLine
from billing.payment_services import payment_take
from tests.billing.ladder_fixtures import at_ten, overdue_line
from tests.desk.home_links import panel_context
from tests.factories import FeeStandardFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def months(estate, unit, occupancy, cashier):
    """100 of property fee billed for each of August to November 2026 and 30 of water in
    November; 150 paid on 20 September (August's, then half of September's), 100 on
    5 November (the rest of September's, half of October's), the water on 6 November."""
    fee = FeeStandardFactory(estate=estate, name="物业费")
    water = FeeStandardFactory(estate=estate, name="水费", kind="water", order=200)
    for month in (8, 9, 10, 11):
        overdue_line(unit, fee, due=datetime.date(2026, month, 15), amount="100.00")
    overdue_line(unit, water, due=datetime.date(2026, 11, 15), amount="30.00")
    with at_ten(datetime.date(2026, 9, 20)):
        payment_take(unit=unit, amount=D("150.00"), method="cash", by=cashier)
    with at_ten(datetime.date(2026, 11, 5)):
        payment_take(
            unit=unit,
            amount=D("100.00"),
            method="cash",
            by=cashier,
            line_ids=[
                line.pk
                for line in BillLine.objects.filter(kind="property", bill__month__in=[9, 10])
            ],
        )
    with at_ten(datetime.date(2026, 11, 6)):
        payment_take(
            unit=unit,
            amount=D("30.00"),
            method="cash",
            by=cashier,
            line_ids=[BillLine.objects.get(kind="water").pk],
        )


def test_each_month_of_the_trend_is_that_months_statistics(estate, months):
    lines = BillLine.objects.filter(estate=estate)
    [trend] = monthly_trend(lines, year=2026, month=11).values()

    assert [f.label for f in trend][-4:] == ["2026-08", "2026-09", "2026-10", "2026-11"]
    assert len(trend) == 12
    for f in trend:
        year, month = (int(part) for part in f.label.split("-"))
        [prop] = [
            k
            for k in collection_statistics(
                lines, year=year, first_month=month, last_month=month
            ).by_kind
            if k.kind == "property"
        ] or [None]
        if prop is None:
            assert (f.receivable, f.collected, f.arrears) == (0, 0, 0)
            continue
        assert (f.receivable, f.collected, f.arrears, f.recovered) == (
            prop.receivable,
            prop.collected,
            prop.arrears,
            prop.recovered,
        ), f.label
    # By hand: September's bill got 50 in September; October's nothing in October, but 50 of
    # September's arrears (100 open at its start... 50 after the 50 paid) was paid in November.
    by_label = {f.label: f for f in trend}
    assert (by_label["2026-09"].rate, by_label["2026-10"].rate) == (D("50.0"), D("0.0"))
    assert (by_label["2026-11"].arrears, by_label["2026-11"].recovered) == (
        D("150.00"),
        D("100.00"),
    )
    assert by_label["2026-11"].recovery_rate == D("66.7")
    assert by_label["2026-11"].rate == D("0.0")


def test_the_managers_rate_opens_the_months_statistics(estate, months, manager, client_for):
    with at_ten(datetime.date(2026, 11, 25)):
        context = panel_context(manager_collection, manager)
        [row] = context["rows"]
        client = client_for(manager)
        home = client.get(reverse("home")).content.decode()
        statistics = client.get(row["url"])
    assert row["current"].rate == D("0.0") and not row["current"].on_target
    assert row["url"].replace("&", "&amp;") in home
    prop = statistics.context["stats"].by_kind[0]
    assert (prop.kind, prop.rate, prop.recovery_rate) == ("property", D("0.0"), D("66.7"))
    # The chart's data and its table say the same twelve months.
    chart = row["chart"]
    script = f'id="{chart.data_id}" type="application/json">'
    data = json.loads(home.split(script)[1].split("</script>")[0])
    assert data["labels"][-1] == "2026-11"
    assert data["series"][0]["values"][-3:] == [50.0, 0.0, 0.0]
    assert data["series"][1]["values"][-1] == 66.7
    assert data["target"] == 95.0
    assert '<td class="num">66.7%</td>' in home


def _figures(trend):
    return [(f.label, f.receivable, f.collected, f.arrears, f.recovered) for f in trend]


def test_the_home_reads_the_ended_months_from_the_cache_and_this_month_live(
    estate, unit, months, cashier, django_assert_num_queries
):
    from django.core.cache import cache

    cache.clear()
    lines = BillLine.objects.filter(estate=estate)
    with at_ten(datetime.date(2026, 11, 25)):
        [full] = monthly_trend(lines, year=2026, month=11).values()
        with django_assert_num_queries(2 + 1 + 3):  # the history, the version, this month
            cold = monthly_trend(lines, year=2026, month=11, estate_ids=[estate.pk])
        with django_assert_num_queries(1):  # the figures' version: nothing was paid since
            warm = monthly_trend(lines, year=2026, month=11, estate_ids=[estate.pk])
        assert _figures(cold[estate.pk]) == _figures(warm[estate.pk]) == _figures(full)
        # Paid today, of November's bill and of October's: this month moves at once.
        payment_take(unit=unit, amount=D("150.00"), method="cash", by=cashier)
        [full] = monthly_trend(lines, year=2026, month=11).values()
        warm = monthly_trend(lines, year=2026, month=11, estate_ids=[estate.pk])
    assert _figures(warm[estate.pk]) == _figures(full)
    assert (full[-1].collected, full[-1].recovered) == (D("100.00"), D("150.00"))


def test_a_waiver_moves_the_ended_months_read_from_the_cache(
    estate, unit, months, manager, django_assert_num_queries
):
    from django.core.cache import cache

    from billing.payment_services import line_waive

    cache.clear()
    lines = BillLine.objects.filter(estate=estate)
    with at_ten(datetime.date(2026, 11, 25)):
        monthly_trend(lines, year=2026, month=11, estate_ids=[estate.pk])
        # October's property fee: 50 of it open, waived; every month after it moves.
        october = BillLine.objects.get(kind="property", bill__month=10)
        line_waive(line=october, reason="减免", by=manager)
        with django_assert_num_queries(1 + 2 + 3):  # the versions, the history, this month
            warm = monthly_trend(lines, year=2026, month=11, estate_ids=[estate.pk])
        [full] = monthly_trend(lines, year=2026, month=11).values()
    assert _figures(warm[estate.pk]) == _figures(full)
    assert full[-1].arrears == D("100.00")  # September's 50 and October's 50 less the waiver


def test_a_month_past_counts_what_was_paid_of_its_bills_by_its_end(estate, unit, months, cashier):
    """November read after it has ended, as the statistics read it: what was paid of its
    bills in December is not in its collection."""
    from django.core.cache import cache

    cache.clear()
    lines = BillLine.objects.filter(estate=estate)
    with at_ten(datetime.date(2026, 12, 3)):
        payment_take(unit=unit, amount=D("150.00"), method="cash", by=cashier)
        [past] = monthly_trend(lines, year=2026, month=11, estate_ids=[estate.pk]).values()
        [full] = monthly_trend(lines, year=2026, month=11).values()
    assert _figures(past) == _figures(full)
    assert past[-1].collected == D("0.00")  # November's bill, paid in December


@pytest.mark.parametrize("day", [datetime.date(2026, 11, 29), datetime.date(2026, 11, 30)])
def test_this_month_in_its_last_days_reads_as_the_statistics_do(
    estate, unit, months, cashier, day, django_assert_num_queries
):
    """Paid today, of November's bill and of October's, on the month's last days (an estate's
    day may be 1 December already): as many queries, the same figures."""
    lines = BillLine.objects.filter(estate=estate)
    with at_ten(day):
        payment_take(unit=unit, amount=D("140.00"), method="cash", by=cashier)
        monthly_trend(lines, year=2026, month=11, estate_ids=[estate.pk])  # the history read
        payment_take(unit=unit, amount=D("10.00"), method="cash", by=cashier)
        with django_assert_num_queries(1 + 3):  # the versions, this month
            [warm] = monthly_trend(lines, year=2026, month=11, estate_ids=[estate.pk]).values()
        [full] = monthly_trend(lines, year=2026, month=11).values()
    assert _figures(warm) == _figures(full)
    assert (warm[-1].collected, warm[-1].recovered) == (D("100.00"), D("150.00"))
