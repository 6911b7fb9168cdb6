"""The estate's calendar, as billing needs it.

A local shim until desk/clock.py (`estate_today`, `month_bounds`) is on main: "today" and
a month are always the estate's, never the server's zone.
"""

import calendar
import datetime

from django.utils import timezone

from desk.zones import estate_zone


def estate_now(estate) -> datetime.datetime:
    return timezone.localtime(timezone.now(), estate_zone(estate))


def estate_today(estate) -> datetime.date:
    return estate_now(estate).date()


def local_date(estate, when) -> datetime.date:
    return timezone.localtime(when, estate_zone(estate)).date()


def day_bounds(estate, day):
    zone = estate_zone(estate)
    start = datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(
        day + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    return start, end


def month_last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]
