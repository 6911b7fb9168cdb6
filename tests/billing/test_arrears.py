"""The receivable-unpaid list (aging, stage, what the visit heard, masking, constant
queries) and the collection statistics (current-period and arrears recovery rates against
the targets, by fee kind and building, month to year), with their exports."""

import datetime
import io
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from billing.arrears import collection_statistics
from billing.ladder import reminder_run
from billing.ladder_services import step_outcome_record
from billing.models import BillLine, FeeKind, LadderStep, Reason, Stage
from billing.payment_services import payment_take
from tests.billing.ladder_fixtures import at_ten, overdue_line
from tests.factories import FeeStandardFactory, OccupancyFactory, ResidentFactory, UnitFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 1)


@pytest.fixture
def fee(estate):
    return FeeStandardFactory(estate=estate, name="物业费")


@pytest.fixture
def water(estate):
    return FeeStandardFactory(estate=estate, name="水费", kind=FeeKind.WATER, order=200)


@pytest.fixture
def aged(unit, occupancy, fee):
    """Due 10, 60, 120 and 400 days before 1 December 2026, and one not due yet."""
    for days, amount in ((10, "10.00"), (60, "20.00"), (120, "40.00"), (400, "80.00")):
        overdue_line(unit, fee, due=TODAY - datetime.timedelta(days=days), amount=amount)
    overdue_line(unit, fee, due=datetime.date(2026, 12, 15), amount="999.00")


def _list(client, query=""):
    return client.get(reverse("billing:arrears_list") + query)


def test_the_list_ages_what_is_due_and_unpaid(aged, unit, estate, rep, cashier, client_for):
    for day in (datetime.date(2026, 11, 1), datetime.date(2026, 11, 2), datetime.date(2026, 11, 3)):
        reminder_run(estate=estate, today=day)
    visit = LadderStep.objects.get(stage=Stage.REP_VISIT)
    step_outcome_record(
        step=visit, reason=Reason.DISPUTE, expected_on=datetime.date(2026, 12, 20), note="", by=rep
    )

    with at_ten(TODAY):
        response = _list(client_for(cashier))

    [row] = response.context["object_list"]
    assert (row.age_30, row.age_90, row.age_180, row.age_over, row.arrears) == (
        D("10.00"),
        D("20.00"),
        D("40.00"),
        D("80.00"),
        D("150.00"),
    )
    assert (row.stage, row.reason, row.expected_on) == (
        Stage.REP_VISIT,
        Reason.DISPUTE,
        datetime.date(2026, 12, 20),
    )
    page = response.content.decode()
    assert "Disputes the amount" in page and "Home visit by the rep" in page
    assert "138****5678" in page and "13812345678" not in page  # the cashier sees it masked


def test_the_filters_pick_by_age_and_stage(aged, building, fee, estate, cashier, client_for):
    fresh = UnitFactory(building=building, number="0101")
    overdue_line(fresh, fee, due=TODAY - datetime.timedelta(days=5))
    client = client_for(cashier)
    with at_ten(TODAY):
        assert len(_list(client).context["object_list"]) == 2
        assert [u.label for u in _list(client, "?aged=180").context["object_list"]] == ["3-1502"]
        assert list(_list(client, "?stage=director").context["object_list"]) == []
        assert [u.label for u in _list(client, "?q=3-0101").context["object_list"]] == ["3-0101"]


def test_the_list_reads_the_same_queries_for_one_unit_as_for_three(
    aged, building, fee, cashier, client_for
):
    client = client_for(cashier)
    with at_ten(TODAY):
        _list(client)
        with CaptureQueriesContext(connection) as one:
            assert len(_list(client).context["object_list"]) == 1
    for number in ("1601", "1701"):
        other = UnitFactory(building=building, number=number)
        OccupancyFactory(unit=other, resident=ResidentFactory(estate=building.estate))
        overdue_line(other, fee, due=TODAY - datetime.timedelta(days=40))
    with at_ten(TODAY), CaptureQueriesContext(connection) as three:
        assert len(_list(client).context["object_list"]) == 3
    assert len(three) == len(one)


