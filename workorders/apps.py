from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkordersConfig(AppConfig):
    name = "workorders"
    verbose_name = _("Work orders")

    def ready(self):
        from tenants.extensions import UnitSection, register_unit_section
        from workorders import events, settings_section
        from workorders.selectors import unit_orders

        register_unit_section(
            UnitSection(
                key="workorders",
                title=_("Work orders"),
                template="workorders/unit_section.html",
                permission="workorders.view_all_workorders",
                order=40,
                context=lambda unit, user: {"orders": unit_orders(unit)},
            )
        )
        settings_section.register()
        events.register()
