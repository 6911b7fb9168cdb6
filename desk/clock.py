"""The estate clock: an estate's now, today, day, week, month and year, in the estate's zone.

"Today", "this month" and the year of a number are always the estate's, never the server's
or the reader's: a complaint received at 00:10 on 1 January in Shanghai (16:10 UTC on
31 December) is numbered with the new year and counts in January. Bounds are aware
datetimes with the end exclusive, to filter a stored (UTC) time with `__gte` / `__lt`.
SLA clocks do not come here: they count real minutes (`timedelta`).
"""

import datetime

from django.db.models import Q
from django.utils import timezone

from desk.zones import estate_zone, user_zone

__all__ = [
    "day_bounds",
    "estate_now",
    "estate_today",
    "estate_year",
    "local_date",
    "local_time",
    "month_bounds",
    "month_of",
    "period_q",
    "user_day_start",
    "user_now",
    "user_today",
    "week_bounds",
    "week_start",
    "year_bounds",
]


def estate_now(estate) -> datetime.datetime:
    """Now, as an aware datetime in the estate's zone."""
    return timezone.localtime(timezone.now(), estate_zone(estate))


def estate_today(estate) -> datetime.date:
    return estate_now(estate).date()


def local_time(estate, when: datetime.datetime | None) -> datetime.datetime | None:
    """An aware datetime as the estate's wall clock shows it (None stays None)."""
    if when is None:
        return None
    return timezone.localtime(when, estate_zone(estate))


def local_date(estate, when: datetime.datetime) -> datetime.date:
    """The estate's calendar day of an instant."""
    return timezone.localtime(when, estate_zone(estate)).date()


def estate_year(estate, when: datetime.datetime | None = None) -> int:
    """The year of a number people read (TS-2027-…): the estate's, of `when` or of now."""
    return local_date(estate, when or timezone.now()).year


def user_now(user, now: datetime.datetime | None = None) -> datetime.datetime:
    """Now for someone working across estates: in their estates' zone when all share one,
    else in the default zone (as dates are shown to them; `desk.middleware`)."""
    zone = user_zone(user) or timezone.get_default_timezone()
    return timezone.localtime(now or timezone.now(), zone)


def user_today(user) -> datetime.date:
    return user_now(user).date()


def user_day_start(user, now: datetime.datetime | None = None) -> datetime.datetime:
    """Midnight that began the user's today (see `user_now`)."""
    local = user_now(user, now)
    return datetime.datetime.combine(local.date(), datetime.time.min, tzinfo=local.tzinfo)


def _midnight(estate, day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=estate_zone(estate))


def day_bounds(estate, day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The estate's day, from its midnight to the next (a DST day has 23 or 25 hours)."""
    return _midnight(estate, day), _midnight(estate, day + datetime.timedelta(days=1))


def week_start(day: datetime.date) -> datetime.date:
    """The Monday of the day's week."""
    return day - datetime.timedelta(days=day.weekday())


def week_bounds(estate, day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The estate's week (Monday to Sunday) that holds `day`."""
    monday = week_start(day)
    return _midnight(estate, monday), _midnight(estate, monday + datetime.timedelta(days=7))


def month_of(day: datetime.date) -> tuple[int, int]:
    """(year, month) of a date."""
    return day.year, day.month


def _first_of_next_month(year: int, month: int) -> datetime.date:
    return datetime.date(year + (month == 12), month % 12 + 1, 1)


def month_bounds(estate, year: int, month: int) -> tuple[datetime.datetime, datetime.datetime]:
    """The estate's month, from midnight on the 1st to midnight on the next month's 1st."""
    first = datetime.date(year, month, 1)
    return _midnight(estate, first), _midnight(estate, _first_of_next_month(year, month))


def year_bounds(estate, year: int) -> tuple[datetime.datetime, datetime.datetime]:
    return _midnight(estate, datetime.date(year, 1, 1)), _midnight(
        estate, datetime.date(year + 1, 1, 1)
    )


def period_q(estates, field: str, first: datetime.date, end: datetime.date) -> Q:
    """Rows of several estates whose `field` falls on the days `first` to `end` (exclusive),
    each row on its own estate's calendar: one range per zone the estates are in.
    A row's estate is its `estate` field. No estates selects nothing."""
    by_zone = {}
    for estate in estates:
        by_zone.setdefault(estate_zone(estate), (estate, []))[1].append(estate.pk)
    q = Q(pk__in=[])
    for some_estate, ids in by_zone.values():
        start, _ = day_bounds(some_estate, first)
        until, _ = day_bounds(some_estate, end)
        q |= Q(estate__in=ids, **{f"{field}__gte": start, f"{field}__lt": until})
    return q
