"""The estate's complaint settings, as a manager changes them on the estate settings page.

The clock's minutes are read when a complaint is received (`complaint_receive`), so a
change applies to the next complaint; complaints already received keep their due time.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from complaints.models import ComplaintSettings
from desk.estate_settings import range_errors, settings_row, settings_row_save

LIMITS = {
    "first_response_minutes": (1, 24 * 60),
    "late_report_days": (1, 366),
}
MESSAGES = {
    "first_response_minutes": _(
        "The first response must be due within %(low)s to %(high)s minutes."
    ),
    "late_report_days": _("Give a number of days from %(low)s to %(high)s."),
}


def complaint_settings_errors(**values) -> dict[str, str]:
    return range_errors(values, LIMITS, MESSAGES)


def complaint_settings_row(estate) -> ComplaintSettings:
    """The estate's row, or an unsaved one with the defaults when it never set them."""
    return settings_row(ComplaintSettings, estate)


@transaction.atomic
def complaint_settings_update(
    *, estate, by, first_response_minutes: int, late_report_days: int
) -> ComplaintSettings:
    values = {
        "first_response_minutes": first_response_minutes,
        "late_report_days": late_report_days,
    }
    errors = complaint_settings_errors(**values)
    return settings_row_save(ComplaintSettings, estate=estate, by=by, values=values, errors=errors)
