"""Meter readings from an .xlsx: the shared upload checks (desk.uploads), one row per unit,
a preview with the readings' own rules (billing.meter_services: below the previous reading
refused unless the meter was replaced, far above the unit's average flagged), then saved as
one: every row, or none.

The sheet's first row names the columns, in English or Chinese: the unit (`3-1502`, as
staff type it) or its building and number apart, the reading, and optionally whether the
meter was replaced and the new meter's start reading. The meter kind and the month are
chosen on the form, so a sheet is one meter's month.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from billing.meter_services import ReadingEntry, ReadingErrors, readings_save
from desk.uploads import ImportFileError, check_archive, check_upload  # noqa: F401
from tenants.unit_labels import parse_unit_label

MAX_ROWS = 20_000

# key → (label, other spellings); the label is what the template's header says.
COLUMNS = {
    "unit": (gettext_lazy("Unit"), ("房号", "房屋", "unit", "room")),
    "building": (gettext_lazy("Building"), ("楼栋", "楼号", "building")),
    "number": (gettext_lazy("Unit number"), ("室号", "unit number")),
    "reading": (gettext_lazy("Reading"), ("读数", "本月读数", "reading")),
    "replaced": (gettext_lazy("Meter replaced"), ("换表", "meter replaced", "replaced")),
    "start": (gettext_lazy("Start reading"), ("起始读数", "新表起始读数", "start reading")),
}
TEMPLATE_COLUMNS = ["unit", "reading", "replaced", "start"]
YES = {"1", "y", "yes", "true", "是", "√", "✓", "x"}


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


@dataclass
class PreviewRow:
    row: int
    unit: object
    entry: ReadingEntry
    start: Decimal | None = None
    flagged: bool = False

    @property
    def usage(self):
        return None if self.start is None else self.entry.reading - self.start


@dataclass
class ReadingFile:
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    @property
    def flagged(self):
        return sum(1 for row in self.rows if row.flagged)


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _normal(header) -> str:
    text = _text(header).replace("（", "(").replace("）", ")").replace("*", "")
    return "".join(text.split()).lower()


def _header_names():
    names = {}
    for key, (label, _spellings) in COLUMNS.items():
        for language in ("en", "zh-hans"):
            with translation.override(language):
                names[_normal(str(label))] = key
    for key, (_label, spellings) in COLUMNS.items():  # the spellings above the labels
        for spelling in (key, *spellings):
            names[_normal(spelling)] = key
    return names


def _positions(header) -> dict:
    names = _header_names()
    positions, unknown = {}, []
    for i, cell in enumerate(header or ()):
        if _text(cell) == "":
            continue
        key = names.get(_normal(cell))
        if key is None:
            unknown.append(_text(cell))
        elif key in positions:
            raise ImportFileError(_("The column “%(column)s” is there twice.") % {"column": cell})
        else:
            positions[key] = i
    if unknown:
        raise ImportFileError(_("Unknown columns: %(columns)s.") % {"columns": ", ".join(unknown)})
    if "reading" not in positions or not (
        "unit" in positions or {"building", "number"} <= positions.keys()
    ):
        raise ImportFileError(
            _("The sheet needs a “Unit” column (or “Building” and “Unit number”) and a “Reading”.")
        )
    return positions


def _amount(value):
    text = _text(value).replace(",", "")
    if text == "":
        return None
    try:
        amount = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError from exc
    if amount != amount.quantize(Decimal("0.01")) or amount < 0:
        raise ValueError
    return amount


def _unit_key(building, number):
    label = parse_unit_label(f"{building}-{number}")
    return (label.building, label.unit) if label else None


def read_readings(fileobj, *, estate, kind: str, year: int, month: int, by) -> ReadingFile:
    """Read and check the sheet against the estate's units and their readings; writes
    nothing. Raises ImportFileError for a file that cannot be read at all."""
    check_archive(fileobj)
    try:
        workbook = load_workbook(fileobj, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a broken workbook
        raise ImportFileError(_("The workbook could not be read; save it again as .xlsx.")) from exc
    try:
        values = list(workbook.worksheets[0].iter_rows(values_only=True, max_row=MAX_ROWS + 2))
    except Exception as exc:
        raise ImportFileError(_("The workbook could not be read; save it again as .xlsx.")) from exc
    finally:
        workbook.close()
    if not values:
        raise ImportFileError(_("The file has no rows below the header."))
    positions = _positions(values[0])
    body = [
        (n, cells) for n, cells in enumerate(values[1:], start=2) if any(_text(c) for c in cells)
    ]
    if not body:
        raise ImportFileError(_("The file has no rows below the header."))
    if len(body) > MAX_ROWS:
        raise ImportFileError(
            _("The file has more than %(rows)d rows; split it into smaller files.")
            % {"rows": MAX_ROWS}
        )
    from tenants.models import Unit

    units = {}
    for unit in Unit.objects.filter(estate=estate).select_related("building", "estate"):
        units[_unit_key(unit.building.number, unit.number)] = unit
    result, seen = ReadingFile(), {}

    def cell(cells, key):
        i = positions.get(key)
        return cells[i] if i is not None and i < len(cells) else None

    for number, cells in body:
        if "unit" in positions and _text(cell(cells, "unit")):
            label = parse_unit_label(_text(cell(cells, "unit")))
            key = (label.building, label.unit) if label else None
            if key is None and "building" in positions:  # 楼栋 + 房号 apart
                key = _unit_key(_text(cell(cells, "building")), _text(cell(cells, "unit")))
            column = str(COLUMNS["unit"][0])
        else:
            key = _unit_key(_text(cell(cells, "building")), _text(cell(cells, "number")))
            column = str(COLUMNS["building"][0])
        unit = units.get(key) if key else None
        if unit is None:
            result.errors.append(RowError(number, column, _("No such unit in this estate.")))
            continue
        if unit.pk in seen:
            result.errors.append(
                RowError(
                    number,
                    column,
                    _("The unit is on row %(row)d already.") % {"row": seen[unit.pk]},
                )
            )
            continue
        seen[unit.pk] = number
        try:
            reading = _amount(cell(cells, "reading"))
            start = _amount(cell(cells, "start"))
        except ValueError:
            result.errors.append(
                RowError(
                    number,
                    str(COLUMNS["reading"][0]),
                    _("Not a reading: digits, at most 2 decimals."),
                )
            )
            continue
        if reading is None:
            result.errors.append(
                RowError(number, str(COLUMNS["reading"][0]), _("Give the reading."))
            )
            continue
        replaced = _normal(cell(cells, "replaced")) in YES
        result.rows.append(PreviewRow(number, unit, ReadingEntry(unit, reading, replaced, start)))
    if result.rows:
        by_unit = {row.unit.pk: row for row in result.rows}
        try:
            checked = readings_save(
                kind=kind,
                year=year,
                month=month,
                entries=[row.entry for row in result.rows],
                by=by,
                dry_run=True,
            )
        except ReadingErrors as exc:
            rows_by_label = {row.unit.label: row.row for row in result.rows}
            for label, message in exc.errors.items():
                result.errors.append(
                    RowError(rows_by_label.get(label, 0), str(COLUMNS["reading"][0]), message)
                )
        else:
            for unit, start, _entry, flagged in checked:
                by_unit[unit.pk].start = start
                by_unit[unit.pk].flagged = flagged
    result.errors.sort(key=lambda error: error.row)
    return result


def readings_import(*, estate, kind, year, month, fileobj, by) -> int:
    """Read the stored file again and save all its readings, or none (raises ReadingErrors
    or ImportFileError, naming the rows)."""
    read = read_readings(fileobj, estate=estate, kind=kind, year=year, month=month, by=by)
    if read.errors:
        raise ReadingErrors({f"{e.row}": e.message for e in read.errors})
    with transaction.atomic():
        return readings_save(
            kind=kind, year=year, month=month, entries=[row.entry for row in read.rows], by=by
        )
