"""The inbox: any app notifies a person, or every holder of a role in an estate.

An app registers each kind of notification once, from its `AppConfig.ready()`:

    register_notification_kind(
        "complaints.escalated",
        text=_("%(number)s was escalated to you: %(note)s"),  # gettext_lazy
        icon="arrow-up-circle",
    )

and notifies from its services, inside their transaction:

    notify(estate=complaint.estate, kind="complaints.escalated",
           values={"number": complaint.number, "note": reason},
           url=reverse("complaints:detail", args=[complaint.pk]), role=roles.SUPERVISOR)

A notification stores the kind and its values, never a sentence; each reader sees it in
their own language. A role's notification is one row per holder (fan-out at notify time),
so every person's read state is their own and the unread count is one index lookup.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from desk.models import Notification, User
from desk.sentences import note_of, sentence

NOTE = "desk.note"  # free text kept as it was written (e.g. migrated from older rows)


@dataclass(frozen=True)
class NotificationKind:
    kind: str
    text: object  # a lazily translated format string with %(name)s values
    icon: str = "bell"
    # Turns the stored values into the ones the text shows (e.g. a code into its label),
    # at reading time, in the reader's language.
    prepare: Callable[[dict], dict] | None = None


_KINDS: dict[str, NotificationKind] = {}


def register_notification_kind(
    kind: str, *, text, icon: str = "bell", prepare: Callable[[dict], dict] | None = None
) -> NotificationKind:
    """Register a kind once (from `AppConfig.ready()`); registering it again replaces it."""
    registered = NotificationKind(kind=kind, text=text, icon=icon, prepare=prepare)
    _KINDS[kind] = registered
    return registered


def notification_kind(kind: str) -> NotificationKind | None:
    return _KINDS.get(kind)


register_notification_kind(NOTE, text="%(note)s")  # shown as written, in no language


def notification_text(notification: Notification) -> str:
    """The notification in the active language; an unknown kind shows its note, or its name."""
    found = _KINDS.get(notification.kind)
    values = notification.values or {}
    if found is None:
        return note_of(values) or notification.kind
    if found.prepare is not None:
        values = found.prepare(dict(values))
    return sentence(found.text, values)


def notification_icon(notification: Notification) -> str:
    found = _KINDS.get(notification.kind)
    return found.icon if found else "bell"


def _holders(estate, role):
    return User.objects.filter(estates=estate, is_active=True, groups__name=role).distinct()


@transaction.atomic
def notify(
    *, estate, kind: str, values: dict, url: str = "", user=None, role: str | None = None
) -> list[Notification]:
    """Notify `user`, or every active holder of `role` in `estate` (one row each).

    Returns the notifications written: none when the role has no holder (the caller may
    then notify someone else, as the complaint escalation falls back to the manager).
    """
    if kind not in _KINDS:
        raise ValueError(f"Unknown notification kind {kind!r}: register it first.")
    if (user is None) == (role is None):
        raise ValueError("Notify a user or a role, not both.")
    if role is not None and estate is None:
        raise ValueError("A role is notified in an estate.")
    people = [user] if user is not None else list(_holders(estate, role))
    now = timezone.now()
    return Notification.objects.bulk_create(
        [
            Notification(
                estate=estate,
                recipient=person,
                role=role or "",
                kind=kind,
                values=values,
                url=url,
                created_at=now,
            )
            for person in people
        ]
    )


def inbox_for(user, *, unread_only: bool = False):
    """The user's notifications, newest first, scoped to them and their estates."""
    qs = Notification.objects.for_user(user)
    return qs.unread() if unread_only else qs


def unread_count(user) -> int:
    """One query on the partial index of unread rows (the top bar's bell)."""
    return inbox_for(user, unread_only=True).count()


def mark_read(*, user, notification: Notification) -> bool:
    """Mark one of the user's notifications read; False when it already was."""
    return (
        inbox_for(user, unread_only=True).filter(pk=notification.pk).update(read_at=timezone.now())
        == 1
    )


def mark_all_read(*, user) -> int:
    return inbox_for(user, unread_only=True).update(read_at=timezone.now())
