"""Where the visits plug into desk: the top bar, the unit page (its visits and its survey
answers), the home panels, the monthly workbook, the seeder, the estate settings and the
inbox's kind. Called from `VisitsConfig.ready()`."""

from django.utils.translation import gettext_lazy as _

from desk import roles
from desk.home import register_home_panel
from desk.inbox import register_notification_kind
from desk.navigation import register_nav_item
from desk.reports import register_report_section
from desk.seeding import register_seeder
from tenants.extensions import UnitSection, register_unit_section


def register():
    from visits import panels, reports, seed, selectors, settings_section, survey_results
    from visits.services import OVERDUE_KIND

    register_nav_item("visits:list", _("Visits"), "house-heart", "visits.view_visit", order=62)
    register_unit_section(
        UnitSection(
            key="visits",
            title=_("Resident visits"),
            template="visits/unit_section.html",
            permission="visits.view_visit",
            order=62,
            context=lambda unit, user: {"visits": selectors.unit_visits(unit)},
        )
    )
    register_unit_section(
        UnitSection(
            key="visits.surveys",
            title=_("Survey answers"),
            template="visits/unit_survey_section.html",
            permission="visits.view_survey",
            order=63,
            context=lambda unit, user: {"survey_answers": survey_results.unit_survey_answers(unit)},
        )
    )
    register_home_panel(
        "visits.rep_today",
        roles=[roles.SERVICE_REP],
        template="visits/home_rep.html",
        context=panels.rep_today,
        order=27,
    )
    register_home_panel(
        "visits.supervisor",
        roles=[roles.SUPERVISOR],
        template="visits/home_supervisor.html",
        context=panels.supervisor_rates,
        order=32,
    )
    register_home_panel(
        "visits.manager",
        roles=[roles.MANAGER],
        template="visits/home_manager.html",
        context=panels.manager_rates,
        order=33,
    )
    register_report_section(
        "visits.visits",
        title=_("Visits"),
        write=reports.monthly_report_sheet,
        summary=reports.monthly_summary,
        order=62,
    )
    register_seeder("visits", seed.seed, order=65)
    settings_section.register()
    register_notification_kind(
        OVERDUE_KIND,
        text=_("An opinion raised on a visit to %(unit)s waits past its answer time: %(text)s"),
        icon="chat-left-dots",
    )
