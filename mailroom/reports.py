"""The mail room's sheet of the monthly statistics workbook (a desk.reports section): the
month's mail by kind and by what became of it, the hours to pickup, and what still waited
at the desk at the month's end, on the estate's calendar."""

import datetime
import statistics

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from desk.clock import day_bounds, local_date, month_bounds
from mailroom.models import MailItem
from mailroom.selectors import settings_of

S = MailItem.Status


def monthly_mail(estate, year, month) -> dict:
    start, end = month_bounds(estate, year, month)
    received = MailItem.objects.filter(estate=estate, received_at__gte=start, received_at__lt=end)
    by_status = dict(received.order_by().values_list("status").annotate(n=Count("pk")))
    by_kind = dict(received.order_by().values_list("kind").annotate(n=Count("pk")))
    hours = [
        (handed - got).total_seconds() / 3600
        for got, handed in MailItem.objects.filter(
            estate=estate, handed_at__gte=start, handed_at__lt=end
        ).values_list("received_at", "handed_at")
    ]
    row = settings_of([estate])[estate.pk]
    waiting_at_end = MailItem.objects.filter(estate=estate, received_at__lt=end).filter(
        Q(handed_at__isnull=True) | Q(handed_at__gte=end),
        Q(closed_at__isnull=True) | Q(closed_at__gte=end),
    )
    flagged_at_end = waiting_at_end.filter(
        # On the month's last day, waited its days: received before that day's N-1 days ago.
        received_at__lt=day_bounds(
            estate, local_date(estate, end) - datetime.timedelta(days=row.flag_after_days)
        )[0]
    )
    return {
        "received": sum(by_status.values()),
        "by_status": by_status,
        "by_kind": by_kind,
        "handed_out": len(hours),
        "median_hours": round(statistics.median(hours), 1) if hours else None,
        "waiting_at_end": waiting_at_end.count(),
        "flagged_at_end": flagged_at_end.count(),
        "flag_after_days": row.flag_after_days,
    }


def monthly_report_sheet(sheet, *, estate, year, month):
    m = monthly_mail(estate, year, month)
    sheet.append([_("Figure"), _("Value")])
    sheet.append([_("Mail received"), m["received"]])
    sheet.append([_("Handed out (collected or delivered)"), m["handed_out"]])
    sheet.append([_("Median hours from receipt to hand-out"), m["median_hours"]])
    sheet.append([_("Waiting at the desk at the month's end"), m["waiting_at_end"]])
    sheet.append(
        [
            _("Of them uncollected for %(days)s days or more") % {"days": m["flag_after_days"]},
            m["flagged_at_end"],
        ]
    )
    sheet.append([])
    sheet.append([_("By kind"), _("Count")])
    for value, label in MailItem.Kind.choices:
        sheet.append([str(label), m["by_kind"].get(value, 0)])
    sheet.append([])
    sheet.append([_("By status"), _("Count")])
    for value, label in S.choices:
        sheet.append([str(label), m["by_status"].get(value, 0)])
