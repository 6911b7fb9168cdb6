"""The visits section of the estate settings page (see desk/estate_settings.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from desk.estate_settings import SettingsSection, limit_fields, register_settings_section
from visits.models import VisitSettings
from visits.services import LIMITS, MESSAGES, visit_settings_row, visit_settings_update


class VisitSettingsForm(forms.ModelForm):
    class Meta:
        model = VisitSettings
        fields = ["answer_days", "half_year_target", "survey_return_target"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_fields(self, LIMITS, MESSAGES)


def register():
    register_settings_section(
        SettingsSection(
            key="visits",
            title=_("Visits"),
            description=_(
                "An opinion raised on a visit is due an answer within these days: a change "
                "applies to the opinions raised after it."
            ),
            form_class=VisitSettingsForm,
            row=visit_settings_row,
            save=visit_settings_update,
            permission="visits.change_visitsettings",
            order=60,
        )
    )
