"""The front desk's sheet of the monthly statistics workbook (a desk.reports section): the
month's visits and calls by purpose (made into cases, passed on, overdue) and the shift
handovers, on the estate's calendar."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from desk.clock import month_bounds
from frontdesk.models import Handover, LogEntry

Kind, Purpose = LogEntry.Kind, LogEntry.Purpose


@dataclass
class PurposeLine:
    purpose: str
    label: str
    visits: int = 0
    calls: int = 0
    complaints: int = 0
    work_orders: int = 0
    passed_on: int = 0
    overdue: int = 0

    @property
    def total(self) -> int:
        return self.visits + self.calls

    @property
    def cases(self) -> int:
        return self.complaints + self.work_orders


@dataclass
class MonthlyDesk:
    lines: list[PurposeLine] = field(default_factory=list)
    handovers: int = 0
    acknowledged: int = 0
    waiting: int = 0
    supervisor_told: int = 0

    def total(self, name) -> int:
        return sum(getattr(line, name) for line in self.lines)


def monthly_desk(estate, year, month) -> MonthlyDesk:
    """The month's figures (two queries). An entry is *overdue* as the log's "Overdue"
    filter reads it, at the month's end (or now, in a month under way): passed on, past its
    agreed time and not yet resolved."""
    start, end = month_bounds(estate, year, month)
    until = min(end, timezone.now())
    open_then = Q(resolved_at__isnull=True) | Q(resolved_at__gte=until)
    rows = {
        row["purpose"]: row
        for row in LogEntry.objects.filter(estate=estate, at__gte=start, at__lt=end)
        .order_by()
        .values("purpose")
        .annotate(
            visits=Count("pk", filter=Q(kind=Kind.VISIT)),
            calls=Count("pk", filter=Q(kind=Kind.CALL)),
            complaints=Count("pk", filter=Q(complaint__isnull=False)),
            work_orders=Count("pk", filter=Q(work_order__isnull=False)),
            passed_on=Count("pk", filter=Q(outcome=LogEntry.Outcome.PASSED_ON)),
            overdue=Count(
                "pk",
                filter=Q(outcome=LogEntry.Outcome.PASSED_ON, resolve_by__lt=until) & open_then,
            ),
        )
    }
    report = MonthlyDesk()
    for value, label in Purpose.choices:
        row = rows.get(value, {})
        report.lines.append(
            PurposeLine(
                value,
                str(label),
                **{
                    name: row.get(name, 0)
                    for name in (
                        "visits",
                        "calls",
                        "complaints",
                        "work_orders",
                        "passed_on",
                        "overdue",
                    )
                },
            )
        )
    handovers = Handover.objects.filter(
        estate=estate, handed_at__gte=start, handed_at__lt=end
    ).aggregate(
        handovers=Count("pk"),
        acknowledged=Count("pk", filter=Q(acknowledged_at__isnull=False)),
        supervisor_told=Count("pk", filter=Q(supervisor_told_at__isnull=False)),
    )
    report.handovers = handovers["handovers"]
    report.acknowledged = handovers["acknowledged"]
    report.waiting = report.handovers - report.acknowledged
    report.supervisor_told = handovers["supervisor_told"]
    return report


COLUMNS = [
    ("visits", lambda: _("Visits at the desk")),
    ("calls", lambda: _("Calls at the desk")),
    ("total", lambda: _("Total")),
    ("complaints", lambda: _("Made complaints")),
    ("work_orders", lambda: _("Made work orders")),
    ("cases", lambda: _("Converted to cases")),
    ("passed_on", lambda: _("Passed to a department")),
    ("overdue", lambda: _("Overdue at the month's end")),
]


def monthly_report_sheet(sheet, *, estate, year, month):
    m = monthly_desk(estate, year, month)
    sheet.append([_("Purpose")] + [title() for _name, title in COLUMNS])
    for line in m.lines:
        sheet.append([line.label] + [getattr(line, name) for name, _title in COLUMNS])
    sheet.append([_("All")] + [m.total(name) for name, _title in COLUMNS])
    sheet.append([])
    sheet.append([_("Shift handovers"), _("Count")])
    sheet.append([_("Handed over"), m.handovers])
    sheet.append([_("Acknowledged by the next shift"), m.acknowledged])
    sheet.append([_("Waiting for acknowledgement"), m.waiting])
    sheet.append([_("Unacknowledged for 30 minutes (supervisor told)"), m.supervisor_told])
