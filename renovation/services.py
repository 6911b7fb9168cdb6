"""Every change to a renovation permit, its patrols, violations and acceptance.

applied → approved → closed, or applied → rejected. Each step locks the permit, checks the
transition and raises IllegalTransition (changing nothing) when it is not allowed. The
unit's status is derived again (tenants.services.unit_status_refresh) whenever a permit
starts or ends.
"""

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from desk import roles
from desk.clock import day_bounds, estate_today, estate_year
from desk.errors import BusinessRuleError, IllegalTransition
from desk.inbox import notify
from desk.numbering import number_next
from renovation import charges, events
from renovation.models import (
    MAJOR_KINDS,
    Acceptance,
    AcceptanceItem,
    Deduction,
    Patrol,
    PatrolItem,
    PatrolPhoto,
    Permit,
    Scope,
    Violation,
    ViolationKind,
)
from tenants.models import Occupancy
from tenants.services import unit_status_refresh
from workorders.models import Source, Trade
from workorders.services import workorder_create

PERMIT_NUMBER = "RP"
NOTICE_NUMBER = "ZG"
NOTICE_DAYS = 7  # a rectification notice's deadline unless given
MAX_PLANNED_DAYS = 366

# The trade of the work order a violation opens.
VIOLATION_TRADE = {
    ViolationKind.LOAD_BEARING: Trade.CIVIL,
    ViolationKind.FACADE: Trade.CIVIL,
    ViolationKind.WATERPROOF_LAYER: Trade.PLUMBING,
    ViolationKind.ELECTRICAL: Trade.ELECTRICAL,
    ViolationKind.COMMON_AREAS: Trade.CLEANING,
    ViolationKind.FIRE_SAFETY: Trade.SECURITY,
    ViolationKind.WORKING_HOURS: Trade.SECURITY,
    ViolationKind.NOISE: Trade.SECURITY,
    ViolationKind.OTHER: Trade.CIVIL,
}


def _locked(permit) -> Permit:
    return Permit.objects.select_for_update().get(pk=permit.pk)


def _refuse(permit, action):
    raise IllegalTransition(
        _("Permit %(number)s is %(status)s: it cannot be %(action)s.")
        % {"number": permit.number, "status": permit.get_status_display(), "action": action}
    )


def permit_apply(
    *,
    unit,
    applicant,
    contractor: str,
    contractor_lead: str,
    contractor_phone: str,
    workers: int,
    scopes: list[str],
    description: str,
    planned_start: datetime.date,
    planned_end: datetime.date,
    deposit: Decimal,
    fee: Decimal,
    by,
    owner_consent: str = "",
) -> Permit:
    """An application (装修申请) by the unit's owner, or by an occupant with the owner's
    consent noted. One open permit per unit."""
    estate = unit.estate
    living = Occupancy.objects.current().filter(unit=unit, resident=applicant)
    roles_held = set(living.values_list("role", flat=True))
    if not roles_held:
        raise BusinessRuleError(_("The applicant does not live in this unit."))
    role = (
        Permit.ApplicantRole.OWNER
        if Occupancy.Role.OWNER in roles_held
        else Permit.ApplicantRole.OCCUPANT
    )
    owner_consent = owner_consent.strip()
    if role == Permit.ApplicantRole.OCCUPANT and not owner_consent:
        raise BusinessRuleError(_("The applicant is not the owner: note how the owner consented."))
    scopes = [code for code in Scope.values if code in set(scopes)]
    if not scopes:
        raise BusinessRuleError(_("Choose the scope of the works."))
    if not description.strip():
        raise BusinessRuleError(_("Describe the works."))
    if planned_end < planned_start:
        raise BusinessRuleError(_("The planned end is before the planned start."))
    if (planned_end - planned_start).days > MAX_PLANNED_DAYS:
        raise BusinessRuleError(_("The works are planned for more than a year."))
    if planned_start < estate_today(estate) - datetime.timedelta(days=30):
        raise BusinessRuleError(_("The planned start is more than a month ago."))
    if deposit < 0 or fee < 0:
        raise BusinessRuleError(_("The deposit and the fee cannot be negative."))
    now = timezone.now()
    try:
        with transaction.atomic():
            return Permit.objects.create(
                number=number_next(kind=PERMIT_NUMBER, year=estate_year(estate, now)),
                estate=estate,
                unit=unit,
                applicant=applicant,
                applicant_role=role,
                owner_consent=owner_consent if role == Permit.ApplicantRole.OCCUPANT else "",
                contractor=contractor.strip(),
                contractor_lead=contractor_lead.strip(),
                contractor_phone=contractor_phone.strip(),
                workers=workers,
                scopes=scopes,
                description=description.strip(),
                planned_start=planned_start,
                planned_end=planned_end,
                deposit=deposit,
                fee=fee,
                applied_at=now,
                applied_by=by,
            )
    except IntegrityError as exc:
        raise BusinessRuleError(
            _("This unit already has a renovation permit that is not closed.")
        ) from exc


