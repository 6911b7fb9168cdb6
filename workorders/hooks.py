"""Where the work orders plug into desk and the register: the top bar, the home page's
first actions, the unit page, the monthly workbook, the seeder, the estate settings and
the kinds of its timeline events and notifications. Called from `WorkordersConfig.ready()`."""

from django.utils.translation import gettext_lazy as _

from desk import roles
from desk.home import register_home_panel
from desk.navigation import register_nav_item
from desk.reports import register_report_section
from desk.roles import ROLES
from desk.seeding import register_seeder
from tenants.extensions import UnitSection, register_unit_section


def register():
    from workorders import events, exports, panels, seed, settings_section
    from workorders.selectors import unit_orders

    register_nav_item(
        "workorders:list", _("Work orders"), "tools", "workorders.view_workorder", order=40
    )
    register_nav_item(
        "workorders:my_today", _("My orders today"), "phone", "workorders.work_workorder", order=50
    )
    register_home_panel(
        "workorders.actions",
        roles=ROLES,  # the template shows each role the actions its permissions allow
        template="workorders/home_actions.html",
        context=lambda request: {},
        order=20,
        wide=True,
    )
    for name, roles_, template, context, order in (
        ("workorders.today", [roles.TECHNICIAN], "technician", panels.technician_panel, 22),
        ("workorders.due", [roles.SERVICE_REP], "rep", panels.rep_panel, 24),
        ("workorders.departments", [roles.MANAGER], "departments", panels.departments_panel, 32),
    ):
        register_home_panel(
            name,
            roles=roles_,
            template=f"workorders/home_{template}.html",
            context=context,
            order=order,
        )
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
    register_report_section(
        "workorders.completion",
        title=_("Work orders"),
        write=exports.monthly_report_sheet,
        summary=exports.monthly_summary,
        order=30,
    )
    register_seeder("workorders", seed.seed, order=40)
    settings_section.register()
    events.register()
