"""Times as the estate sees them: the SLA clock is real minutes, shown in the estate's zone."""

from django.utils import timezone

from desk.zones import estate_zone


def estate_time(value, estate):
    """An aware datetime in the estate's time zone (None stays None)."""
    if value is None:
        return None
    return timezone.localtime(value, estate_zone(estate))


def minutes_between(start, end):
    return (end - start).total_seconds() / 60
