"""Where the patrols plug into desk: the inbox's kinds (more join with the pages).
Called from `InspectionsConfig.ready()`."""

from django.utils.translation import gettext_lazy as _

from desk.inbox import register_notification_kind


def register():
    from inspections.services import REVIEW_REMINDER

    register_notification_kind(
        REVIEW_REMINDER,
        text=_("%(count)s patrol rounds wait for your review (the oldest since %(since)s)."),
        icon="clipboard-check",
    )
