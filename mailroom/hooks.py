"""Where the mail room plugs into desk and the register: the top bar, the unit page, the
estate settings, the inbox's kind of reminder. Called from `MailroomConfig.ready()`."""

from django.utils.translation import gettext_lazy as _

from desk.navigation import register_nav_item
from tenants.extensions import UnitSection, register_unit_section


def register():
    from mailroom import reminders, settings_section
    from mailroom.selectors import unit_mail

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
    settings_section.register()
    reminders.register()
