"""Where the mail room plugs into desk and the register: the top bar, the front desk's
home, the unit page, the shift handover, the monthly workbook, the seeder, the estate
settings and the inbox's kind of reminder. Called from `MailroomConfig.ready()`."""

from django.utils.translation import gettext_lazy as _

from desk import roles
from desk.home import register_home_panel
from desk.navigation import register_nav_item
from desk.reports import register_report_section
from desk.seeding import register_seeder
from tenants.extensions import UnitSection, register_unit_section


def register():
    from mailroom import handover, reminders, reports, seed, settings_section
    from mailroom.selectors import home_waiting, unit_mail

    register_nav_item("mailroom:list", _("Mail"), "mailbox", "mailroom.view_mailitem", order=42)
    register_unit_section(
        UnitSection(
            key="mailroom",
            title=_("Mail"),
            template="mailroom/unit_section.html",
            permission="mailroom.view_mailitem",
            order=50,
            context=lambda unit, user: {"items": unit_mail(unit)},
        )
    )
    register_home_panel(
        "mailroom.waiting",
        roles=[roles.FRONT_DESK],
        template="mailroom/home_waiting.html",
        context=home_waiting,
        order=30,
        wide=True,
    )
    register_home_panel(
        "mailroom.uncollected",
        roles=[roles.MANAGER],
        template="mailroom/home_uncollected.html",
        context=home_waiting,
        order=34,
    )
    handover.register()
    register_report_section(
        "mailroom.mail",
        title=_("Mail"),
        write=reports.monthly_report_sheet,
        summary=reports.monthly_summary,
        order=60,
    )
    register_seeder("mailroom", seed.seed, order=60)
    settings_section.register()
    reminders.register()
