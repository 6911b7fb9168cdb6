"""The patrols' section of the estate settings page (see desk/estate_settings.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from desk.estate_settings import SettingsSection, limit_fields, register_settings_section
from inspections.models import InspectionSettings
from inspections.settings_services import (
    LIMITS,
    MESSAGES,
    inspection_settings_row,
    inspection_settings_update,
)


class InspectionSettingsForm(forms.ModelForm):
    class Meta:
        model = InspectionSettings
        fields = ["vacant_check_days"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_fields(self, LIMITS, MESSAGES)


def register():
    register_settings_section(
        SettingsSection(
            key="inspections",
            title=_("Patrols"),
            description=_(
                "A vacant unit left unchecked for longer than these days is overdue on the "
                "vacant-unit register."
            ),
            form_class=InspectionSettingsForm,
            row=inspection_settings_row,
            save=inspection_settings_update,
            permission="inspections.change_inspectionsettings",
            order=70,
        )
    )
