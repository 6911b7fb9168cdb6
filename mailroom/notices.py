"""Telling a recipient their mail waits at the desk: an email where the register knows an
address (the outside world: Django's mail backend, the locmem outbox in tests); otherwise
the desk prints a pickup slip for the mailbox (`mailroom:slip`)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from mailroom.models import MailItem

RESIDENT_LANGUAGES = ["zh-hans", "en"]


def send_pickup_notice(item_pk: int, *, reminder: bool = False) -> bool:
    """Email the recipient of an item still at the desk its pickup code; False when the
    item has left the desk or its recipient has no address."""
    item = (
        MailItem.objects.select_related("estate", "resident", "unit__building")
        .filter(pk=item_pk)
        .first()
    )
    if item is None or not item.is_awaiting or not (item.resident_id and item.resident.email):
        return False
    context = {"item": item, "reminder": reminder}
    subjects, bodies = [], []
    for language in RESIDENT_LANGUAGES:  # the register keeps no language for residents
        with translation.override(language):
            subjects.append(render_to_string("mailroom/email/pickup_subject.txt", context).strip())
            bodies.append(render_to_string("mailroom/email/pickup_body.txt", context))
    subject, body = " / ".join(subjects), "\n\n".join(bodies)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [item.resident.email])
    return True
