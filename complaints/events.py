"""What a complaint's timeline and notifications say, made when someone reads them.

A `ComplaintEvent` and a notification store a kind and its values (see desk.sentences);
the sentences below are put together in the reader's language.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from desk.inbox import register_notification_kind
from desk.sentences import sentence

ESCALATED = "complaints.escalated"  # by hand, with the reason
OVERDUE = "complaints.overdue"  # by the clock: no handling plan in time
ASSIGNED = "complaints.assigned"


def level_label(level) -> str:
    from complaints.models import Complaint

    try:
        return str(Complaint.Escalation(int(level)).label).lower()
    except (TypeError, ValueError):
        return "—"


def ruling_label(values) -> str:
    from complaints.models import Complaint

    validity = values.get("validity", "")
    if validity == Complaint.Validity.VALID:
        detail = Complaint.Severity(values.get("severity") or "general").label
    elif validity == Complaint.Validity.INVALID:
        detail = Complaint.InvalidKind(values.get("invalid_kind") or "ordinary").label
    else:
        return ""
    return f"{Complaint.Validity(validity).label} · {detail}"


def _with_level(values):
    return {**values, "level": level_label(values.get("level"))}


def event_detail(kind, values) -> str:
    """The line under a timeline event's title; the typed note is shown on its own."""
    if kind == "assigned" and "assignee" in values:
        return sentence(gettext_lazy("To %(assignee)s"), values)
    if kind == "ruled":
        return ruling_label(values)
    if kind == "visited" and "score" in values:
        return sentence(gettext_lazy("Satisfaction %(score)s/5."), values)
    if kind == "escalated" and "level" in values:
        if "due" in values:
            return sentence(
                gettext_lazy("No handling plan by %(due)s: escalated to the %(level)s."),
                _with_level(values),
            )
        return sentence(gettext_lazy("Escalated to the %(level)s."), _with_level(values))
    return ""


def register():
    register_notification_kind(
        ESCALATED,
        text=gettext_lazy("%(number)s was escalated to the %(level)s: %(note)s"),
        icon="arrow-up-circle",
        prepare=_with_level,
    )
    register_notification_kind(
        OVERDUE,
        text=gettext_lazy("%(number)s: no handling plan by %(due)s, escalated to the %(level)s."),
        icon="alarm",
        prepare=_with_level,
    )
    register_notification_kind(
        ASSIGNED,
        text=gettext_lazy("%(number)s was assigned to you by %(by)s."),
        icon="person-check",
    )


def automatic_escalation_reason() -> str:
    """What an empty escalation reason means: the clock escalated it."""
    return _("No handling plan within the time limit.")
