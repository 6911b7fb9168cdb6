"""The renovation's notifications, put together in the reader's language."""

from django.utils.translation import gettext_lazy

from desk.inbox import register_notification_kind

OVERDUE = "renovation.rectification_overdue"  # to the estate's supervisors


def register():
    register_notification_kind(
        OVERDUE,
        text=gettext_lazy(
            "Rectification notice %(number)s for %(unit)s is overdue (deadline %(deadline)s)."
        ),
        icon="cone-striped",
    )
