"""The estate's own section of the estate settings page (see desk/estate_settings.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from desk.estate_settings import SettingsSection, register_settings_section
from desk.models import Estate
from tenants.settings_services import FIELDS, estate_row, estate_update, time_zone_error


class EstateSettingsForm(forms.ModelForm):
    class Meta:
        model = Estate
        fields = FIELDS
        help_texts = {"time_zone": _("A name from the time zone database, e.g. Asia/Shanghai.")}

    def clean_time_zone(self):
        zone = self.cleaned_data["time_zone"].strip()
        if message := time_zone_error(zone):
            raise forms.ValidationError(message)
        return zone


def register():
    register_settings_section(
        SettingsSection(
            key="estate",
            title=_("Estate"),
            form_class=EstateSettingsForm,
            row=estate_row,
            save=estate_update,
            permission="desk.change_estate",
            order=10,
        )
    )
