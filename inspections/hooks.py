"""Where the patrols plug into desk: the top bar, the home panels of the rep, the supervisor
and the housekeeping supervisor, the monthly workbook, the seeder, the inbox's kinds and
the review reminder's job. Called from `InspectionsConfig.ready()`."""

from django.utils.translation import gettext_lazy as _

from desk import roles
from desk.home import register_home_panel
from desk.inbox import register_notification_kind
from desk.navigation import register_nav_item
from desk.reports import register_report_section
from desk.seeding import register_seeder


def register():
    from inspections import dashboard, exports, panels, seed, settings_section
    from inspections.reminders import register_review_reminder_kind
    from inspections.services import REVIEW_REMINDER

    register_nav_item(
        "inspections:list", _("Patrols"), "clipboard-check", "inspections.view_round", order=60
    )
    register_home_panel(
        "inspections.today",
        roles=[roles.SERVICE_REP],
        template="inspections/home_today.html",
        context=panels.today_panel,
        order=25,
    )
    register_home_panel(
        "inspections.review",
        roles=[roles.SUPERVISOR, roles.MANAGER],
        template="inspections/home_review.html",
        context=panels.review_panel,
        order=26,
    )
    register_home_panel(
        "inspections.housekeeping",
        roles=[roles.HOUSEKEEPING],
        template="inspections/home_housekeeping.html",
        context=panels.housekeeping_panel,
        order=25,
    )
    register_home_panel(
        "inspections.coverage",
        roles=[roles.MANAGER],
        template="inspections/home_manager.html",
        context=dashboard.manager_panel,
        order=33,
    )
    register_report_section(
        "inspections.patrols",
        title=_("Patrols"),
        write=exports.monthly_report_sheet,
        summary=exports.monthly_summary,
        order=70,
    )
    register_report_section(
        "inspections.contractors",
        title=_("Contractors"),
        write=exports.contractors_report_sheet,
        order=75,
    )
    register_seeder("inspections", seed.seed, order=60)
    register_notification_kind(
        REVIEW_REMINDER,
        text=_("%(count)s patrol rounds wait for your review (the oldest since %(since)s)."),
        icon="clipboard-check",
    )
    register_review_reminder_kind()
    settings_section.register()
