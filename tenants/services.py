"""Every change to the register goes through here, each in one transaction."""

import datetime
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from desk.errors import BusinessRuleError
from tenants.extensions import move_out_refusals
from tenants.models import Building, ContactReveal, Estate, Occupancy, Resident, Unit

# Roles whose presence makes a unit "occupied" (a family member comes with one of them).
_OCCUPYING_ROLES = {Occupancy.Role.OWNER, Occupancy.Role.OCCUPANT, Occupancy.Role.COMPANY_CONTACT}


def occupancy_move_in(
    *,
    unit: Unit,
    resident: Resident,
    role: str,
    move_in: datetime.date,
) -> Occupancy:
    if resident.estate_id != unit.estate_id:
        raise BusinessRuleError(_("The resident belongs to another estate."))
    if move_in > timezone.localdate() + datetime.timedelta(days=366):
        raise BusinessRuleError(_("The move-in date is more than a year away."))
    with transaction.atomic():
        unit = Unit.objects.select_for_update().get(pk=unit.pk)
        if Occupancy.objects.filter(
            unit=unit, resident=resident, role=role, move_out__isnull=True
        ).exists():
            raise BusinessRuleError(_("This resident already lives here in that role."))
        try:
            with transaction.atomic():
                occupancy = Occupancy.objects.create(
                    unit=unit, resident=resident, role=role, move_in=move_in
                )
        except IntegrityError as exc:
            raise BusinessRuleError(_("This resident already lives here in that role.")) from exc
        if unit.status == Unit.Status.VACANT and role in _OCCUPYING_ROLES:
            unit.status = Unit.Status.OCCUPIED
            unit.save(update_fields=["status"])
    return occupancy


def occupancy_move_out(
    *,
    occupancy: Occupancy,
    move_out: datetime.date,
    reason: str = "",
) -> Occupancy:
    with transaction.atomic():
        unit = Unit.objects.select_for_update().get(pk=occupancy.unit_id)
        occupancy = Occupancy.objects.select_for_update().get(pk=occupancy.pk)
        if occupancy.move_out is not None:
            raise BusinessRuleError(_("This resident has already moved out."))
        if move_out < occupancy.move_in:
            raise BusinessRuleError(_("The move-out date is before the move-in date."))
        refusals = move_out_refusals(occupancy)
        if refusals:
            raise BusinessRuleError(" ".join(refusals))
        occupancy.move_out = move_out
        occupancy.move_out_reason = reason
        occupancy.save(update_fields=["move_out", "move_out_reason"])
        still_occupied = Occupancy.objects.filter(
            unit=unit, move_out__isnull=True, role__in=_OCCUPYING_ROLES
        ).exists()
        if unit.status == Unit.Status.OCCUPIED and not still_occupied:
            unit.status = Unit.Status.VACANT
            unit.save(update_fields=["status"])
    return occupancy


def contact_reveal(*, resident: Resident, field: str, reason: str, by) -> str:
    """Write the reveal to the audit log and return the unmasked value."""
    reason = reason.strip()
    if not reason:
        raise BusinessRuleError(_("Give the reason for revealing this contact."))
    if field not in ContactReveal.Field.values:
        raise BusinessRuleError(_("This field cannot be revealed."))
    ContactReveal.objects.create(resident=resident, field=field, reason=reason, revealed_by=by)
    return getattr(resident, field)


# --- Excel import of the register (tenants/imports.py reads the file) -------------------

_IMPORT_BATCH = 1000
_IMPORT_REASON = "register import"
_UNIT_IMPORT_FIELDS = ["floor", "floor_area", "usage", "status", "handover_date"]


@dataclass
class ImportCounts:
    created: int = 0
    updated: int = 0


@dataclass
class ImportResult:
    rows: int = 0
    buildings: ImportCounts = field(default_factory=ImportCounts)
    units: ImportCounts = field(default_factory=ImportCounts)
    residents: ImportCounts = field(default_factory=ImportCounts)
    occupancies: ImportCounts = field(default_factory=ImportCounts)

    @property
    def changes(self) -> int:
        parts = [self.buildings, self.units, self.residents, self.occupancies]
        return sum(p.created + p.updated for p in parts)


def register_import(*, rows, by, dry_run: bool = False) -> ImportResult:
    """Upsert buildings, units, residents and current occupancies from validated rows.

    All or nothing, in one transaction. Buildings match on (estate, number), units on
    (building, number), residents on (estate, name, mobile); an occupancy is added only
    if the same unit, resident and role is not current already, so importing a file
    twice changes nothing the second time. A vacant unit that gets an owner, occupant or
    company contact becomes occupied, as with `occupancy_move_in`. A blank optional cell
    leaves the current value. `dry_run` counts the same changes and writes nothing.
    """
    estate_ids = {row.estate_id for row in rows}
    allowed = set(
        Estate.objects.for_user(by).filter(pk__in=estate_ids).values_list("pk", flat=True)
    )
    if estate_ids - allowed:
        raise BusinessRuleError(_("The file names an estate you do not work in."))
    with transaction.atomic():
        plan = _RegisterPlan(rows, lock=not dry_run)
        if not dry_run:
            try:
                plan.write(by)
            except IntegrityError as exc:
                raise BusinessRuleError(
                    _("The register changed while importing; run the import again.")
                ) from exc
    return plan.result(len(rows))


def _assign(obj, values) -> bool:
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


