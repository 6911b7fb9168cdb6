"""Meter readings: a building's sheet saved as one, all rows or none."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from billing.models import Bill, MeterReading

HISTORY_MONTHS = 6  # the usages the average is taken over
FLAG_FACTOR = Decimal("3")  # usage above this many times the average is flagged


@dataclass
class ReadingEntry:
    unit: object
    reading: Decimal
    replaced: bool = False
    start_reading: Decimal | None = None


class ReadingErrors(Exception):
    """Some rows are wrong; nothing was saved. `errors` maps a unit label to its message."""

    def __init__(self, errors: dict):
        super().__init__(errors)
        self.errors = errors


def _period(year, month):
    return year * 12 + month


def readings_save(
    *, kind: str, year: int, month: int, entries: list[ReadingEntry], by, dry_run: bool = False
):
    """Save one month's readings of one meter kind for many units, or none of them.

    A reading below the previous one is refused unless the meter was replaced (then the new
    meter's start reading is the start); a unit's first reading starts its history (usage 0
    unless a start reading is given). Usage far above the unit's own average is saved but
    flagged. Re-entering a month corrects it while the month is not billed.

    `dry_run` (the import's preview) checks the same and writes nothing: it returns the
    rows it would save, `(unit, start, entry, flagged)`.
    """
    if not entries:
        return [] if dry_run else 0
    unit_ids = [e.unit.pk for e in entries]
    current = _period(year, month)
    history = defaultdict(list)  # unit id → readings before the month, newest first
    existing = {}
    for r in MeterReading.objects.filter(unit_id__in=unit_ids, kind=kind).order_by(
        "-year", "-month"
    ):
        p = _period(r.year, r.month)
        if p < current:
            history[r.unit_id].append(r)
        elif p == current:
            existing[r.unit_id] = r
    billed = set(
        Bill.objects.filter(
            unit_id__in=unit_ids, year=year, month=month, kind=Bill.Kind.MONTHLY
        ).values_list("unit_id", flat=True)
    )
    errors, rows = {}, []
    for entry in entries:
        unit = entry.unit
        previous = history[unit.pk][0] if history[unit.pk] else None
        if unit.pk in billed and unit.pk in existing:
            errors[unit.label] = _("This month is already billed; the reading stays.")
            continue
        if entry.reading < 0:
            errors[unit.label] = _("A reading cannot be negative.")
            continue
        if entry.replaced:
            if entry.start_reading is None:
                errors[unit.label] = _("Give the new meter's start reading.")
                continue
            start = entry.start_reading
            if entry.reading < start:
                errors[unit.label] = _("The reading is below the new meter's start reading.")
                continue
        elif previous is None:
            start = entry.start_reading if entry.start_reading is not None else entry.reading
            if entry.reading < start:
                errors[unit.label] = _("The reading is below the start reading.")
                continue
        else:
            start = previous.reading
            if entry.reading < start:
                errors[unit.label] = _(
                    "%(reading)s is below the previous reading %(previous)s. If the meter was "
                    "replaced, tick it and give the new meter's start reading."
                ) % {"reading": entry.reading, "previous": previous.reading}
                continue
        usage = entry.reading - start
        past = [r.reading - r.start for r in history[unit.pk][:HISTORY_MONTHS]]
        average = sum(past, Decimal(0)) / len(past) if past else Decimal(0)
        flagged = bool(past) and average > 0 and usage > average * FLAG_FACTOR
        rows.append((unit, start, entry, flagged))
    if errors:
        raise ReadingErrors(errors)
    if dry_run:
        return rows
    saved = []
    try:
        _write(rows, existing, saved, kind, year, month, by)
    except IntegrityError as exc:  # another sheet of the same month saved meanwhile
        raise ReadingErrors(
            {"": _("Someone saved readings of this month meanwhile; open the sheet again.")}
        ) from exc
    return len(rows)


def _write(rows, existing, saved, kind, year, month, by):
    with transaction.atomic():
        for unit, start, entry, flagged in rows:
            values = {
                "estate_id": unit.estate_id,
                "start": start,
                "reading": entry.reading,
                "replaced": entry.replaced,
                "flagged": flagged,
                "recorded_by": by,
            }
            if unit.pk in existing:
                reading = existing[unit.pk]
                for name, value in values.items():
                    setattr(reading, name, value)
                reading.save()
            else:
                reading = MeterReading(unit=unit, kind=kind, year=year, month=month, **values)
                saved.append(reading)
        MeterReading.objects.bulk_create(saved)
