"""The estate clock: each estate's now, today and bounds, whatever the server's zone."""

import datetime
from datetime import UTC
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from desk import clock

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
URUMQI = ZoneInfo("Asia/Urumqi")  # UTC+6
LONDON = ZoneInfo("Europe/London")
# 16:10 UTC on 31 December 2026: 00:10 on 1 January 2027 in Shanghai, 22:10 on the 31st
# in Urumqi and 16:10 in London.
NEW_YEAR_IN_SHANGHAI = datetime.datetime(2026, 12, 31, 16, 10, tzinfo=UTC)


@pytest.fixture
def urumqi(other_estate):
    other_estate.time_zone = "Asia/Urumqi"
    other_estate.save(update_fields=["time_zone"])
    return other_estate


@time_machine.travel(NEW_YEAR_IN_SHANGHAI, tick=False)
def test_each_estate_has_its_own_now_and_today(estate, urumqi):
    with timezone.override(LONDON):  # the reader's or the server's zone changes nothing
        assert clock.estate_now(estate) == datetime.datetime(2027, 1, 1, 0, 10, tzinfo=SHANGHAI)
        assert clock.estate_now(estate).utcoffset() == datetime.timedelta(hours=8)
        assert clock.estate_today(estate) == datetime.date(2027, 1, 1)
        assert clock.estate_today(urumqi) == datetime.date(2026, 12, 31)
        assert (clock.estate_year(estate), clock.estate_year(urumqi)) == (2027, 2026)


def test_an_estate_in_london_gets_its_own_today(estate):
    estate.time_zone = "Europe/London"
    estate.save(update_fields=["time_zone"])
    with time_machine.travel(datetime.datetime(2026, 7, 1, 23, 30, tzinfo=UTC), tick=False):
        # 00:30 on 2 July in London (summer time), 07:30 on the 2nd in Shanghai.
        assert clock.estate_today(estate) == datetime.date(2026, 7, 2)
        assert clock.estate_now(estate).utcoffset() == datetime.timedelta(hours=1)
    with time_machine.travel(datetime.datetime(2026, 7, 1, 22, 30, tzinfo=UTC), tick=False):
        assert clock.estate_today(estate) == datetime.date(2026, 7, 1)


def test_local_date_and_time_of_an_instant(estate, urumqi):
    assert clock.local_date(estate, NEW_YEAR_IN_SHANGHAI) == datetime.date(2027, 1, 1)
    assert clock.local_date(urumqi, NEW_YEAR_IN_SHANGHAI) == datetime.date(2026, 12, 31)
    assert clock.local_time(urumqi, NEW_YEAR_IN_SHANGHAI).strftime("%H:%M") == "22:10"
    assert clock.local_time(estate, None) is None
    assert clock.estate_year(estate, NEW_YEAR_IN_SHANGHAI) == 2027


def test_day_month_and_year_bounds_are_the_estate_s_midnights(estate, urumqi):
    assert clock.day_bounds(estate, datetime.date(2026, 12, 31)) == (
        datetime.datetime(2026, 12, 30, 16, 0, tzinfo=UTC),
        datetime.datetime(2026, 12, 31, 16, 0, tzinfo=UTC),
    )
    assert clock.month_bounds(urumqi, 2026, 12) == (
        datetime.datetime(2026, 11, 30, 18, 0, tzinfo=UTC),
        datetime.datetime(2026, 12, 31, 18, 0, tzinfo=UTC),
    )
    assert clock.month_bounds(estate, 2027, 2) == (
        datetime.datetime(2027, 2, 1, tzinfo=SHANGHAI),
        datetime.datetime(2027, 3, 1, tzinfo=SHANGHAI),
    )
    assert clock.year_bounds(estate, 2027) == (
        datetime.datetime(2026, 12, 31, 16, 0, tzinfo=UTC),
        datetime.datetime(2027, 12, 31, 16, 0, tzinfo=UTC),
    )
    start, end = clock.month_bounds(estate, 2027, 1)
    assert start <= NEW_YEAR_IN_SHANGHAI < end


def test_a_day_with_a_clock_change_has_its_own_length(estate):
    estate.time_zone = "Europe/London"
    start, end = clock.day_bounds(estate, datetime.date(2026, 3, 29))  # clocks go forward
    assert end.astimezone(UTC) - start.astimezone(UTC) == datetime.timedelta(hours=23)


def test_the_week_runs_monday_to_monday(estate):
    start, end = clock.week_bounds(estate, datetime.date(2026, 12, 31))  # a Thursday
    assert (start, end) == (
        datetime.datetime(2026, 12, 28, tzinfo=SHANGHAI),
        datetime.datetime(2027, 1, 4, tzinfo=SHANGHAI),
    )
    assert clock.week_start(datetime.date(2027, 1, 3)) == datetime.date(2026, 12, 28)
    assert clock.month_of(datetime.date(2027, 1, 3)) == (2027, 1)


@time_machine.travel(NEW_YEAR_IN_SHANGHAI, tick=False)
def test_a_user_s_today_is_their_estates_day(estate, urumqi, manager, outsider):
    from tests.factories import UserFactory

    assert clock.user_today(manager) == datetime.date(2027, 1, 1)
    assert clock.user_today(outsider) == datetime.date(2026, 12, 31)
    both = UserFactory(estates=[estate, urumqi])  # zones differ: the settings' zone
    assert clock.user_today(both) == datetime.date(2027, 1, 1)


def test_a_period_takes_each_row_on_its_own_estate_s_calendar(estate, urumqi, unit):
    from tests.factories import BuildingFactory, UnitFactory, WorkOrderFactory
    from workorders.models import WorkOrder

    far_unit = UnitFactory(building=BuildingFactory(estate=urumqi))
    # 17:00 UTC on 31 December: 01:00 on 1 January in Shanghai, 23:00 on the 31st in Urumqi.
    at = datetime.datetime(2026, 12, 31, 17, 0, tzinfo=UTC)
    here = WorkOrderFactory(unit=unit, created_at=at)
    there = WorkOrderFactory(unit=far_unit, created_at=at)

    def created_on(first, end):
        q = clock.period_q([estate, urumqi], "created_at", first, end)
        return set(WorkOrder.objects.filter(q))

    assert created_on(datetime.date(2027, 1, 1), datetime.date(2027, 2, 1)) == {here}
    assert created_on(datetime.date(2026, 12, 1), datetime.date(2027, 1, 1)) == {there}
    assert not WorkOrder.objects.filter(
        clock.period_q([], "created_at", datetime.date(2027, 1, 1), datetime.date(2027, 1, 2))
    ).exists()
