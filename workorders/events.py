"""What a work order's timeline and notifications say, made when someone reads them.

A `WorkOrderEvent` and a notification store a kind and its values (see desk.sentences);
the sentences below are put together in the reader's language.
"""

from django.utils.translation import gettext_lazy

from desk.inbox import register_notification_kind
from desk.sentences import sentence

DISPATCHED = "workorders.dispatched"  # to the technician who gets the order


def event_detail(kind, values) -> str:
    """The line after a timeline event's title; the typed note is shown on its own."""
    if kind == "dispatched" and values.get("assignee"):
        return sentence(gettext_lazy("To %(assignee)s"), values)
    if kind == "verified" and "score" in values:
        return sentence(gettext_lazy("Satisfaction %(score)s/5."), values)
    if kind == "reopened" and "score" in values:
        return sentence(gettext_lazy("The resident is not satisfied (%(score)s/5)."), values)
    if kind == "finished" and values.get("charge"):
        return charge_detail(values)
    return ""


def charge_detail(values) -> str:
    """What became of a special paid service's charge (desk.charges' result code)."""
    code = values["charge"]
    if code in ("charged", "already"):
        return sentence(gettext_lazy("%(amount)s charged to the unit."), values)
    if code == "pending":
        return sentence(gettext_lazy("%(amount)s goes on the unit's next bill."), values)
    return sentence(
        gettext_lazy("%(amount)s was not charged: %(charge_reason)s"),
        {"charge_reason": "", **values},
    )


def register():
    register_notification_kind(
        DISPATCHED,
        text=gettext_lazy("Work order %(number)s is yours: %(where)s."),
        icon="tools",
    )
