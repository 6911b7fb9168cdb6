"""The estate's patrol settings, as a manager changes them on the estate settings page:
the days a vacant unit may go unchecked (`inspections.selectors.vacant_units` reads them)."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from desk.estate_settings import range_errors, settings_row, settings_row_save
from inspections.models import InspectionSettings

LIMITS = {"vacant_check_days": (1, 90)}
MESSAGES = {"vacant_check_days": _("Give a number of days from %(low)s to %(high)s.")}


def inspection_settings_row(estate) -> InspectionSettings:
    """The estate's row, or an unsaved one with the defaults when it never set them."""
    return settings_row(InspectionSettings, estate)


@transaction.atomic
def inspection_settings_update(*, estate, by, vacant_check_days: int) -> InspectionSettings:
    values = {"vacant_check_days": vacant_check_days}
    errors = range_errors(values, LIMITS, MESSAGES)
    return settings_row_save(InspectionSettings, estate=estate, by=by, values=values, errors=errors)
