"""Where the complaints plug into desk and the register: the top bar, the home page's
first actions, the unit page, the monthly workbook, the seeder, the estate settings and
the kinds of its timeline events and notifications. Called from `ComplaintsConfig.ready()`."""

from django.utils.translation import gettext_lazy as _

from desk import roles
from desk.home import register_home_panel
from desk.navigation import register_nav_item
from desk.reports import register_report_section
from desk.roles import ROLES
from desk.seeding import register_seeder
from tenants.extensions import UnitSection, register_unit_section


def register():
    from complaints import events, exports, panels, seed, settings_section
    from complaints.selectors import unit_complaints

    register_nav_item(
        "complaints:list", _("Complaints"), "megaphone", "complaints.view_complaint", order=30
    )
    register_home_panel(
        "complaints.actions",
        roles=ROLES,  # the template shows each role the actions its permissions allow
        template="complaints/home_actions.html",
        context=lambda request: {},
        order=10,
        wide=True,
    )
    for name, roles_, context, order in (
        ("complaints.desk", [roles.FRONT_DESK], panels.desk_panel, 27),
        ("complaints.mine", [roles.SERVICE_REP], panels.mine_panel, 24),
        ("complaints.board", [roles.SUPERVISOR], panels.board_panel, 24),
    ):
        register_home_panel(
            name,
            roles=roles_,
            template="complaints/home_queues.html",
            context=context,
            order=order,
        )
    register_home_panel(
        "complaints.month",
        roles=[roles.MANAGER],
        template="complaints/home_month.html",
        context=panels.month_panel,
        order=31,
    )
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
    register_report_section(
        "complaints.analysis",
        title=_("Complaints"),
        write=exports.monthly_report_sheet,
        summary=exports.monthly_summary,
        order=20,
    )
    register_seeder("complaints", seed.seed, order=30)
    settings_section.register()
    events.register()
