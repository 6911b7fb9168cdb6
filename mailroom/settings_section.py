"""The mail room's section of the estate settings page (see desk/estate_settings.py):
when uncollected mail is flagged, reminded again, and listed to return to the sender."""

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from desk.estate_settings import (
    SettingsSection,
    limit_fields,
    range_errors,
    register_settings_section,
    settings_row,
    settings_row_save,
)
from mailroom.models import MailSettings

LIMITS = {
    "flag_after_days": (1, 90),
    "remind_every_days": (1, 30),
    "return_after_days": (2, 365),
}
MESSAGES = {name: _("Give a number of days from %(low)s to %(high)s.") for name in LIMITS}


def mail_settings_row(estate) -> MailSettings:
    return settings_row(MailSettings, estate)


@transaction.atomic
def mail_settings_update(
    *, estate, by, flag_after_days: int, remind_every_days: int, return_after_days: int
) -> MailSettings:
    values = {
        "flag_after_days": flag_after_days,
        "remind_every_days": remind_every_days,
        "return_after_days": return_after_days,
    }
    errors = range_errors(values, LIMITS, MESSAGES)
    if not errors and return_after_days <= flag_after_days:
        errors["return_after_days"] = str(
            _("Mail is returned to the sender only after it was flagged.")
        )
    return settings_row_save(MailSettings, estate=estate, by=by, values=values, errors=errors)


class MailSettingsForm(forms.ModelForm):
    class Meta:
        model = MailSettings
        fields = ["flag_after_days", "remind_every_days", "return_after_days"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_fields(self, LIMITS, MESSAGES)


def register():
    register_settings_section(
        SettingsSection(
            key="mailroom",
            title=_("Mail room"),
            description=_(
                "Mail waiting this many of the estate's days is flagged and its recipient "
                "reminded; later it is listed to return to the sender."
            ),
            form_class=MailSettingsForm,
            row=mail_settings_row,
            save=mail_settings_update,
            permission="mailroom.change_mailsettings",
            order=60,
        )
    )
