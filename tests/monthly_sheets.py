"""Reading a sheet of the monthly statistics workbook back, for the apps' sheet tests."""

import io

from openpyxl import load_workbook

from desk.monthly_report import build_workbook


def built_workbook(estate, year, month):
    """The estate's month as desk builds it (every registered section), read back."""
    out = io.BytesIO()
    build_workbook(out, estate=estate, year=year, month=month)
    out.seek(0)
    return load_workbook(out)


def sheet_rows(book, title):
    """The sheet's rows as lists of values (a blank row as [])."""
    return [
        [] if all(v is None for v in row) else list(row)
        for row in book[title].iter_rows(values_only=True)
    ]


def figures(rows):
    """{first cell: second cell} of the two-column rows (a section's figure and value)."""
    return {row[0]: row[1] for row in rows if len(row) >= 2 and row[0] is not None}


def summary(book):
    """{label: (value, goal, met)} of the Summary's targets."""
    found = {}
    for row in book["Summary"].iter_rows(min_row=2, values_only=True):
        if row and row[0] and len(row) >= 4 and row[3] in ("yes", "no", "", "是", "否"):
            found[row[0]] = (row[1], row[2], row[3])
    return found
