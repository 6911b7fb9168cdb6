"""Completion and on-time rates against values worked out by hand."""

import datetime
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.factories import WorkOrderFactory
from workorders import stats
from workorders.models import Status, WorkOrder

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 3, 2)


def _at(day, hour):
    tz = timezone.get_current_timezone()
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=tz)


@pytest.fixture
def week(unit):
    """Seven orders created in the week of 2026-03-02, one the week before, one cancelled.

    plumbing:   A done on time, B done late, C still in progress  -> 3 orders, 2 done, 1 on time
    electrical: D closed on time, E verified on time              -> 2 orders, 2 done, 2 on time
    cleaning:   F open                                            -> 1 order, 0 done
    (cancelled G and last week's H do not count)
    Overall: 6 orders, 4 completed (66.7 %), 3 on time (75.0 %).
    """
    created = _at(MONDAY, 9)
    due = created + datetime.timedelta(hours=24)

    def order(trade, department, status, done_hours=None, created_at=created):
        done = created_at + datetime.timedelta(hours=done_hours) if done_hours else None
        return WorkOrderFactory(
            unit=unit,
            trade=trade,
            department=department,
            status=status,
            created_at=created_at,
            due_at=created_at + (due - created),
            done_at=done,
            cancel_reason="重复报修" if status == Status.CANCELLED else "",
        )

    order("plumbing", "engineering", Status.DONE, done_hours=3)
    order("plumbing", "engineering", Status.DONE, done_hours=30)
    order("plumbing", "engineering", Status.IN_PROGRESS)
    order("electrical", "engineering", Status.CLOSED, done_hours=24)
    order("electrical", "engineering", Status.VERIFIED, done_hours=1)
    order("cleaning", "cleaning", Status.OPEN)
    order("cleaning", "cleaning", Status.CANCELLED)
    order(
        "plumbing",
        "engineering",
        Status.DONE,
        done_hours=2,
        created_at=created - datetime.timedelta(days=7),
    )


def test_completion_figures_match_the_hand_count(week, unit):
    start, end = stats.week_bounds(MONDAY + datetime.timedelta(days=3))
    check = stats.completion_check(WorkOrder.objects.all(), start, end, estates=[unit.estate])
    overall = check.overall
    assert (overall.total, overall.completed, overall.on_time) == (6, 4, 3)
    assert (overall.completion_rate, overall.on_time_rate) == (Decimal("66.7"), Decimal("75.0"))
    by_trade = {
        f.key: (f.total, f.completed, f.on_time, f.completion_rate, f.on_time_rate)
        for f in check.by_trade
    }
    assert by_trade == {
        "plumbing": (3, 2, 1, Decimal("66.7"), Decimal("50.0")),
        "electrical": (2, 2, 2, Decimal("100.0"), Decimal("100.0")),
        "cleaning": (1, 0, 0, Decimal("0.0"), None),
    }
    by_department = {f.key: (f.total, f.completed, f.on_time) for f in check.by_department}
    assert by_department == {"engineering": (5, 4, 3), "cleaning": (1, 0, 0)}


def test_an_empty_week_has_no_rates(estate):
    check = stats.completion_check(
        WorkOrder.objects.all(), MONDAY, MONDAY + datetime.timedelta(7), estates=[estate]
    )
    assert (check.overall.total, check.overall.completion_rate, check.overall.on_time_rate) == (
        0,
        None,
        None,
    )


def test_completion_page_shows_the_rates(week, client_for, manager):
    response = client_for(manager).get(
        reverse("workorders:completion_check"), {"week": "2026-03-04"}
    )
    html = response.content.decode()
    assert response.context["check"].start == MONDAY
    assert "66.7%" in html and "75.0%" in html


def test_completion_export_has_the_figures_and_the_orders(week, client_for, supervisor):
    response = client_for(supervisor).get(
        reverse("workorders:completion_export"), {"week": "2026-03-02"}
    )
    assert response["Content-Disposition"].endswith('"work-orders-2026-03-02.xlsx"')
    book = load_workbook(BytesIO(b"".join(response.streaming_content)))
    summary = list(book["Summary"].iter_rows(values_only=True))
    assert summary[1] == ("All", 6, 4, 3, 66.7, 75)
    trades = {row[0]: row[1:4] for row in list(book["By trade"].iter_rows(values_only=True))[1:]}
    assert trades == {"Plumbing": (3, 2, 1), "Electrical": (2, 2, 2), "Cleaning": (1, 0, 0)}
    assert len(list(book["Orders"].iter_rows())) == 1 + 6


