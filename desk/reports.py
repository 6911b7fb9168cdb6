"""The sections of the monthly statistics workbook (one sheet each), added by the apps.

An app adds its section from its `AppConfig.ready()` (in `<app>/hooks.py`):

    register_report_section("complaints", title=_("Complaints"),
                            write=complaints_sheet, order=20)

`write(sheet_writer, *, estate, year, month)` writes its sheet from the app's selectors:
`sheet_writer.append(row)` adds one row (a list of cells), as an openpyxl write-only
worksheet does; desk makes the sheet, names it after `title`, and calls the sections in
`order`. Months are the estate's.

A section may also give the Summary sheet its targets: `summary(estate, year, month)`
returns `Target`s (a figure of DOMAIN.md against its goal, shown red or green), computed by
the same selectors as the app's own page; and a 12-month `trend(estate, year, month)`
(a list of (label, value) pairs, oldest first), drawn as the Summary's chart. Cells may be
`percent(share)` (a 0..1 share, stored as a number formatted as a percentage) or
`money(amount)` (formatted ¥); numbers and dates are stored as such.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ReportSection:
    name: str
    title: str
    write: Callable
    order: int = 100
    summary: Callable | None = None
    trend: Callable | None = None


@dataclass(frozen=True)
class Target:
    """One line of the Summary sheet: `value` and `goal` as 0..1 shares (or counts when
    `percent` is False); `at_most` for a goal that is a ceiling (mail uncollected)."""

    label: str
    value: float | None
    goal: float | None
    percent: bool = True
    at_most: bool = False

    @property
    def met(self) -> bool | None:
        if self.value is None or self.goal is None:
            return None
        return self.value <= self.goal if self.at_most else self.value >= self.goal


@dataclass(frozen=True)
class Formatted:
    value: object
    number_format: str


def percent(share) -> Formatted:
    return Formatted(share, "0.0%")


def money(amount) -> Formatted:
    return Formatted(amount, "¥#,##0.00")


def share(part, whole) -> float | None:
    """part / whole, or None for a month with nothing to count."""
    return part / whole if whole else None


_sections: dict[str, ReportSection] = {}


def register_report_section(
    name, *, title, write, order=100, summary=None, trend=None
) -> ReportSection:
    """Add (or replace, by name) a section of the monthly workbook."""
    section = ReportSection(name, title, write, order, summary, trend)
    _sections[name] = section
    return section


def report_sections() -> list[ReportSection]:
    """Every registered section, in the workbook's order."""
    return sorted(_sections.values(), key=lambda section: (section.order, section.name))