def permit_approve(*, permit, by, structure_confirmation: str = "") -> Permit:
    """The manager approves: works may start, the unit is renovating, the deposit and fee
    are charged. Structural or facade works need what is allowed written down."""
    with transaction.atomic():
        permit = _locked(permit)
        if permit.status != Permit.Status.APPLIED:
            _refuse(permit, _("approved"))
        structure_confirmation = structure_confirmation.strip()
        if permit.needs_confirmation and not structure_confirmation:
            raise BusinessRuleError(
                _("The works touch the structure or the facade: state what exactly is allowed.")
            )
        permit.status = Permit.Status.APPROVED
        permit.structure_confirmation = structure_confirmation
        permit.decided_at = timezone.now()
        permit.decided_by = by
        charges.permit_charge(permit=permit, by=by)
        permit._history_user = by
        permit.save()
        unit_status_refresh(unit=permit.unit)
    return permit


def permit_reject(*, permit, by, reason: str) -> Permit:
    reason = reason.strip()
    if not reason:
        raise BusinessRuleError(_("Give the reason for rejecting."))
    with transaction.atomic():
        permit = _locked(permit)
        if permit.status != Permit.Status.APPLIED:
            _refuse(permit, _("rejected"))
        permit.status = Permit.Status.REJECTED
        permit.reject_reason = reason[:200]
        permit.decided_at = timezone.now()
        permit.decided_by = by
        permit._history_user = by
        permit.save(update_fields=["status", "reject_reason", "decided_at", "decided_by"])
    return permit


def patrol_record(*, permit, by, checklist: dict, notes: str = "", photos=()) -> Patrol:
    """Today's patrol (the estate's day) of an active permit: every item OK or not, notes,
    up to 3 photos (form-checked with the shared photo checks). Once a day per permit."""
    photos = list(photos)
    missing = [item for item in PatrolItem.values if checklist.get(item) not in (True, False)]
    if missing:
        raise BusinessRuleError(_("Tick every item of the checklist: OK or not OK."))
    if len(photos) > PatrolPhoto.MAX_PHOTOS:
        raise BusinessRuleError(
            _("At most %(max)d photos per patrol.") % {"max": PatrolPhoto.MAX_PHOTOS}
        )
    with transaction.atomic():
        permit = _locked(permit)
        if not permit.is_active:
            _refuse(permit, _("patrolled"))
        today = estate_today(permit.estate)
        if Patrol.objects.filter(permit=permit, day=today).exists():
            raise BusinessRuleError(_("This permit was already patrolled today."))
        patrol = Patrol.objects.create(
            permit=permit,
            day=today,
            patrolled_at=timezone.now(),
            patrolled_by=by,
            checklist={item: bool(checklist[item]) for item in PatrolItem.values},
            notes=notes.strip(),
        )
        for photo in photos:
            PatrolPhoto.objects.create(patrol=patrol, image=photo, uploaded_by=by)
    return patrol


