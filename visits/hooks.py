"""Where the visits plug into desk: the top bar, the unit page, the estate settings, the
and the inbox's kind. Called from `VisitsConfig.ready()`."""

from django.utils.translation import gettext_lazy as _

from desk.inbox import register_notification_kind
from desk.navigation import register_nav_item
from tenants.extensions import UnitSection, register_unit_section


def register():
    from visits import selectors, settings_section
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
    settings_section.register()
    register_notification_kind(
        OVERDUE_KIND,
        text=_("An opinion raised on a visit to %(unit)s waits past its answer time: %(text)s"),
        icon="chat-left-dots",
    )
