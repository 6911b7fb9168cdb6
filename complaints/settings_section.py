"""The complaints section of the estate settings page (see desk/estate_settings.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from complaints.models import ComplaintSettings
from complaints.settings_services import (
    LIMITS,
    MESSAGES,
    complaint_settings_row,
    complaint_settings_update,
)
from desk.estate_settings import (
    SettingsSection,
    limit_fields,
    register_settings_section,
)


class ComplaintSettingsForm(forms.ModelForm):
    class Meta:
        model = ComplaintSettings
        fields = ["first_response_minutes", "late_report_days"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_fields(self, LIMITS, MESSAGES)


def register():
    register_settings_section(
        SettingsSection(
            key="complaints",
            title=_("Complaints"),
            description=_(
                "The first-response clock starts when a complaint is received: a change "
                "applies to the complaints received after it."
            ),
            form_class=ComplaintSettingsForm,
            row=complaint_settings_row,
            save=complaint_settings_update,
            permission="complaints.change_complaintsettings",
            order=20,
        )
    )
