from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = _("Complaints")

    def ready(self):
        from complaints import events, settings_section
        from complaints.selectors import unit_complaints
        from tenants.extensions import UnitSection, register_unit_section

        register_unit_section(
            UnitSection(
                key="complaints",
                title=_("Complaints"),
                template="complaints/unit_section.html",
                permission="complaints.view_complaint",
                order=30,
                context=lambda unit, user: {"complaints": unit_complaints(unit)},
            )
        )
        settings_section.register()
        events.register()
