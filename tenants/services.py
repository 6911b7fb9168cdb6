"""Every change to the register goes through here, each in one transaction.

The Excel import of the register writes through `tenants.import_services`.
"""

import datetime
import json

from django.db import IntegrityError, transaction
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from desk.clock import estate_today, local_time
from desk.errors import BusinessRuleError
from tenants.extensions import move_out_refusals, unit_is_renovating
from tenants.models import ContactReveal, Occupancy, Resident, Unit

# Roles whose presence makes a unit "occupied" (a family member comes with one of them).
_OCCUPYING_ROLES = {Occupancy.Role.OWNER, Occupancy.Role.OCCUPANT, Occupancy.Role.COMPANY_CONTACT}

# A resident's facts that the edit form changes (tenants.forms.ResidentForm).
RESIDENT_FIELDS = (
    "kind",
    "name",
    "name_en",
    "contact_person",
    "mobile",
    "phone_other",
    "email",
    "id_number",
    "emergency_contact_name",
    "emergency_contact_phone",
    "notes",
)


def resident_version(resident: Resident) -> str:
    """What an editor saw of the resident: a keyed digest of its editable facts, carried in
    the edit form. Keyed (SECRET_KEY), so a role that sees the contacts masked cannot try
    the hidden digits against it; any change by any path (the form, the import) changes it.
    """
    facts = json.dumps([resident.pk, *(getattr(resident, f) for f in RESIDENT_FIELDS)])
    return salted_hmac("tenants.resident_version", facts, algorithm="sha256").hexdigest()


def resident_update(*, resident: Resident, by, changes: dict, seen_version: str) -> Resident:
    """Change a resident's facts, as `by`, if nobody changed them since the editor opened
    the form (`seen_version`, see `resident_version`); else refuse and change nothing."""
    unknown = set(changes) - set(RESIDENT_FIELDS)
    if unknown:
        raise ValueError(f"Not a resident field the edit may change: {sorted(unknown)}")
    with transaction.atomic():
        resident = Resident.objects.select_for_update().get(pk=resident.pk)
        if seen_version != resident_version(resident):
            raise BusinessRuleError(_changed_meanwhile(resident))
        changed = [f for f, value in changes.items() if getattr(resident, f) != value]
        if not changed:
            return resident
        for name in changed:
            setattr(resident, name, changes[name])
        resident._history_user = by  # who, in the history, also outside a request
        resident.save(update_fields=changed)
    return resident


def _changed_meanwhile(resident: Resident) -> str:
    last = resident.history.select_related("history_user").first()
    if last is None or last.history_user is None:
        return _(
            "This resident was changed after you opened the form. Nothing was saved: the "
            "form now shows the current details; make your change again."
        )
    at = local_time(resident.estate, last.history_date)
    return _(
        "%(name)s changed this resident at %(time)s, after you opened the form. Nothing was "
        "saved: the form now shows the current details; make your change again."
    ) % {"name": last.history_user.display_name, "time": at.strftime("%Y-%m-%d %H:%M")}


@transaction.atomic
def resident_move_in_new(
    *, unit: Unit, details: dict, role: str, move_in: datetime.date, by
) -> Resident:
    """A person new to the register moves in: their record (in the unit's estate, with `by`
    in its history) and their occupancy are saved together, or neither is."""
    unknown = set(details) - set(RESIDENT_FIELDS)
    if unknown:
        raise ValueError(f"Not a resident's editable field: {sorted(unknown)}")
    resident = Resident(estate=unit.estate, **details)
    resident._history_user = by
    resident.save()
    occupancy_move_in(unit=unit, resident=resident, role=role, move_in=move_in)
    return resident


def occupancy_move_in(
    *,
    unit: Unit,
    resident: Resident,
    role: str,
    move_in: datetime.date,
) -> Occupancy:
    if resident.estate_id != unit.estate_id:
        raise BusinessRuleError(_("The resident belongs to another estate."))
    if move_in > estate_today(unit.estate) + datetime.timedelta(days=366):
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
        unit_status_refresh(unit=unit)
    return occupancy


def occupancy_move_out(
    *,
    occupancy: Occupancy,
    move_out: datetime.date,
    reason: str = "",
    by=None,
    override_reason: str = "",
) -> Occupancy:
    """Move the resident out, unless a registered check refuses; `by` may override the
    refusals they hold the permission for with `override_reason` (kept in the history)."""
    with transaction.atomic():
        unit = Unit.objects.select_for_update().get(pk=occupancy.unit_id)
        occupancy = Occupancy.objects.select_for_update().get(pk=occupancy.pk)
        if occupancy.move_out is not None:
            raise BusinessRuleError(_("This resident has already moved out."))
        if move_out < occupancy.move_in:
            raise BusinessRuleError(_("The move-out date is before the move-in date."))
        refusals = move_out_refusals(occupancy, by=by, override_reason=override_reason)
        if refusals:
            raise BusinessRuleError(" ".join(refusals))
        if override_reason.strip():
            occupancy._change_reason = override_reason.strip()[:100]
        if by is not None:
            occupancy._history_user = by
        occupancy.move_out = move_out
        occupancy.move_out_reason = reason
        occupancy.save(update_fields=["move_out", "move_out_reason"])
        unit_status_refresh(unit=unit)
    return occupancy


def unit_status_derive(*, occupied: bool, renovating: bool) -> str:
    """Renovating while an active permit says so, else occupied while someone lives there
    (an owner, occupant or company contact), else vacant."""
    if renovating:
        return Unit.Status.RENOVATING
    return Unit.Status.OCCUPIED if occupied else Unit.Status.VACANT


def unit_status_refresh(*, unit: Unit) -> Unit:
    """The one owner of a unit's status: derive it again from the unit's current occupancy
    and the apps' renovation checks (tenants.extensions) and save it if it changed. Called
    by the register on a move-in or move-out and by renovation when a permit starts or
    ends, inside their transactions."""
    with transaction.atomic():
        unit = Unit.objects.select_for_update().get(pk=unit.pk)
        occupied = Occupancy.objects.filter(
            unit=unit, move_out__isnull=True, role__in=_OCCUPYING_ROLES
        ).exists()
        status = unit_status_derive(occupied=occupied, renovating=unit_is_renovating(unit))
        if unit.status != status:
            unit.status = status
            unit.save(update_fields=["status"])
    return unit


def contact_reveal(*, resident: Resident, field: str, reason: str, by) -> str:
    """Write the reveal to the audit log and return the unmasked value."""
    reason = reason.strip()
    if not reason:
        raise BusinessRuleError(_("Give the reason for revealing this contact."))
    if field not in ContactReveal.Field.values:
        raise BusinessRuleError(_("This field cannot be revealed."))
    ContactReveal.objects.create(
        estate_id=resident.estate_id, resident=resident, field=field, reason=reason, revealed_by=by
    )
    return getattr(resident, field)


def log_call_link(*, estate, resident, subject: str, by) -> None:
    """A technician was shown the requester's number of an order assigned to them, to call
    before the visit: one row of the reveal log per page shown (who, which record, when)."""
    ContactReveal.objects.create(
        estate=estate,
        resident=resident,
        field=ContactReveal.Field.REQUESTER,
        purpose=ContactReveal.Purpose.CALL,
        subject=subject,
        revealed_by=by,
    )
