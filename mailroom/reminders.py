"""The daily round of uncollected mail: items waiting past their estate's days are flagged,
their recipients reminded again every few days (email where an address is known), and the
front desk of the estate told in its inbox how many wait and how many are due back to the
sender. Run twice on one day, the second run reminds nobody again."""

import datetime

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from desk import roles
from desk.inbox import notify, register_notification_kind
from desk.models import Estate
from mailroom import notices
from mailroom.models import AWAITING, MailItem
from mailroom.selectors import age_q, settings_of

UNCOLLECTED = "mailroom.uncollected"


def register():
    register_notification_kind(
        UNCOLLECTED,
        text=_(
            "%(count)s items of mail uncollected for %(days)s days or more; "
            "%(to_return)s of them due back to the sender"
        ),
        icon="mailbox",
    )


@transaction.atomic
def mail_remind_uncollected(*, estate, now=None) -> int:
    """Remind the recipients of the estate's flagged items not reminded for
    `remind_every_days`; tell the front desk. Returns how many were reminded."""
    now = now or timezone.now()
    rows = settings_of([estate])
    row = rows[estate.pk]
    flagged = MailItem.objects.filter(estate=estate, status__in=AWAITING).filter(
        age_q([estate], "flag_after_days", rows)
    )
    since = now - datetime.timedelta(days=row.remind_every_days) + datetime.timedelta(hours=1)
    due = list(flagged.exclude(reminded_at__gte=since).select_for_update(skip_locked=True))
    if not due:
        return 0
    MailItem.objects.filter(pk__in=[item.pk for item in due]).update(
        reminded_at=now, reminders=F("reminders") + 1
    )
    for item in due:
        transaction.on_commit(lambda pk=item.pk: notices.send_pickup_notice(pk, reminder=True))
    notify(
        estate=estate,
        kind=UNCOLLECTED,
        role=roles.FRONT_DESK,
        values={
            "count": flagged.count(),
            "days": row.flag_after_days,
            "to_return": flagged.filter(age_q([estate], "return_after_days", rows)).count(),
        },
        url=f"{reverse('mailroom:list')}?age=flagged&estate={estate.pk}",
    )
    return len(due)


def mail_remind_uncollected_everywhere(now=None) -> int:
    """Every estate's round (the beat, daily)."""
    return sum(
        mail_remind_uncollected(estate=estate, now=now) for estate in Estate.objects.order_by("pk")
    )