def test_export_carries_no_resident_phone(week, client_for, supervisor):
    response = client_for(supervisor).get(
        reverse("workorders:completion_export"), {"week": "2026-03-02"}
    )
    book = load_workbook(BytesIO(b"".join(response.streaming_content)))
    cells = {str(c) for row in book["Orders"].iter_rows(values_only=True) for c in row}
    assert "13812345678" not in cells


def test_the_month_counts_the_orders_created_in_it(week, client_for, manager):
    client = client_for(manager)
    march = client.get(reverse("workorders:completion_check"), {"month": "2026-03"})
    overall = march.context["check"].overall
    assert (overall.total, overall.completed, overall.on_time) == (6, 4, 3)
    html = march.content.decode()
    assert "Monthly completion · 2026-03" in html
    assert 'id="period-previous" href="?month=2026-02"' in html
    assert 'id="period-next" href="?month=2026-04"' in html
    assert "?month=2026-03" in html  # the export takes the month too

    # Last week's order H was created on 2026-02-23: February has it alone.
    february = client.get(reverse("workorders:completion_check"), {"month": "2026-02"})
    overall = february.context["check"].overall
    assert (overall.total, overall.completed, overall.on_time) == (1, 1, 1)


def test_the_month_exports_under_its_name(week, client_for, supervisor):
    response = client_for(supervisor).get(
        reverse("workorders:completion_export"), {"month": "2026-03"}
    )
    assert response["Content-Disposition"].endswith('"work-orders-2026-03.xlsx"')
    book = load_workbook(BytesIO(b"".join(response.streaming_content)))
    assert list(book["Summary"].iter_rows(values_only=True))[1] == ("All", 6, 4, 3, 66.7, 75)


def test_a_bad_month_falls_back_to_the_week(week, client_for, manager):
    response = client_for(manager).get(
        reverse("workorders:completion_check"), {"month": "2026-13", "week": "2026-03-04"}
    )
    assert response.context["monthly"] is False
    assert response.context["check"].start == MONDAY


@pytest.mark.parametrize("period", [{"week": "2026-03-02"}, {"month": "2026-03"}])
def test_the_completion_check_runs_the_same_queries_for_1_and_3_orders(
    period, unit, client_for, manager, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(manager)
    url = reverse("workorders:completion_check")
    WorkOrderFactory(unit=unit, created_at=_at(MONDAY, 9))
    client.get(url, period)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url, period).context["check"].overall.total == 1
    WorkOrderFactory(unit=unit, created_at=_at(MONDAY, 10), trade="electrical")
    WorkOrderFactory(unit=unit, created_at=_at(MONDAY, 11), department="cleaning")
    with django_assert_num_queries(len(one.captured_queries)):
        assert client.get(url, period).context["check"].overall.total == 3


def test_an_order_finished_at_23_59_on_the_31st_counts_in_that_month(unit, client_for, manager):
    """23:59 on 31 March in Shanghai is 15:59 UTC: March's, never April's."""
    from zoneinfo import ZoneInfo

    shanghai = ZoneInfo("Asia/Shanghai")
    created = datetime.datetime(2026, 3, 31, 23, 0, tzinfo=shanghai)
    done = datetime.datetime(2026, 3, 31, 23, 59, tzinfo=shanghai)
    order = WorkOrderFactory(
        unit=unit,
        status=Status.DONE,
        created_at=created,
        due_at=created + datetime.timedelta(hours=24),
        done_at=done,
    )
    client = client_for(manager)
    with timezone.override(ZoneInfo("UTC")):  # the server's zone is not the estate's
        march = client.get(reverse("workorders:completion_check"), {"month": "2026-03"})
        april = client.get(reverse("workorders:completion_check"), {"month": "2026-04"})
    overall = march.context["check"].overall
    assert (overall.total, overall.completed, overall.on_time) == (1, 1, 1)
    assert april.context["check"].overall.total == 0
    assert order.number.startswith("WO-2026-")


def test_the_month_of_an_estate_in_another_zone_is_its_own(unit, estate, client_for, manager):
    """At 23:30 on 31 March in Urumqi it is already 1 April in Shanghai."""
    from zoneinfo import ZoneInfo

    estate.time_zone = "Asia/Urumqi"
    estate.save(update_fields=["time_zone"])
    created = datetime.datetime(2026, 3, 31, 23, 30, tzinfo=ZoneInfo("Asia/Urumqi"))
    WorkOrderFactory(unit=unit, created_at=created, due_at=created + datetime.timedelta(days=1))
    client = client_for(manager)
    march = client.get(reverse("workorders:completion_check"), {"month": "2026-03"})
    assert march.context["check"].overall.total == 1
