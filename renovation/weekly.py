"""The weekly renovation report (every Saturday, in the estate's week): permits active,
patrols done against due, violations open and closed, acceptances; a page and a workbook.

The week is the estate's, Monday to Sunday (desk.clock.week_bounds); the report is due on
its Saturday. A week under way counts the patrols due up to the estate's today.
"""

import datetime
import io
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from desk.clock import day_bounds, estate_today, week_start
from desk.exports import excel_time, write_sheet, xlsx_response
from desk.jobs import job_finish, job_start, register_job_kind
from desk.models import Estate, Job
from renovation.models import Acceptance, Patrol, Permit, Violation
from renovation.selectors import due_days


def report_saturday(monday: datetime.date) -> datetime.date:
    return monday + datetime.timedelta(days=5)


def last_saturday(estate) -> datetime.date:
    """The Monday of the week whose Saturday is the latest reached (today on a Saturday)."""
    today = estate_today(estate)
    monday = week_start(today)
    return monday if today >= report_saturday(monday) else monday - datetime.timedelta(days=7)


@dataclass
class PermitWeek:
    permit: Permit
    due: int
    done: int
    found: int
    open: int


@dataclass
class WeeklyReport:
    estate: object
    monday: datetime.date
    sunday: datetime.date
    saturday: datetime.date | None  # a week's report day; None for a month
    counted_until: datetime.date | None
    applied: int = 0
    approved: int = 0
    rejected: int = 0
    active: int = 0
    patrols_due: int = 0
    patrols_done: int = 0
    violations_found: int = 0
    major_found: int = 0
    violations_open: int = 0
    violations_closed: int = 0
    acceptances: dict = field(default_factory=dict)
    rows: list = field(default_factory=list)

    @property
    def patrol_rate(self):
        if not self.patrols_due:
            return None
        return round(100 * min(self.patrols_done, self.patrols_due) / self.patrols_due, 1)

    def acceptance_figures(self):
        return [(label, self.acceptances.get(code, 0)) for code, label in Acceptance.Result.choices]


def weekly_report(estate, monday: datetime.date) -> WeeklyReport:
    """The figures of the estate's week from `monday` (six queries)."""
    monday = week_start(monday)
    return period_report(
        estate, monday, monday + datetime.timedelta(days=6), saturday=report_saturday(monday)
    )


def monthly_report(estate, year: int, month: int) -> WeeklyReport:
    """The same figures for the estate's month (the monthly workbook's Renovation sheet)."""
    first = datetime.date(year, month, 1)
    last = datetime.date(year + (month == 12), month % 12 + 1, 1) - datetime.timedelta(days=1)
    return period_report(estate, first, last)


def period_report(estate, first: datetime.date, last: datetime.date, *, saturday=None):
    """The figures of the estate's days `first` to `last` (inclusive; six queries): a week
    under way, or a month, counts the patrols due up to the estate's today."""
    start, end = day_bounds(estate, first)[0], day_bounds(estate, last)[1]
    monday, sunday = first, last
    today = estate_today(estate)
    counted_until = min(sunday, today) if today >= monday else None
    report = WeeklyReport(estate, monday, sunday, saturday, counted_until)
    in_week = Q(applied_at__gte=start, applied_at__lt=end)
    decided = Q(decided_at__gte=start, decided_at__lt=end)
    permits = Permit.objects.filter(estate=estate)
    report.applied = permits.filter(in_week).count()
    report.approved = permits.filter(decided, status__in=["approved", "closed"]).count()
    report.rejected = permits.filter(decided, status="rejected").count()
    active = list(
        permits.filter(
            status__in=[Permit.Status.APPROVED, Permit.Status.CLOSED],
            decided_at__lt=end,
        )
        .filter(Q(closed_at__isnull=True) | Q(closed_at__gte=start))
        .select_related("estate", "unit__building")
        .order_by("unit__building__sort_key", "unit__sort_key")
    )
    report.active = len(active)
    done = {}
    for permit_id, day in Patrol.objects.filter(
        permit__in=active, day__gte=monday, day__lte=sunday
    ).values_list("permit_id", "day"):
        done.setdefault(permit_id, set()).add(day)
    violations = list(
        Violation.objects.filter(permit__estate=estate)
        .filter(
            Q(found_at__gte=start, found_at__lt=end)
            | Q(closed_at__gte=start, closed_at__lt=end)
            | Q(found_at__lt=end, status=Violation.Status.OPEN)
            | Q(found_at__lt=end, closed_at__gte=end)
        )
        .values_list("permit_id", "severity", "found_at", "closed_at")
    )
    found, still_open = {}, {}
    for permit_id, severity, found_at, closed_at in violations:
        if start <= found_at < end:
            report.violations_found += 1
            report.major_found += severity == Violation.Severity.MAJOR
            found[permit_id] = found.get(permit_id, 0) + 1
        if closed_at is not None and start <= closed_at < end and severity == "major":
            report.violations_closed += 1
        if found_at < end and (closed_at is None or closed_at >= end):
            report.violations_open += 1
            still_open[permit_id] = still_open.get(permit_id, 0) + 1
    for result in Acceptance.objects.filter(
        permit__estate=estate, inspected_at__gte=start, inspected_at__lt=end
    ).values_list("result", flat=True):
        report.acceptances[result] = report.acceptances.get(result, 0) + 1
    for permit in active:
        due = len(due_days(permit, monday, counted_until)) if counted_until else 0
        patrolled = len(done.get(permit.pk, ()))
        report.patrols_due += due
        report.patrols_done += min(patrolled, due) if due else 0
        report.rows.append(
            PermitWeek(
                permit, due, patrolled, found.get(permit.pk, 0), still_open.get(permit.pk, 0)
            )
        )
    return report


