"""The estate's own section of the estate settings page (see desk/estate_settings.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from desk.estate_settings import SettingsSection, register_settings_section
from desk.models import Estate
from tenants.models import Area, Building
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


def areas_summary(estate) -> str:
    """`3 areas; 1 building in no area.` (two queries)."""
    counts = {
        "areas": Area.objects.filter(estate=estate).count(),
        "loose": Building.objects.filter(estate=estate, area_membership__isnull=True).count(),
    }
    text = ngettext("%(count)d area", "%(count)d areas", counts["areas"]) % {
        "count": counts["areas"]
    }
    if counts["loose"]:
        text += "; " + ngettext(
            "%(count)d building in no area", "%(count)d buildings in no area", counts["loose"]
        ) % {"count": counts["loose"]}
    return text + "."


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
    register_settings_section(
        SettingsSection(
            key="areas",
            title=_("Areas"),
            permission="tenants.change_area",
            page="tenants:area_list",
            summary=areas_summary,
            description=_("Divide the buildings into areas and name each area's rep."),
            order=90,  # after the sections with a form
        )
    )
