"""Time zones: an estate's, and a staff member's (the zone all their estates share)."""

import zoneinfo
from functools import lru_cache

from django.utils import timezone

from desk.scoping import user_time_zones


@lru_cache(maxsize=64)
def zone_named(name):
    """The zone of that name, or None for a name the zone database does not know."""
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def estate_zone(estate):
    """The estate's zone; the active one when the estate has none (or an unknown one)."""
    zone = zone_named(estate.time_zone) if estate and estate.time_zone else None
    return zone or timezone.get_current_timezone()


def user_zone(user):
    """The zone all of the user's estates share, or None (no estates, or several zones)."""
    zones = user_time_zones(user)
    return zone_named(zones[0]) if len(zones) == 1 and zones[0] else None
