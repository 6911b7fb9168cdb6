"""The Excel import of the register: its writes, and the job that runs them in the worker.

`tenants.imports` reads and checks a workbook; `register_import` upserts its rows in one
transaction (or counts them: the preview); `register_import_start` queues the import job
for a previewed upload (`tenants.import_store`), and `register_import_job` is its work in
the worker: read the stored file again with progress, write, delete the file.
"""

from dataclasses import asdict, dataclass, field

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from desk.errors import BusinessRuleError
from desk.jobs import job_fail, job_finish, job_progress, job_start, register_job_kind
from desk.models import Estate
from tenants import import_store, imports
from tenants.models import Building, Occupancy, Resident, Unit
from tenants.services import _OCCUPYING_ROLES

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


# --- The import job ----------------------------------------------------------------------

IMPORT_JOB = "tenants.register_import"
IMPORT_PERMISSION = "tenants.import_register"
ERRORS_KEPT = 500
# The bar's share of reading the rows (reported row by row). Writing them is the rest: one
# transaction, whose progress no one else could see before it commits (~3 s and ~9 s for
# 10,000 new rows on PostgreSQL).
READ_SHARE = 0.3


def register_import_kind():
    """The import's kind of job (from TenantsConfig.ready)."""
    register_job_kind(
        IMPORT_JOB,
        work="tenants.import_services.register_import_job",
        label=gettext_lazy("Register import"),
        permission=IMPORT_PERMISSION,
        summary_template="tenants/partials/import_job_summary.html",
        next_url="tenants:unit_list",
        next_label=gettext_lazy("Go to the units"),
        again_url="tenants:import",
        again_label=gettext_lazy("Upload a file"),
    )


def register_import_start(*, by, token: str, name: str, rows: int, estate_ids):
    """Queue the import of a previewed upload; once per upload (the token is the key)."""
    estate = None
    if len(estate_ids) == 1:
        estate = Estate.objects.for_user(by).filter(pk=estate_ids[0]).first()
    return job_start(
        kind=IMPORT_JOB,
        by=by,
        estate=estate,
        key=token,
        token=token,
        name=name,
        rows=rows,
    )


def register_import_job(job) -> None:
    """The import job's work: read the stored upload again (the user's estates may have
    changed since the preview), write it all or nothing, delete the upload."""
    token = job.params.get("token", "")
    try:
        _import_upload(job, token)
    finally:
        import_store.upload_discard(token)


def _import_upload(job, token):
    path = import_store.upload_path(token)
    if path is None or not path.is_file():
        raise BusinessRuleError(
            _("The uploaded file is no longer there (files are kept for a day). Upload it again.")
        )
    by = job.created_by
    if by is None or not by.is_active or not by.has_perm(IMPORT_PERMISSION):
        raise BusinessRuleError(_("You may no longer import the register."))
    expected = max(int(job.params.get("rows") or 0), 1)
    total = round(expected / READ_SHARE)
    job_progress(job.pk, 0, total, message=_("Checking the rows…"))
    estates = {estate.code: estate for estate in Estate.objects.for_user(by)}
    try:
        if path.stat().st_size > imports.MAX_UPLOAD_BYTES:
            raise imports.ImportFileError(_("The file is too large."))
        with open(path, "rb") as stored:
            read = imports.read_register(
                stored,
                estates=estates,
                progress=lambda count: job_progress(job.pk, min(count, expected), total),
            )
    except imports.ImportFileError as exc:
        raise BusinessRuleError(str(exc)) from exc
    if read.errors:
        job_fail(
            job,
            message=ngettext(
                "The file has %(count)d problem now. Nothing was imported.",
                "The file has %(count)d problems now. Nothing was imported.",
                len(read.errors),
            )
            % {"count": len(read.errors)},
            result={
                "error_count": len(read.errors),
                "errors": [asdict(e) for e in read.errors[:ERRORS_KEPT]],
            },
        )
        return
    job_progress(job.pk, expected, total, message=_("Saving to the register…"))
    with transaction.atomic():
        result = register_import(rows=read.rows, by=by)
        job_finish(
            job,
            result={**asdict(result), "changes": result.changes},
            message=ngettext("Imported %(rows)d row.", "Imported %(rows)d rows.", result.rows)
            % {"rows": result.rows},
        )
