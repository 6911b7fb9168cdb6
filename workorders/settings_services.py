"""The estate's work-order due times, as a manager changes them on the estate settings page.

An order's due time is set when it is created (`workorders.services.due_at_for`), so a
change applies to new orders; orders already created keep their due time.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from desk.estate_settings import range_errors, settings_row, settings_row_save
from workorders.models import WorkOrderSettings

LIMITS = {
    "urgent_hours": (1, 72),
    "normal_hours": (1, 30 * 24),
    "planned_days": (1, 365),
}
MESSAGES = {
    "urgent_hours": _("Give a number of hours from %(low)s to %(high)s."),
    "normal_hours": _("Give a number of hours from %(low)s to %(high)s."),
    "planned_days": _("Give a number of days from %(low)s to %(high)s."),
}


def workorder_settings_errors(*, urgent_hours, normal_hours, planned_days) -> dict[str, str]:
    values = {
        "urgent_hours": urgent_hours,
        "normal_hours": normal_hours,
        "planned_days": planned_days,
    }
    errors = range_errors(values, LIMITS, MESSAGES)
    if errors:
        return errors
    if None not in (urgent_hours, normal_hours) and urgent_hours > normal_hours:
        errors["urgent_hours"] = str(_("An urgent order cannot have more time than a normal one."))
    if None not in (normal_hours, planned_days) and normal_hours > planned_days * 24:
        errors["normal_hours"] = str(_("A normal order cannot have more time than a planned one."))
    return errors


def workorder_settings_row(estate) -> WorkOrderSettings:
    """The estate's row, or an unsaved one with the defaults when it never set them."""
    return settings_row(WorkOrderSettings, estate)


@transaction.atomic
def workorder_settings_update(
    *, estate, by, urgent_hours: int, normal_hours: int, planned_days: int
) -> WorkOrderSettings:
    values = {
        "urgent_hours": urgent_hours,
        "normal_hours": normal_hours,
        "planned_days": planned_days,
    }
    errors = workorder_settings_errors(**values)
    return settings_row_save(WorkOrderSettings, estate=estate, by=by, values=values, errors=errors)