def test_a_page_of_the_list_and_the_count_of_all_its_rows_are_read_together(
    aged, building, fee, cashier, client_for, monkeypatch
):
    from billing.views_arrears import ArrearsListView

    monkeypatch.setattr(ArrearsListView, "paginate_by", 2)
    for number, days in (("1601", 40), ("1701", 200)):
        other = UnitFactory(building=building, number=number)
        overdue_line(other, fee, due=TODAY - datetime.timedelta(days=days), amount="500.00")
    client = client_for(cashier)
    with at_ten(TODAY):
        first = _list(client)
        with CaptureQueriesContext(connection) as second_page:
            second = _list(client, "?page=2")
        with CaptureQueriesContext(connection) as aged_only:
            only = _list(client, "?aged=180")
        last = _list(client, "?page=last")
        past = _list(client, "?page=3")
    assert [u.label for u in first.context["object_list"]] == ["3-1601", "3-1701"]
    assert first.context["paginator"].count == 3 and first.context["is_paginated"]
    assert "1–2 of 3" in first.content.decode()
    assert [u.label for u in second.context["object_list"]] == ["3-1502"]
    assert second.context["paginator"].count == 3
    assert [u.label for u in only.context["object_list"]] == ["3-1701", "3-1502"]
    assert only.context["paginator"].count == 2
    assert len(aged_only) == len(second_page)  # the count read with the page, never apart
    assert [u.label for u in last.context["object_list"]] == ["3-1502"]
    assert past.status_code == 404


def test_the_export_masks_the_mobile_for_a_cashier_not_for_a_manager(
    aged, cashier, manager, client_for
):
    def sheet(user):
        with at_ten(TODAY):
            response = client_for(user).get(reverse("billing:arrears_export"))
        rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
        return dict(zip(rows[0], rows[1], strict=True))

    assert sheet(cashier)["Mobile"] == "138****5678"
    assert sheet(manager)["Mobile"] == "13812345678"
    assert sheet(manager)["Total (CNY)"] == 150


@pytest.fixture
def paid_march(estate, unit, fee, water, cashier):
    """February's and March's property fee (100 each) and March's water (30); on 20 March
    150 is paid (oldest first: February's 100, then 50 of March's), and the water."""
    overdue_line(unit, fee, due=datetime.date(2026, 2, 15), amount="100.00")
    overdue_line(unit, fee, due=datetime.date(2026, 3, 15), amount="100.00")
    overdue_line(unit, water, due=datetime.date(2026, 3, 15), amount="30.00")
    with at_ten(datetime.date(2026, 3, 20)):
        payment_take(unit=unit, amount=D("150.00"), method="cash", by=cashier)
        water_line = BillLine.objects.get(kind=FeeKind.WATER)
        payment_take(
            unit=unit, amount=D("30.00"), method="cash", by=cashier, line_ids=[water_line.pk]
        )


def test_the_months_rates_read_the_period_and_the_arrears_it_recovered(estate, paid_march):
    stats = collection_statistics(
        BillLine.objects.filter(estate=estate), year=2026, first_month=3, last_month=3
    )

    prop, water = stats.by_kind
    assert (prop.kind, prop.receivable, prop.collected, prop.rate) == (
        FeeKind.PROPERTY,
        D("100.00"),
        D("50.00"),
        D("50.0"),
    )
    assert (prop.arrears, prop.recovered, prop.recovery_rate) == (
        D("100.00"),
        D("100.00"),
        D("100.0"),
    )
    assert not prop.on_target  # below 95%: red
    assert (water.rate, water.target, water.on_target) == (D("100.0"), D("100"), True)
    [building] = stats.by_building
    assert (building.label, building.receivable, building.collected) == (
        "3",
        D("130.00"),
        D("80.00"),
    )
    assert (stats.total.receivable, stats.total.collected) == (D("130.00"), D("80.00"))


