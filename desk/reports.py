"""The sections of the monthly statistics workbook (one sheet each), added by the apps.

An app adds its section from its `AppConfig.ready()` (in `<app>/hooks.py`):

    register_report_section("complaints", title=_("Complaints"),
                            write=complaints_sheet, order=20)

`write(sheet_writer, *, estate, year, month)` writes its sheet from the app's selectors:
`sheet_writer.append(row)` adds one row (a list of cells), as an openpyxl write-only
worksheet does; desk makes the sheet, names it after `title`, and calls the sections in
`order`. Months are the estate's.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ReportSection:
    name: str
    title: str
    write: Callable
    order: int = 100


_sections: dict[str, ReportSection] = {}


def register_report_section(name, *, title, write, order=100) -> ReportSection:
    """Add (or replace, by name) a section of the monthly workbook."""
    section = ReportSection(name, title, write, order)
    _sections[name] = section
    return section


def report_sections() -> list[ReportSection]:
    """Every registered section, in the workbook's order."""
    return sorted(_sections.values(), key=lambda section: (section.order, section.name))
