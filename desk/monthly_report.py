"""The monthly statistics workbook (月度统计报表): one .xlsx per estate and month.

Built by a job of kind `desk.monthly_report`: from the Reports page (a manager's button),
from `manage.py build_monthly_report YYYY-MM [--estate CODE]`, and by Celery beat on the
1st of every month at 02:00 for each estate's previous month (`desk.build_monthly_report`).
Every run is a job of its own, kept with its file (period, estate, who or which schedule
started it, when): a period built again makes a new file beside the first.

The sheets are the registered sections (desk/reports.py), after a Summary of every
section's targets (red or green) and their 12-month trends (a chart). openpyxl's write-only
mode streams each sheet; a section's rows are held only while its sheet is written (its
column widths are measured from them).
"""

import datetime
import tempfile
from decimal import Decimal

from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import LineChart, Reference
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from desk.clock import estate_today
from desk.reports import Formatted, report_sections

JOB_KIND = "desk.monthly_report"
SCHEDULE = "desk.build_monthly_report"  # the beat entry's name, recorded on its jobs
PERMISSION = "desk.build_monthly_report"
MAX_WIDTH = 60
GREEN = PatternFill("solid", fgColor="C6EFCE")
RED = PatternFill("solid", fgColor="FFC7CE")
BOLD = Font(bold=True)


def register():
    from desk.jobs import register_job_kind

    register_job_kind(
        JOB_KIND,
        work="desk.monthly_report.build_job",
        label=gettext_lazy("Monthly statistics workbook"),
        permission=PERMISSION,
        download_permission=PERMISSION,
        next_url="reports",
        next_label=gettext_lazy("Back to the reports"),
    )


def previous_month(estate) -> tuple[int, int]:
    """The month before the estate's today (its own clock)."""
    last = estate_today(estate).replace(day=1) - datetime.timedelta(days=1)
    return last.year, last.month


def report_start(*, estate, year: int, month: int, by=None, schedule: str = ""):
    """A new run of the estate's month (no key: each run is kept with its own file)."""
    from desk.jobs import job_start

    return job_start(kind=JOB_KIND, estate=estate, by=by, schedule=schedule, year=year, month=month)


def file_name(estate, year, month) -> str:
    return f"monthly-{estate.code}-{year}-{month:02d}.xlsx"


def build_job(job):
    """The job's work: the workbook of its estate and month, as its result file."""
    from desk.jobs import job_finish, job_progress

    estate, year, month = job.estate, job.params["year"], job.params["month"]
    sections = report_sections()
    with tempfile.TemporaryFile() as spool:
        build_workbook(
            spool,
            estate=estate,
            year=year,
            month=month,
            progress=lambda done: job_progress(job.pk, done, len(sections) + 1),
        )
        spool.seek(0)
        with transaction.atomic():
            job_finish(
                job,
                result={"year": year, "month": month, "sheets": len(sections) + 1},
                message=_("The workbook of %(month)s is ready.") % {"month": f"{year}-{month:02d}"},
                file_name=file_name(estate, year, month),
                content=File(spool),
            )


def build_workbook(fileobj, *, estate, year: int, month: int, progress=None):
    """Write the estate's month to `fileobj` (.xlsx)."""
    workbook = Workbook(write_only=True)
    sections = report_sections()
    _summary_sheet(workbook, sections, estate=estate, year=year, month=month)
    if progress:
        progress(1)
    for done, section in enumerate(sections, start=2):
        rows = _Rows()
        section.write(rows, estate=estate, year=year, month=month)
        _write_sheet(workbook, str(section.title), rows.rows)
        if progress:
            progress(done)
    workbook.save(fileobj)


class _Rows:
    """What a section writes into: `append(row)`, as a write-only worksheet takes it."""

    def __init__(self):
        self.rows = []

    def append(self, row):
        self.rows.append(list(row))


def _sheet_title(title):
    for char in "[]:*?/\\\\":
        title = title.replace(char, " ")
    return title[:31]