FIGURES = [
    gettext_lazy("Applications"),
    gettext_lazy("Approved"),
    gettext_lazy("Rejected"),
    gettext_lazy("Permits active"),
    gettext_lazy("Patrols due"),
    gettext_lazy("Patrols done"),
    gettext_lazy("Patrol rate (%)"),
    gettext_lazy("Violations found"),
    gettext_lazy("of them major"),
    gettext_lazy("Rectifications open"),
    gettext_lazy("Rectifications closed"),
]


def figure_values(report):
    return [
        report.applied,
        report.approved,
        report.rejected,
        report.active,
        report.patrols_due,
        report.patrols_done,
        report.patrol_rate,
        report.violations_found,
        report.major_found,
        report.violations_open,
        report.violations_closed,
    ]


def weekly_sheets(report):
    """The workbook's sheets: the figures, then the permits of the week."""
    estate = report.estate
    summary = [
        [str(label), value] for label, value in zip(FIGURES, figure_values(report), strict=True)
    ]
    summary += [[str(label), value] for label, value in report.acceptance_figures()]
    headers = [
        _("Number"),
        _("Unit"),
        _("Contractor"),
        _("Status"),
        _("Approved at"),
        _("Planned end"),
        _("Patrols due"),
        _("Patrols done"),
        _("Violations found"),
        _("Rectifications open"),
    ]
    rows = (
        [
            row.permit.number,
            row.permit.unit.label,
            row.permit.contractor,
            row.permit.get_status_display(),
            excel_time(row.permit.decided_at, estate),
            row.permit.planned_end,
            row.due,
            row.done,
            row.found,
            row.open,
        ]
        for row in report.rows
    )
    return [
        (_("Summary"), [_("Figure"), _("Value")], summary),
        (_("Permits"), headers, rows),
    ]


def monthly_report_sheet(sheet, *, estate, year, month):
    """The Renovation sheet of the monthly statistics workbook (a desk.reports section): the
    weekly report's figures and permits, for the estate's month."""
    report = monthly_report(estate, year, month)
    for number, (_title, headers, rows) in enumerate(weekly_sheets(report)):
        if number:
            sheet.append([])
        sheet.append([str(header) for header in headers])
        for row in rows:
            sheet.append(row)


def file_name(report) -> str:
    return f"renovation-week-{report.monday:%Y-%m-%d}.xlsx"


def weekly_xlsx(report):
    return xlsx_response(file_name(report), weekly_sheets(report))


# The Saturday workbook, kept as a job (desk.jobs) started by the beat's entry.
JOB_KIND = "renovation.weekly_report"
SCHEDULE = "renovation.weekly_reports"
SATURDAY = 5


def register_job_kind_weekly():
    register_job_kind(
        JOB_KIND,
        work="renovation.weekly.weekly_report_job",
        label=gettext_lazy("Weekly renovation report"),
        permission="renovation.view_weekly_report",
        next_url="renovation:weekly",
        next_label=gettext_lazy("Weekly renovation report"),
    )


def job_key(estate, monday) -> str:
    return f"{estate.code}-{monday:%Y-%m-%d}"


def weekly_report_job(job):
    """The week's workbook, kept with the job for whoever may read the report."""
    monday = datetime.date.fromisoformat(job.params["monday"])
    report = weekly_report(job.estate, monday)
    workbook = Workbook(write_only=True)
    for title, headers, rows in weekly_sheets(report):
        write_sheet(workbook, title, headers, rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    summary = {
        "monday": report.monday.isoformat(),
        "active": report.active,
        "patrols_due": report.patrols_due,
        "patrols_done": report.patrols_done,
        "violations_open": report.violations_open,
    }
    with transaction.atomic():
        job_finish(
            job, result=summary, file_name=file_name(report), content=ContentFile(buffer.getvalue())
        )
    return summary


def weekly_reports_start():
    """The beat's entry (Saturdays): every estate where it is Saturday gets its week's
    workbook, once per estate and week (the job's key)."""
    started = []
    for estate in Estate.objects.order_by("pk"):
        today = estate_today(estate)
        if today.weekday() != SATURDAY:
            continue
        monday = week_start(today)
        started.append(
            job_start(
                kind=JOB_KIND,
                estate=estate,
                schedule=SCHEDULE,
                key=job_key(estate, monday),
                monday=monday.isoformat(),
            )
        )
    return started


def kept_workbook(estate, monday):
    """The Saturday job of that week, if the schedule made it."""
    return (
        Job.objects.filter(kind=JOB_KIND, key=job_key(estate, monday), status=Job.Status.DONE)
        .order_by("-attempt")
        .first()
    )