def test_a_quarter_counts_its_months_bills_as_its_own(estate, paid_march):
    stats = collection_statistics(
        BillLine.objects.filter(estate=estate), year=2026, first_month=1, last_month=3
    )

    prop = stats.by_kind[0]
    assert (prop.receivable, prop.collected, prop.rate) == (D("200.00"), D("150.00"), D("75.0"))
    assert (prop.arrears, prop.recovery_rate) == (D("0"), None)


def test_a_payment_after_the_period_does_not_count_in_it(estate, unit, fee, cashier):
    overdue_line(unit, fee, due=datetime.date(2026, 3, 15), amount="100.00")
    with at_ten(datetime.date(2026, 4, 2)):
        payment_take(unit=unit, amount=D("100.00"), method="cash", by=cashier)

    march = collection_statistics(
        BillLine.objects.filter(estate=estate), year=2026, first_month=3, last_month=3
    )
    april = collection_statistics(
        BillLine.objects.filter(estate=estate), year=2026, first_month=4, last_month=4
    )

    assert march.by_kind[0].rate == D("0.0")
    assert (april.by_kind[0].arrears, april.by_kind[0].recovered) == (D("100.00"), D("100.00"))


def test_the_statistics_page_shows_red_and_green_and_exports(
    estate, paid_march, manager, client_for
):
    client = client_for(manager)
    query = f"?estate={estate.pk}&year=2026&period=month&number=3"

    page = client.get(reverse("billing:statistics") + query)
    html = page.content.decode()
    assert html.count("rate-low") == 3  # the property fee, the total and the building
    assert html.count("rate-ok") == 1  # the water
    export = client.get(reverse("billing:statistics_export") + query)
    rows = list(load_workbook(io.BytesIO(b"".join(export.streaming_content))).active.values)
    assert rows[1][:4] == ("Property management fee", 100, 50, 50)


def test_the_statistics_take_the_same_queries_for_one_building_as_for_three(
    estate, paid_march, fee, manager, client_for
):
    from django.core.cache import cache

    from tests.factories import BuildingFactory

    client = client_for(manager)
    query = f"?estate={estate.pk}&year=2026&period=year&number=1"
    client.get(reverse("billing:statistics") + query)
    cache.clear()  # the figures summed, not read from the cache (tests/billing/test_figures.py)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("billing:statistics") + query)
    for number in ("5", "6"):
        unit = UnitFactory(building=BuildingFactory(estate=estate, number=number))
        overdue_line(unit, fee, due=datetime.date(2026, 5, 15))
    cache.clear()
    with CaptureQueriesContext(connection) as three:
        response = client.get(reverse("billing:statistics") + query)
    assert len(response.context["stats"].by_building) == 3
    assert len(three) == len(one)


def test_the_cashiers_home_shows_todays_takings_and_the_accounts_by_stage(
    estate, unit, fee, cashier, client_for
):
    overdue_line(unit, fee, due=datetime.date(2026, 11, 15), amount="300.00")
    reminder_run(estate=estate, today=datetime.date(2026, 11, 16))
    with at_ten(datetime.date(2026, 11, 20)):
        payment_take(unit=unit, amount=D("120.00"), method="wechat", reference="WX1", by=cashier)
        html = client_for(cashier).get(reverse("home")).content.decode()

    assert "WeChat Pay" in html and "120.00" in html
    assert reverse("billing:arrears_list") + "?stage=reminder" in html


def test_the_reps_home_lists_their_areas_accounts_at_a_visit(
    estate, building, unit, fee, rep, client_for
):
    from tenants.models import Area, AreaBuilding

    area = Area.objects.create(estate=estate, name="一区", rep=rep)
    AreaBuilding.objects.create(area=area, building=building)
    from tests.factories import BuildingFactory

    elsewhere = UnitFactory(building=BuildingFactory(estate=estate, number="9"))
    for u in (unit, elsewhere):
        overdue_line(u, fee, due=datetime.date(2026, 9, 15))
    for day in (1, 2, 3):
        reminder_run(estate=estate, today=datetime.date(2026, 12, day))

    response = client_for(rep).get(reverse("home"))

    html = response.content.decode()
    assert reverse("billing:account", args=[unit.pk]) in html
    assert reverse("billing:account", args=[elsewhere.pk]) not in html