def violation_record(
    *,
    permit,
    by,
    kind: str,
    description: str,
    patrol=None,
    deadline: datetime.date | None = None,
    work_order: bool = False,
) -> Violation:
    """A violation found on site. A minor one was corrected on the spot and is recorded as
    such; a major one (load-bearing structure, facade, waterproof layer) gets a
    rectification notice (ZG-2026-000001) to the owner with a deadline."""
    description = description.strip()
    if not description:
        raise BusinessRuleError(_("Describe the violation."))
    if kind not in ViolationKind.values:
        raise BusinessRuleError(_("Choose the kind of violation."))
    major = kind in MAJOR_KINDS
    today = estate_today(permit.estate)
    if major:
        deadline = deadline or today + datetime.timedelta(days=NOTICE_DAYS)
        if deadline < today:
            raise BusinessRuleError(_("The deadline is in the past."))
    with transaction.atomic():
        permit = _locked(permit)
        if not permit.is_active:
            _refuse(permit, _("given a violation"))
        if patrol is not None and patrol.permit_id != permit.pk:
            raise BusinessRuleError(_("The patrol is another permit's."))
        patrol = patrol or Patrol.objects.filter(permit=permit, day=today).first()
        now = timezone.now()
        violation = Violation.objects.create(
            permit=permit,
            patrol=patrol,
            kind=kind,
            severity=Violation.Severity.MAJOR if major else Violation.Severity.MINOR,
            description=description,
            status=Violation.Status.OPEN if major else Violation.Status.CORRECTED,
            found_at=now,
            found_by=by,
            notice_number=(
                number_next(kind=NOTICE_NUMBER, year=estate_year(permit.estate, now))
                if major
                else ""
            ),
            deadline=deadline if major else None,
            closed_at=None if major else now,
            closed_by=None if major else by,
        )
        if work_order:
            violation = violation_work_order(violation=violation, by=by)
    return violation


def violation_work_order(*, violation, by) -> Violation:
    """Open a work order for the violation (a patrol finding), linked from the violation."""
    with transaction.atomic():
        violation = Violation.objects.select_for_update().get(pk=violation.pk)
        if violation.work_order_id:
            raise BusinessRuleError(
                _("Work order %(number)s is already open for this violation.")
                % {"number": violation.work_order.number}
            )
        permit = violation.permit
        order = workorder_create(
            estate=permit.estate,
            source=Source.PATROL,
            trade=VIOLATION_TRADE[violation.kind],
            unit=permit.unit,
            description=f"{permit.number} · {violation.get_kind_display()}: "
            f"{violation.description}",
            by=by,
        )
        violation.work_order = order
        violation.save(update_fields=["work_order"])
    return violation


def violation_follow_up(
    *, violation, by, corrected: bool, note: str = "", deadline: datetime.date | None = None
) -> Violation:
    """The follow-up of a rectification notice: verified corrected (closed), or not yet
    (a new deadline may be given; an overdue one is reported again once it passes)."""
    note = note.strip()
    with transaction.atomic():
        violation = Violation.objects.select_for_update().get(pk=violation.pk)
        if violation.status != Violation.Status.OPEN:
            raise IllegalTransition(_("This violation is not open."))
        lines = [line for line in [violation.follow_up_note, note] if line]
        violation.follow_up_note = "\n".join(lines)
        if corrected:
            violation.status = Violation.Status.VERIFIED
            violation.closed_at = timezone.now()
            violation.closed_by = by
        else:
            if not note:
                raise BusinessRuleError(_("Say what is still to rectify."))
            if deadline is not None:
                if deadline < estate_today(violation.permit.estate):
                    raise BusinessRuleError(_("The deadline is in the past."))
                violation.deadline = deadline
                violation.overdue_notified_at = None
        violation._history_user = by
        violation.save()
    return violation


def violation_is_overdue(violation, today=None) -> bool:
    if violation.status != Violation.Status.OPEN or violation.deadline is None:
        return False
    return violation.deadline < (today or estate_today(violation.permit.estate))


def violations_notify_overdue(now: datetime.datetime | None = None) -> int:
    """Open rectifications past their deadline (the whole deadline day, in the estate's
    zone) go to the supervisors' inbox, once per deadline. Returns how many."""
    now = now or timezone.now()
    candidates = (
        Violation.objects.open()
        .filter(
            overdue_notified_at__isnull=True, deadline__lte=now.date() + datetime.timedelta(days=1)
        )
        .select_related("permit__estate", "permit__unit__building")
        .order_by("pk")
    )
    count = 0
    for violation in candidates:
        estate = violation.permit.estate
        if now < day_bounds(estate, violation.deadline)[1]:
            continue
        with transaction.atomic():
            claimed = Violation.objects.filter(
                pk=violation.pk, status=Violation.Status.OPEN, overdue_notified_at__isnull=True
            ).update(overdue_notified_at=now)
            if claimed != 1:
                continue
            notify(
                estate=estate,
                kind=events.OVERDUE,
                role=roles.SUPERVISOR,
                values={
                    "number": violation.notice_number,
                    "unit": violation.permit.unit.label,
                    "deadline": violation.deadline.isoformat(),
                },
                url=reverse("renovation:detail", args=[violation.permit_id]),
            )
        count += 1
    return count