def _text_width(value):
    if isinstance(value, Formatted):
        value = value.value
    if value is None:
        return 0
    text = str(value)
    # A Chinese character takes two columns of a Latin one.
    return sum(2 if ord(char) > 0x2E80 else 1 for char in text)


def _cell(sheet, value, *, bold=False):
    number_format = None
    if isinstance(value, Formatted):
        value, number_format = value.value, value.number_format
    if isinstance(value, Decimal):
        value = float(value)
    elif isinstance(value, datetime.datetime):
        value, number_format = value.replace(tzinfo=None), number_format or "yyyy-mm-dd hh:mm"
    elif isinstance(value, datetime.date):
        number_format = number_format or "yyyy-mm-dd"
    elif value is not None and not isinstance(value, int | float | str):
        value = str(value)  # a lazy translation, a label
    cell = WriteOnlyCell(sheet, value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # text a person typed stays text, never a formula (desk.exports)
    if number_format:
        cell.number_format = number_format
    if bold:
        cell.font = BOLD
    return cell


def _prepare(sheet, rows, *, header_row=1):
    """What write-only mode needs before the first row: widths, the frozen header, the
    print set-up (landscape, fit to the width, the header on every page)."""
    columns = max((len(row) for row in rows), default=1)
    for index in range(columns):
        width = max((_text_width(row[index]) for row in rows if index < len(row)), default=8)
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(
            max(width + 2, 8), MAX_WIDTH
        )
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if rows:
        sheet.auto_filter.ref = (
            f"A{header_row}:{get_column_letter(columns)}{header_row + len(rows) - 1}"
        )
    return columns


def _write_sheet(workbook, title, rows):
    sheet = workbook.create_sheet(_sheet_title(title))
    _prepare(sheet, rows)
    for number, row in enumerate(rows):
        sheet.append([_cell(sheet, value, bold=number == 0) for value in row])
    return sheet


def _shown(target, value):
    if value is None:
        return "—"
    return Formatted(value, "0.0%") if target.percent else value


def _goal(target):
    if target.goal is None:
        return "—"
    goal = f"{target.goal:.0%}" if target.percent else str(target.goal)
    return f"{'≤' if target.at_most else '≥'} {goal}"


def _summary_sheet(workbook, sections, *, estate, year, month):
    targets, trends = [], []
    for section in sections:
        if section.summary is not None:
            targets += section.summary(estate, year, month)
        if section.trend is not None:
            trends.append((str(section.title), section.trend(estate, year, month)))
    header = [_("Figure"), _("Value"), _("Target"), _("Met")]
    rows = [header]
    for target in targets:
        met = target.met
        rows.append(
            [
                str(target.label),
                _shown(target, target.value),
                _goal(target),
                "" if met is None else (_("yes") if met else _("no")),
            ]
        )
    sheet = workbook.create_sheet(_sheet_title(_("Summary")))
    _prepare(sheet, rows + [[f"{estate.display_name} · {year}-{month:02d}"]])
    for number, row in enumerate(rows):
        cells = [_cell(sheet, value, bold=number == 0) for value in row]
        if number:
            met = targets[number - 1].met
            if met is not None:
                cells[1].fill = GREEN if met else RED
        sheet.append(cells)
    for title, points in trends:
        if not points:
            continue
        sheet.append([])
        first = len(rows) + 2 + 1  # the trend's header row, below a blank one
        sheet.append([_cell(sheet, title, bold=True), _cell(sheet, _("Rate"), bold=True)])
        for label, value in points:
            sheet.append([_cell(sheet, label), _cell(sheet, Formatted(value, "0.0%"))])
        chart = LineChart()
        chart.title = title
        chart.y_axis.number_format = "0%"
        chart.height, chart.width = 7, 16
        data = Reference(sheet, min_col=2, min_row=first, max_row=first + len(points))
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(
            Reference(sheet, min_col=1, min_row=first + 1, max_row=first + len(points))
        )
        sheet.add_chart(chart, f"F{first}")
        rows = rows + [[]] + [[title]] + [[label] for label, _v in points]
    return sheet
