"""Reading the register from an .xlsx: the file checks, the columns, each row's validation.

Nothing here writes. `check_upload` looks at what the browser sent, `read_register` checks
the archive (zip bombs included) *before* openpyxl opens it, then reads one sheet, one row
per unit + resident, and returns the rows and every bad row with the reason.
`tenants.import_services.register_import` writes the rows.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.datetime import from_excel

from desk.clock import estate_today
from desk.uploads import (  # noqa: F401  (re-exported for the import views)
    MAX_UPLOAD_BYTES,
    MB,
    ImportFileError,
    check_archive,
    check_upload,
)
from tenants.import_columns import (  # noqa: F401  (re-exported)
    CHOICES,
    COLUMNS,
    COLUMNS_BY_KEY,
    MAX_LENGTHS,
    PHONE_FIELDS,
    RESIDENT_FIELDS,
    Column,
)

MAX_ROWS = 20_000


@dataclass
class RegisterRow:
    """One valid row. Blank optional values are "" / None: they leave what is there."""

    number: int
    estate_id: int
    building: str
    unit: str
    floor: int
    floor_area: Decimal
    usage: str = ""
    status: str = ""
    handover_date: datetime.date | None = None
    resident: dict = field(default_factory=dict)  # name and mobile always; the rest if given
    role: str = ""
    move_in: datetime.date | None = None

    @property
    def unit_key(self):
        return (self.estate_id, self.building, self.unit)

    @property
    def resident_key(self):
        return (self.estate_id, self.resident["name"], self.resident["mobile"])


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


@dataclass
class RegisterFile:
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)


def read_register(fileobj, *, estates, progress=None) -> RegisterFile:
    """Read and validate the first sheet. `estates` maps the user's estate codes to estates.

    Raises ImportFileError for a file that cannot be read at all; bad rows are returned
    in `errors` (row number as Excel shows it, column, reason). `progress(count)`, if
    given, is called after each non-empty row.
    """
    check_archive(fileobj)
    try:
        workbook = load_workbook(fileobj, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a broken workbook
        raise ImportFileError(_("The workbook could not be read; save it again as .xlsx.")) from exc
    try:
        return _read_sheet(workbook.worksheets[0], estates, progress)
    except ImportFileError:
        raise
    except Exception as exc:  # a broken sheet inside a valid zip
        raise ImportFileError(_("The workbook could not be read; save it again as .xlsx.")) from exc
    finally:
        workbook.close()


def _read_sheet(sheet, estates, progress) -> RegisterFile:
    values = sheet.iter_rows(values_only=True)
    positions = _match_header(next(values, None))
    validator = _RowValidator({code.upper(): estate for code, estate in estates.items()})
    count = 0
    for number, cells in enumerate(values, start=2):
        if all(_text(cell) == "" for cell in cells):
            continue
        count += 1
        if count > MAX_ROWS:
            raise ImportFileError(
                _("The file has more than %(rows)d rows; split it into smaller files.")
                % {"rows": MAX_ROWS}
            )
        raw = {key: cells[i] if i < len(cells) else None for key, i in positions.items()}
        validator.validate(number, raw)
        if progress is not None:
            progress(count)
    if count == 0:
        raise ImportFileError(_("The file has no rows below the header."))
    return validator.result


def _normal(header) -> str:
    text = _text(header).replace("（", "(").replace("）", ")").replace("*", "")
    return "".join(text.split()).lower()


def _header_names():
    names = {}
    for column in COLUMNS:
        spellings = {column.key, column.header, *column.aliases}
        for language in ("en", "zh-hans"):
            with translation.override(language):
                spellings.add(str(column.label))
        for spelling in spellings:
            names[_normal(spelling)] = column.key
    return names


def _match_header(header) -> dict:
    """Column key → position. Refuses unknown, repeated or missing required columns."""
    names = _header_names()
    positions, unknown, repeated = {}, [], []
    for i, cell in enumerate(header or ()):
        if _text(cell) == "":
            continue
        key = names.get(_normal(cell))
        if key is None:
            unknown.append(_text(cell))
        elif key in positions:
            repeated.append(_text(cell))
        else:
            positions[key] = i
    missing = [str(c.label) for c in COLUMNS if c.required and c.key not in positions]
    problems = []
    if missing:
        problems.append(_("missing: %(columns)s") % {"columns": ", ".join(missing)})
    if unknown:
        problems.append(_("unknown: %(columns)s") % {"columns": ", ".join(unknown)})
    if repeated:
        problems.append(_("repeated: %(columns)s") % {"columns": ", ".join(repeated)})
    if problems:
        raise ImportFileError(
            _("The columns do not match the template (%(problems)s). Download the template.")
            % {"problems": "; ".join(problems)}
        )
    return positions


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    return str(value).strip()


def _choice_lookup(choices) -> dict:
    lookup = {}
    for value, label in choices.choices:
        lookup[value.lower()] = value
        for language in ("en", "zh-hans"):
            with translation.override(language):
                lookup[str(label).strip().lower()] = value
    return lookup


class _RowValidator:
    def __init__(self, estates):
        self.estates = estates
        self.result = RegisterFile()
        self.choices = {key: _choice_lookup(choices) for key, choices in CHOICES.items()}
        self.units_seen = {}  # unit key → (row number, unit values)
        self.occupancies_seen = {}  # (unit key, resident key, role) → row number
        # A year from the estates' today (the latest of them; they may differ in zone).
        today = max((estate_today(e) for e in estates.values()), default=timezone.localdate())
        self.latest_move_in = today + datetime.timedelta(days=366)

    def validate(self, number, raw):
        errors = []

        def error(key, message):
            label = str(COLUMNS_BY_KEY[key].label) if key else ""
            errors.append(RowError(number, label, message))

        clean = {}
        for key in COLUMNS_BY_KEY:
            value = raw.get(key)
            try:
                clean[key] = self._clean(key, value)
            except ValidationError as exc:
                error(key, exc.messages[0])
        for column in COLUMNS:
            if column.required and column.key in clean and clean[column.key] in ("", None):
                error(column.key, _("This value is required."))

        has_resident = any(_text(raw.get(k)) != "" for k in [*RESIDENT_FIELDS, "role", "move_in"])
        if has_resident:
            for key, message in [
                ("name", _("Enter the resident's name, or leave the resident columns empty.")),
                ("role", _("Enter the occupancy role.")),
                ("move_in", _("Enter the move-in date.")),
            ]:
                if key in clean and clean[key] in ("", None):
                    error(key, message)

        if errors:
            self.result.errors.extend(errors)
            return
        row = RegisterRow(
            number=number,
            estate_id=clean["estate_code"].pk,
            building=clean["building"],
            unit=clean["unit"],
            floor=clean["floor"],
            floor_area=clean["floor_area"],
            usage=clean["usage"],
            status=clean["status"],
            handover_date=clean["handover_date"],
        )
        if has_resident:
            row.resident = {"name": clean["name"], "mobile": clean["mobile"]}
            row.resident.update({k: clean[k] for k in RESIDENT_FIELDS if clean[k] != ""})
            row.role, row.move_in = clean["role"], clean["move_in"]
        self._check_against_earlier_rows(row)

    def _check_against_earlier_rows(self, row):
        details = (row.floor, row.floor_area, row.usage, row.status, row.handover_date)
        first = self.units_seen.setdefault(row.unit_key, (row.number, details))
        if first[1] != details:
            self.result.errors.append(
                RowError(
                    row.number,
                    str(COLUMNS_BY_KEY["unit"].label),
                    _("Row %(row)d gives different details for this unit.") % {"row": first[0]},
                )
            )
            return
        if row.resident:
            key = (row.unit_key, row.resident_key, row.role)
            earlier = self.occupancies_seen.setdefault(key, row.number)
            if earlier != row.number:
                self.result.errors.append(
                    RowError(
                        row.number,
                        str(COLUMNS_BY_KEY["name"].label),
                        _("The same resident and role are already on row %(row)d.")
                        % {"row": earlier},
                    )
                )
                return
        self.result.rows.append(row)

    def _clean(self, key, value):
        if key == "estate_code":
            code = _text(value)
            if code == "":
                return ""
            estate = self.estates.get(code.upper())
            if estate is None:
                raise ValidationError(
                    _("“%(code)s” is not the code of an estate you work in.") % {"code": code}
                )
            return estate
        if key == "floor":
            return _clean_floor(value)
        if key == "floor_area":
            return _clean_area(value)
        if key in ("handover_date", "move_in"):
            day = _clean_date(value)
            if key == "move_in" and day is not None and day > self.latest_move_in:
                raise ValidationError(_("The move-in date is more than a year away."))
            return day
        if key in CHOICES:
            return self._clean_choice(key, value)
        text = _text(value)
        if key in PHONE_FIELDS:
            return _clean_phone(text)
        if key == "email" and text:
            validate_email(text)
        limit = MAX_LENGTHS.get(key)
        if limit and len(text) > limit:
            raise ValidationError(_("At most %(limit)d characters.") % {"limit": limit})
        return text

    def _clean_choice(self, key, value):
        text = _text(value)
        if text == "":
            return ""
        found = self.choices[key].get(text.lower())
        if found is None:
            allowed = ", ".join(f"{v} ({label})" for v, label in CHOICES[key].choices)
            raise ValidationError(
                _("“%(value)s” is not one of: %(allowed)s.") % {"value": text, "allowed": allowed}
            )
        return found


def _clean_floor(value):
    text = _text(value)
    if text == "":
        return None
    try:
        return int(text)
    except ValueError:
        raise ValidationError(_("Enter a whole number.")) from None


def _clean_area(value):
    text = _text(value).lower().removesuffix("m²").removesuffix("㎡").strip()
    if text == "":
        return None
    try:
        area = Decimal(text).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        raise ValidationError(_("Enter the area as a number, e.g. 89.50.")) from None
    if not area.is_finite() or area <= 0 or area >= Decimal("10000000"):
        raise ValidationError(_("Enter an area greater than 0."))
    return area


DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日")


def _clean_date(value):
    if value is None or _text(value) == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            day = from_excel(value)
        except (ValueError, OverflowError, TypeError):
            day = None
        if isinstance(day, datetime.datetime) and 1900 < day.year < 2200:
            return day.date()
        raise ValidationError(_("Enter a date, e.g. 2024-06-30."))
    text = _text(value)
    for date_format in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, date_format).date()
        except ValueError:
            continue
    raise ValidationError(_("Enter a date, e.g. 2024-06-30."))


def _clean_phone(text):
    phone = "".join(text.split()).replace("-", "")
    if phone and (not phone.lstrip("+").isdigit() or phone.count("+") > 1):
        raise ValidationError(_("A phone number has digits only."))
    if len(phone) > 32:
        raise ValidationError(_("At most %(limit)d characters.") % {"limit": 32})
    return phone
