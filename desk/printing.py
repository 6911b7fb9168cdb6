"""Printed forms (the paper the desk hands out): the rows of a form's bordered grid.

A print view (`<app>/views_print.py`) builds its form as rows and renders a template that
extends `print/base.html` (the comment at the top of that template has the whole recipe):

    rows = [
        row(cell(_("Place"), order.place), cell(_("Requested by"), requester)),
        heading(_("Work report")),
        row(cell(_("Work notes"), order.work_notes, lines=3)),      # room to write by hand
        row(cell(_("Satisfaction"), ticks=satisfaction_ticks(order.satisfaction))),
    ]

The grid has four columns: label, value, label, value. A row holds two cells, or one cell
whose value spans the rest of the row. A value that is not known yet prints as an empty
box for the pen; `lines` makes the box taller.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from desk.clock import local_time

MAX_LINES = 6  # print.css has a height for 1..6 lines


@dataclass(frozen=True)
class Tick:
    label: str
    checked: bool = False


@dataclass(frozen=True)
class Cell:
    label: str
    value: str = ""
    span: int = 1  # columns of the value: 1, or 3 when the cell has its row to itself
    lines: int = 1
    ticks: tuple[Tick, ...] = ()


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...] = ()
    heading: str = ""


def cell(label, value="", *, lines=1, ticks=()) -> Cell:
    return Cell(
        label=label,
        value="" if value is None else str(value),
        lines=max(1, min(lines, MAX_LINES)),
        ticks=tuple(ticks),
    )


def row(*cells: Cell) -> Row:
    if len(cells) not in (1, 2):
        raise ValueError("A row of the grid holds one or two cells.")
    if len(cells) == 1:
        only = cells[0]
        cells = (Cell(only.label, only.value, 3, only.lines, only.ticks),)
    return Row(cells=cells)


def heading(text) -> Row:
    """A full-width caption that opens a part of the form (e.g. the return visit)."""
    return Row(heading=text)


def tick_boxes(choices, checked=None) -> list[Tick]:
    """Tick boxes for (value, label) choices; the one equal to `checked` is ticked."""
    return [Tick(label, checked is not None and value == checked) for value, label in choices]


# The three boxes of the paper forms, and the 1-5 scores the desk records that each stands for.
SATISFACTION = [
    ("satisfied", _("Satisfied"), {4, 5}),
    ("fairly", _("Fairly satisfied"), {3}),
    ("dissatisfied", _("Dissatisfied"), {1, 2}),
]


def satisfaction_ticks(score) -> list[Tick]:
    """满意 / 基本满意 / 不满意, with the recorded score's box ticked (none while unrecorded)."""
    return [Tick(label, score in scores) for _key, label, scores in SATISFACTION]


def printed_time(value, estate, fmt="%Y-%m-%d %H:%M") -> str:
    """A stored time as the estate's wall clock; "" while it is not set (a box to fill in)."""
    if value is None:
        return ""
    return local_time(estate, value).strftime(fmt)


def printed_date(value, estate) -> str:
    return printed_time(value, estate, "%Y-%m-%d")
