"""Excel out: streamed with openpyxl's write-only mode, so memory stays flat as lists grow.

Every value is data: text is never written as a formula (`=...`), whoever typed it.
"""

import tempfile

from django.http import FileResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from desk.clock import local_time

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def write_sheet(workbook, title, headers, rows):
    sheet = workbook.create_sheet(title=str(title)[:31])
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=str(header))
        cell.font = Font(bold=True)
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([_as_text(sheet, value) for value in row])
    return sheet


def _as_text(sheet, value):
    """openpyxl writes a string that starts with `=` as a formula: a resident named
    `=HYPERLINK(...)` would be a live link in the manager's workbook. Such text stays text."""
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def xlsx_response(filename, sheets):
    """`sheets` is a list of (title, headers, rows); rows may be a generator."""
    workbook = Workbook(write_only=True)
    for title, headers, rows in sheets:
        write_sheet(workbook, title, headers, rows)
    # FileResponse closes the spool when the response is done.
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    workbook.save(spool)
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=filename, content_type=XLSX_TYPE)


def excel_time(value, estate):
    """An aware datetime as Excel takes it: the wall clock of the estate's zone (Excel keeps
    no zone), so a complaint and a work order of one estate read the same clock."""
    local = local_time(estate, value)
    return local.replace(tzinfo=None) if local else None