class _RegisterPlan:
    """What the rows change, worked out with a few queries before anything is written."""

    def __init__(self, rows, *, lock):
        self.rows = rows
        self._plan_buildings()
        self._plan_units(lock)
        self._plan_residents()
        self._plan_occupancies()

    def _plan_buildings(self):
        top_floor = {}
        for row in self.rows:
            key = (row.estate_id, row.building)
            top_floor[key] = max(top_floor.get(key, 1), row.floor)
        existing = {
            (b.estate_id, b.number): b
            for b in Building.objects.filter(
                estate_id__in={k[0] for k in top_floor}, number__in={k[1] for k in top_floor}
            )
        }
        self.buildings, self.new_buildings, self.changed_buildings = {}, [], []
        for key, floors in top_floor.items():
            building = existing.get(key)
            if building is None:
                building = Building(estate_id=key[0], number=key[1], floors=floors)
                self.new_buildings.append(building)
            elif floors > building.floors:
                building.floors = floors
                self.changed_buildings.append(building)
            self.buildings[key] = building

    def _plan_units(self, lock):
        first = {}
        for row in self.rows:
            first.setdefault(row.unit_key, row)
        building_keys = {b.pk: key for key, b in self.buildings.items() if b.pk}
        existing = Unit.objects.filter(
            building_id__in=building_keys, number__in={k[2] for k in first}
        ).order_by("pk")
        if lock:
            existing = existing.select_for_update()
        existing = {(*building_keys[u.building_id], u.number): u for u in existing}
        self.units, self.new_units, self.unit_values = {}, [], {}
        for key, row in first.items():
            unit = existing.get(key)
            if unit is None:
                unit = Unit(
                    estate_id=row.estate_id,
                    building=self.buildings[key[:2]],
                    number=row.unit,
                    floor=row.floor,
                    floor_area=row.floor_area,
                    usage=row.usage or Unit.Usage.RESIDENCE,
                    status=row.status or Unit.Status.VACANT,
                    handover_date=row.handover_date,
                )
                self.new_units.append(unit)
            else:
                self.unit_values[key] = [getattr(unit, name) for name in _UNIT_IMPORT_FIELDS]
                values = {"floor": row.floor, "floor_area": row.floor_area}
                values.update(
                    {
                        name: getattr(row, name)
                        for name in ("usage", "status", "handover_date")
                        if getattr(row, name)
                    }
                )
                _assign(unit, values)
            self.units[key] = unit

    def _plan_residents(self):
        first = {}
        for row in self.rows:
            if row.resident:
                first.setdefault(row.resident_key, row.resident)
        existing = {}
        for resident in Resident.objects.filter(
            estate_id__in={k[0] for k in first}, name__in={k[1] for k in first}
        ).order_by("pk"):
            existing.setdefault((resident.estate_id, resident.name, resident.mobile), resident)
        self.residents, self.new_residents, self.changed_residents = {}, [], []
        for key, data in first.items():
            resident = existing.get(key)
            if resident is None:
                resident = Resident(estate_id=key[0], **data)
                self.new_residents.append(resident)
            elif _assign(resident, {k: v for k, v in data.items() if k not in ("name", "mobile")}):
                self.changed_residents.append(resident)
            self.residents[key] = resident

    def _plan_occupancies(self):
        saved_units = [u.pk for u in self.units.values() if u.pk]
        current = set(
            Occupancy.objects.current()
            .filter(unit_id__in=saved_units)
            .values_list("unit_id", "resident_id", "role")
        )
        occupied_ids = {unit_id for unit_id, _r, role in current if role in _OCCUPYING_ROLES}
        occupied_keys = set()
        self.new_occupancies, planned = [], set()
        for row in self.rows:
            if not row.resident:
                continue
            unit, resident = self.units[row.unit_key], self.residents[row.resident_key]
            if unit.pk and resident.pk and (unit.pk, resident.pk, row.role) in current:
                continue
            if (row.unit_key, row.resident_key, row.role) in planned:
                continue
            planned.add((row.unit_key, row.resident_key, row.role))
            self.new_occupancies.append(
                Occupancy(unit=unit, resident=resident, role=row.role, move_in=row.move_in)
            )
            if row.role in _OCCUPYING_ROLES:
                occupied_keys.add(row.unit_key)
        for key, unit in self.units.items():
            if unit.status == Unit.Status.VACANT and (
                key in occupied_keys or unit.pk in occupied_ids
            ):
                unit.status = Unit.Status.OCCUPIED
        self.changed_units = [
            unit
            for key, unit in self.units.items()
            if unit.pk
            and self.unit_values[key] != [getattr(unit, name) for name in _UNIT_IMPORT_FIELDS]
        ]

    def result(self, rows) -> ImportResult:
        return ImportResult(
            rows=rows,
            buildings=ImportCounts(len(self.new_buildings), len(self.changed_buildings)),
            units=ImportCounts(len(self.new_units), len(self.changed_units)),
            residents=ImportCounts(len(self.new_residents), len(self.changed_residents)),
            occupancies=ImportCounts(len(self.new_occupancies), 0),
        )

    def write(self, by):
        history = {"batch_size": _IMPORT_BATCH, "default_user": by}
        history["default_change_reason"] = _IMPORT_REASON
        Building.objects.bulk_create(self.new_buildings, batch_size=_IMPORT_BATCH)
        Building.objects.bulk_update(self.changed_buildings, ["floors"], batch_size=_IMPORT_BATCH)
        # bulk_create takes the new buildings' ids from the instances the units hold.
        bulk_create_with_history(self.new_units, Unit, **history)
        bulk_update_with_history(self.changed_units, Unit, _UNIT_IMPORT_FIELDS, **history)
        bulk_create_with_history(self.new_residents, Resident, **history)
        resident_fields = [
            "name_en",
            "kind",
            "contact_person",
            "phone_other",
            "email",
            "emergency_contact_name",
            "emergency_contact_phone",
        ]
        bulk_update_with_history(self.changed_residents, Resident, resident_fields, **history)
        bulk_create_with_history(self.new_occupancies, Occupancy, **history)
