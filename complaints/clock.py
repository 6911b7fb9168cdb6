"""Times as the estate sees them: the SLA clock is real minutes, shown in the estate's zone."""

from functools import lru_cache
from zoneinfo import ZoneInfo

from django.utils import timezone


@lru_cache(maxsize=64)
def _zone(name):
    return ZoneInfo(name)


def estate_zone(estate):
    return (
        _zone(estate.time_zone) if estate and estate.time_zone else timezone.get_current_timezone()
    )


def estate_time(value, estate):
    """An aware datetime in the estate's time zone (None stays None)."""
    if value is None:
        return None
    return timezone.localtime(value, estate_zone(estate))


def minutes_between(start, end):
    return (end - start).total_seconds() / 60
