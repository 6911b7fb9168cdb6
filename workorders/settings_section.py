"""The work-order section of the estate settings page (see desk/estate_settings.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from desk.estate_settings import (
    SettingsSection,
    add_errors,
    limit_fields,
    register_settings_section,
)
from workorders.models import WorkOrderSettings
from workorders.settings_services import (
    LIMITS,
    MESSAGES,
    workorder_settings_errors,
    workorder_settings_row,
    workorder_settings_update,
)


class WorkOrderSettingsForm(forms.ModelForm):
    class Meta:
        model = WorkOrderSettings
        fields = ["urgent_hours", "normal_hours", "planned_days"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_fields(self, LIMITS, MESSAGES)

    def clean(self):
        data = super().clean()
        add_errors(self, workorder_settings_errors(**{f: data.get(f) for f in LIMITS}))
        return data


def register():
    register_settings_section(
        SettingsSection(
            key="workorders",
            title=_("Work orders"),
            description=_(
                "An order's due time is set when it is created: a change applies to new orders."
            ),
            form_class=WorkOrderSettingsForm,
            row=workorder_settings_row,
            save=workorder_settings_update,
            permission="workorders.change_workordersettings",
            order=30,
        )
    )
