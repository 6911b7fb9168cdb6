"""The mail room's sheet of the monthly statistics workbook (a desk.reports section): the
month's mail by kind and by what became of it, the hours to pickup, and what still waited
at the desk at the month's end, on the estate's calendar."""

import datetime
import statistics

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from desk.clock import local_date, month_bounds
from mailroom.models import MailItem
from mailroom.selectors import settings_of, waited_since

S = MailItem.Status


def at_month_end(estate, year, month) -> dict:
    """What still waited at the desk at the month's end, and of it what was flagged on the
    month's last day as the register's "uncollected past the estate's days" filter flags it
    on its today (one query besides the settings)."""
    end = month_bounds(estate, year, month)[1]
    row = settings_of([estate])[estate.pk]
    last_day = local_date(estate, end) - datetime.timedelta(days=1)
    counts = (
        MailItem.objects.filter(estate=estate, received_at__lt=end)
        .filter(
            Q(handed_at__isnull=True) | Q(handed_at__gte=end),
            Q(closed_at__isnull=True) | Q(closed_at__gte=end),
        )
        .aggregate(
            waiting=Count("pk"),
            flagged=Count(
                "pk",
                filter=Q(received_at__lt=waited_since(estate, row.flag_after_days, today=last_day)),
            ),
        )
    )
    return {**counts, "flag_after_days": row.flag_after_days}


def monthly_mail(estate, year, month) -> dict:
    start, end = month_bounds(estate, year, month)
    by_status, by_kind = {}, {}
    for status, kind, n in (
        MailItem.objects.filter(estate=estate, received_at__gte=start, received_at__lt=end)
        .order_by()
        .values_list("status", "kind")
        .annotate(n=Count("pk"))
    ):
        by_status[status] = by_status.get(status, 0) + n
        by_kind[kind] = by_kind.get(kind, 0) + n
    hours = [
        (handed - got).total_seconds() / 3600
        for got, handed in MailItem.objects.filter(
            estate=estate, handed_at__gte=start, handed_at__lt=end
        )
        .values_list("received_at", "handed_at")
        .iterator(chunk_size=2000)
    ]
    at_end = at_month_end(estate, year, month)
    return {
        "received": sum(by_status.values()),
        "by_status": by_status,
        "by_kind": by_kind,
        "handed_out": len(hours),
        "median_hours": round(statistics.median(hours), 1) if hours else None,
        "waiting_at_end": at_end["waiting"],
        "flagged_at_end": at_end["flagged"],
        "flag_after_days": at_end["flag_after_days"],
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


def monthly_summary(estate, year, month):
    """The mail room's target on the workbook's Summary: no item uncollected past the
    estate's days at the month's end (the register's "uncollected" filter on that day)."""
    from desk.reports import Target

    m = at_month_end(estate, year, month)
    return [
        Target(
            _("Mail uncollected for %(days)s days or more at the month's end")
            % {"days": m["flag_after_days"]},
            m["flagged"],
            0,
            percent=False,
            at_most=True,
        )
    ]
