"""Where renovation plugs into desk and the register: the top bar, the home panels, the
unit page, the unit's status (an active permit makes it renovating), the monthly workbook,
the seeder and the notifications. Called from `RenovationConfig.ready()`."""

from django.utils.translation import gettext_lazy as _

from desk import roles
from desk.home import register_home_panel
from desk.navigation import register_nav_item
from desk.reports import register_report_section
from desk.seeding import register_seeder
from tenants.extensions import UnitSection, register_renovation_check, register_unit_section


def unit_has_active_permit(unit) -> bool:
    from renovation.models import Permit

    return Permit.objects.active().filter(unit_id=unit.pk).exists()


def register():
    from renovation import events, seed, selectors, weekly

    register_nav_item(
        "renovation:list", _("Renovation"), "bricks", "renovation.view_permit", order=45
    )
    register_home_panel(
        "renovation.patrols",
        roles=[roles.SERVICE_REP],
        template="renovation/home_patrols.html",
        context=lambda request: {"due": selectors.due_count(request.user)},
        order=25,
        wide=True,
    )
    register_home_panel(
        "renovation.approvals",
        roles=[roles.MANAGER],
        template="renovation/home_approvals.html",
        context=lambda request: {"waiting": selectors.awaiting_approval_count(request.user)},
        order=26,
        wide=True,
    )
    register_unit_section(
        UnitSection(
            key="renovation",
            title=_("Renovation"),
            template="renovation/unit_section.html",
            permission="renovation.view_permit",
            order=45,
            context=lambda unit, user: {"permits": selectors.unit_permits(unit)},
        )
    )
    register_renovation_check(unit_has_active_permit)
    register_report_section(
        "renovation.status", title=_("Renovation"), write=weekly.monthly_report_sheet, order=40
    )
    register_seeder("renovation", seed.seed, order=60)
    events.register()
    weekly.register_job_kind_weekly()
