"""The estate's own facts, as a manager changes them on the estate settings page."""

import copy
import zoneinfo
from functools import lru_cache

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from desk.errors import BusinessRuleError
from desk.estate_settings import lock_estate
from desk.models import Estate

FIELDS = ["name", "name_en", "address", "time_zone"]


@lru_cache(maxsize=1)
def _known_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def time_zone_error(name: str) -> str | None:
    """A translated message when `name` is not in the time zone database, else None."""
    if name in _known_zones():
        return None
    return _(
        "“%(zone)s” is not a time zone. Use a name from the time zone database, "
        "such as Asia/Shanghai."
    ) % {"zone": name}


def estate_row(estate) -> Estate:
    """A copy of the estate for the section's form, which sets its fields while it checks."""
    return copy.copy(estate)


@transaction.atomic
def estate_update(*, estate, by, name: str, name_en: str, address: str, time_zone: str) -> Estate:
    values = {
        "name": name.strip(),
        "name_en": name_en.strip(),
        "address": address.strip(),
        "time_zone": time_zone.strip(),
    }
    if not values["name"]:
        raise BusinessRuleError(_("The estate needs a name."))
    if message := time_zone_error(values["time_zone"]):
        raise BusinessRuleError(message)
    lock_estate(estate)
    row = Estate.objects.get(pk=estate.pk)
    if all(getattr(row, name) == value for name, value in values.items()):
        return row
    for field, value in values.items():
        setattr(row, field, value)
    row._history_user = by
    try:
        with transaction.atomic():
            row.save(update_fields=FIELDS)
    except IntegrityError:
        raise BusinessRuleError(_("Another estate already has this name.")) from None
    return row