def permit_money_retry(*, permit, by) -> Permit:
    """Ask billing again for what it did not take (a refused or unavailable charge or
    refund); what it took stands (each asked once per permit and key)."""
    with transaction.atomic():
        permit = _locked(permit)
        if not charges.money_pending(permit):
            raise BusinessRuleError(_("Billing has the deposit and the fee already."))
        charges.permit_charge(permit=permit, by=by)
        if permit.status == Permit.Status.CLOSED:
            acceptance = permit.acceptances.filter(refund__isnull=False).first()
            lines = [(d.amount, d.reason) for d in acceptance.deduction_lines.all()]
            charges.permit_refund(permit=permit, amount=acceptance.refund, deductions=lines, by=by)
        permit._history_user = by
        permit.save()
    return permit


def acceptance_record(
    *,
    permit,
    by,
    engineer: str,
    checklist: dict,
    result: str,
    conditions: str = "",
    owner_name: str = "",
    owner_confirmed_at: datetime.datetime | None = None,
    lead_name: str = "",
    lead_confirmed_at: datetime.datetime | None = None,
    deductions=(),
) -> Acceptance:
    """The completion acceptance (竣工验收). Passed (or passed with conditions), with the
    owner's and the contractor lead's confirmations: the deposit is refunded less the
    deductions (each with its reason), the permit is closed and read-only and the unit's
    status is derived again. Failed: the permit stays open, to inspect again."""
    engineer, conditions = engineer.strip(), conditions.strip()
    owner_name, lead_name = owner_name.strip(), lead_name.strip()
    deductions = [(Decimal(amount), str(reason).strip()) for amount, reason in deductions]
    if not engineer:
        raise BusinessRuleError(_("Name who from engineering took part."))
    missing = [item for item in AcceptanceItem.values if checklist.get(item) not in (True, False)]
    if missing:
        raise BusinessRuleError(_("Tick every item of the checklist: OK or not OK."))
    if result not in Acceptance.Result.values:
        raise BusinessRuleError(_("Choose the result."))
    if result == Acceptance.Result.PASSED and not all(checklist.values()):
        raise BusinessRuleError(
            _("An item is not OK: the result is a pass with conditions, or a fail.")
        )
    if result == Acceptance.Result.CONDITIONS and not conditions:
        raise BusinessRuleError(_("State the conditions."))
    if result == Acceptance.Result.FAILED and not conditions:
        raise BusinessRuleError(_("State what failed, to inspect again."))
    for amount, reason in deductions:
        if amount <= 0 or not reason:
            raise BusinessRuleError(_("Each deduction needs an amount and its reason."))
    passed = result != Acceptance.Result.FAILED
    now = timezone.now()
    if passed and not (owner_name and lead_name):
        raise BusinessRuleError(
            _("The owner and the contractor's lead confirm the acceptance: enter their names.")
        )
    with transaction.atomic():
        permit = _locked(permit)
        if not permit.is_active:
            _refuse(permit, _("accepted"))
        total = sum((amount for amount, _reason in deductions), Decimal("0"))
        if passed and total > permit.deposit:
            raise BusinessRuleError(
                _("The deductions (%(total)s) are more than the deposit (%(deposit)s).")
                % {"total": total, "deposit": permit.deposit}
            )
        if passed and permit.violations.open().exists():
            raise BusinessRuleError(
                _("A rectification notice is still open: verify it before the acceptance.")
            )
        acceptance = Acceptance.objects.create(
            permit=permit,
            inspected_at=now,
            inspected_by=by,
            engineer=engineer,
            checklist={item: bool(checklist[item]) for item in AcceptanceItem.values},
            result=result,
            conditions=conditions,
            owner_name=owner_name,
            owner_confirmed_at=(owner_confirmed_at or now) if owner_name else None,
            lead_name=lead_name,
            lead_confirmed_at=(lead_confirmed_at or now) if lead_name else None,
            deductions=total if passed else Decimal("0"),
            refund=permit.deposit - total if passed else None,
        )
        if passed:
            Deduction.objects.bulk_create(
                [
                    Deduction(acceptance=acceptance, amount=amount, reason=reason[:200])
                    for amount, reason in deductions
                ]
            )
            charges.permit_refund(
                permit=permit, amount=acceptance.refund, deductions=deductions, by=by
            )
            permit.status = Permit.Status.CLOSED
            permit.closed_at = now
            permit._history_user = by
            permit.save()
            unit_status_refresh(unit=permit.unit)
    return acceptance
