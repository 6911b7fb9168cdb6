"""Every write of the front desk: the log and its conversions, messages, incidents, release
passes and the shift handover. Each in a transaction; a refusal raises BusinessRuleError
and changes nothing."""

from datetime import datetime, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints.models import Complaint
from complaints.services import complaint_receive
from desk import roles
from desk.clock import estate_year, local_date
from desk.errors import BusinessRuleError
from desk.handover import ShiftWindow, handover_snapshot
from desk.inbox import notify
from desk.numbering import number_next
from frontdesk.models import (
    Handover,
    HandoverChecklist,
    Incident,
    LogEntry,
    ReleaseAuthorisation,
    ReleasePass,
    StaffMessage,
)
from tenants.extensions import unit_arrears
from tenants.models import Occupancy
from tenants.selectors import phone_to_keep
from workorders.models import Source
from workorders.services import workorder_create

PASS_NUMBER_KIND = "FX"  # 放行: FX-CH-2026-000001
MESSAGE_KIND = "frontdesk.message"
HANDOVER_WAITING_KIND = "frontdesk.handover_waiting"
HANDOVER_WAIT = timedelta(minutes=30)  # then the supervisor is told


def _same_estate(estate, *records):
    for record in records:
        if record is not None and record.estate_id != estate.pk:
            raise BusinessRuleError(_("The record belongs to another estate."))


@transaction.atomic
def log_entry_create(
    *,
    estate,
    kind: str,
    purpose: str,
    summary: str,
    outcome: str,
    by,
    at: datetime | None = None,
    unit=None,
    resident=None,
    caller_name: str = "",
    caller_phone: str = "",
    department: str = "",
    resolve_by: datetime | None = None,
    incident=None,
) -> LogEntry:
    at = at or timezone.now()
    summary = summary.strip()
    if not summary:
        raise BusinessRuleError(_("Write what the visit or call was about."))
    _same_estate(estate, unit, resident, incident)
    if resident is None and not caller_name.strip():
        raise BusinessRuleError(_("Pick the resident or write the caller's name."))
    if at > timezone.now() + timedelta(minutes=1):
        raise BusinessRuleError(_("A visit or call cannot be in the future."))
    if outcome == LogEntry.Outcome.PASSED_ON:
        if not department or resolve_by is None:
            raise BusinessRuleError(
                _("Passed on: give the department and the resolution time agreed.")
            )
        if resolve_by <= at:
            raise BusinessRuleError(_("The agreed resolution time comes after the call."))
    else:
        department, resolve_by = "", None
    return LogEntry.objects.create(
        estate=estate,
        kind=kind,
        at=at,
        unit=unit,
        resident=resident,
        caller_name=caller_name.strip() if resident is None else "",
        caller_phone=phone_to_keep(caller_phone, resident),
        purpose=purpose,
        summary=summary,
        outcome=outcome,
        department=department,
        resolve_by=resolve_by,
        incident=incident,
        logged_by=by,
    )


def _locked(model, record):
    return model.objects.select_for_update().get(pk=record.pk)


@transaction.atomic
def log_entry_resolve(*, entry: LogEntry, resolution: str, by) -> LogEntry:
    locked = _locked(LogEntry, entry)
    if locked.outcome != LogEntry.Outcome.PASSED_ON:
        raise BusinessRuleError(_("Only an entry passed to a department is resolved later."))
    if locked.resolved_at is not None:
        raise BusinessRuleError(_("The entry is resolved already."))
    if not resolution.strip():
        raise BusinessRuleError(_("Write how it was resolved."))
    locked.resolved_at, locked.resolved_by = timezone.now(), by
    locked.resolution = resolution.strip()
    locked.save(update_fields=["resolved_at", "resolved_by", "resolution"])
    return locked


def _not_converted(locked):
    if locked.made_case:
        raise BusinessRuleError(_("The entry was turned into a case already."))


@transaction.atomic
def log_entry_to_complaint(*, entry: LogEntry, category: str, by, assignee=None) -> Complaint:
    """The entry becomes a complaint carrying what was typed; each links to the other."""
    locked = _locked(LogEntry, entry)
    _not_converted(locked)
    channel = (
        Complaint.Channel.PHONE
        if locked.kind == LogEntry.Kind.CALL
        else Complaint.Channel.IN_PERSON
    )
    complaint = complaint_receive(
        estate=locked.estate,
        unit=locked.unit,
        resident=locked.resident,
        channel=channel,
        category=category,
        complainant_name=locked.who,
        complainant_phone=locked.caller_phone,
        subject=locked.summary.splitlines()[0][:200],
        description=locked.summary,
        occurred_on=local_date(locked.estate, locked.at),
        received_at=locked.at,
        assignee=assignee,
        by=by,
    )
    locked.complaint = complaint
    locked.save(update_fields=["complaint"])
    return complaint


@transaction.atomic
def log_entry_to_work_order(*, entry: LogEntry, trade: str, priority: str, by):
    """The entry becomes a repair call's work order carrying what was typed, linked both ways."""
    locked = _locked(LogEntry, entry)
    _not_converted(locked)
    order = workorder_create(
        estate=locked.estate,
        source=Source.REPAIR_CALL,
        trade=trade,
        priority=priority,
        description=locked.summary,
        unit=locked.unit,
        location="" if locked.unit_id else locked.summary.splitlines()[0][:200],
        requested_by_name=locked.who,
        requested_by_phone=locked.caller_phone,
        resident=locked.resident,
        by=by,
    )
    locked.work_order = order
    locked.save(update_fields=["work_order"])
    return order


# Messages for staff (留言) -------------------------------------------------------------


@transaction.atomic
def message_leave(
    *, estate, recipient, from_name: str, text: str, by, from_phone: str = "", unit=None
) -> StaffMessage:
    if not estate.staff.filter(pk=recipient.pk, is_active=True).exists():
        raise BusinessRuleError(_("%(name)s does not work in this estate.") % {"name": recipient})
    _same_estate(estate, unit)
    if not from_name.strip() or not text.strip():
        raise BusinessRuleError(_("Write who the message is from and what it says."))
    message = StaffMessage.objects.create(
        estate=estate,
        recipient=recipient,
        from_name=from_name.strip(),
        from_phone=from_phone.strip(),
        unit=unit,
        text=text.strip(),
        left_by=by,
        left_at=timezone.now(),
    )
    notify(
        estate=estate,
        kind=MESSAGE_KIND,
        user=recipient,
        values={"from": message.from_name, "note": message.text},
        url=reverse("frontdesk:message_detail", args=[message.pk]),
    )
    return message


@transaction.atomic
def message_done(*, message: StaffMessage, by) -> StaffMessage:
    if message.recipient_id != by.pk:
        raise BusinessRuleError(_("Only the person the message is for marks it done."))
    done = StaffMessage.objects.filter(pk=message.pk, done_at__isnull=True).update(
        done_at=timezone.now()
    )
    if not done:
        raise BusinessRuleError(_("The message is done already."))
    message.refresh_from_db()
    return message


# Incidents ----------------------------------------------------------------------------


@transaction.atomic
def incident_announce(
    *, estate, kind: str, title: str, buildings, starts_at, ends_at, script: str, by
) -> Incident:
    buildings = list(buildings)
    if not buildings:
        raise BusinessRuleError(_("Pick the affected buildings."))
    if any(building.estate_id != estate.pk for building in buildings):
        raise BusinessRuleError(_("The building belongs to another estate."))
    if ends_at <= starts_at:
        raise BusinessRuleError(_("An incident ends after it starts."))
    if not title.strip() or not script.strip():
        raise BusinessRuleError(_("Write the notice and what to tell callers."))
    incident = Incident.objects.create(
        estate=estate,
        kind=kind,
        title=title.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        script=script.strip(),
        created_by=by,
    )
    incident.buildings.set(buildings)
    return incident


@transaction.atomic
def incident_end(*, incident: Incident, by) -> Incident:
    now = timezone.now()
    ended = Incident.objects.filter(pk=incident.pk, ended_at__isnull=True, ends_at__gt=now).update(
        ended_at=now
    )
    if not ended:
        raise BusinessRuleError(_("The incident is over already."))
    incident.refresh_from_db()
    return incident


# Item release passes ------------------------------------------------------------------


def may_take_goods_out(unit, resident) -> bool:
    """The unit's current owner, or a current occupant the owner authorised."""
    roles_held = set(
        Occupancy.objects.current()
        .filter(unit=unit, resident=resident)
        .values_list("role", flat=True)
    )
    if Occupancy.Role.OWNER in roles_held:
        return True
    return (
        bool(roles_held)
        and ReleaseAuthorisation.objects.filter(unit=unit, resident=resident).exists()
    )


@transaction.atomic
def release_authorise(*, unit, resident, note: str, by) -> ReleaseAuthorisation:
    if not Occupancy.objects.current().filter(unit=unit, resident=resident).exists():
        raise BusinessRuleError(_("Only a current occupant of the unit can be authorised."))
    if not note.strip():
        raise BusinessRuleError(_("Write how the owner authorised it."))
    authorisation, _created = ReleaseAuthorisation.objects.update_or_create(
        unit=unit, resident=resident, defaults={"note": note.strip(), "recorded_by": by}
    )
    return authorisation


@transaction.atomic
def release_pass_issue(*, unit, resident, items: str, carrier: str, valid_on, by) -> ReleasePass:
    estate = unit.estate
    if resident.estate_id != estate.pk:
        raise BusinessRuleError(_("The resident belongs to another estate."))
    if not may_take_goods_out(unit, resident):
        raise BusinessRuleError(
            _(
                "%(name)s is not the owner of %(unit)s nor an occupant the owner authorised: "
                "no release pass."
            )
            % {"name": resident.name, "unit": unit}
        )
    if not items.strip() or not carrier.strip():
        raise BusinessRuleError(_("Write the items and who carries them."))
    now = timezone.now()
    if valid_on < local_date(estate, now):
        raise BusinessRuleError(_("A release pass is for today or a later day."))
    return ReleasePass.objects.create(
        estate=estate,
        number=number_next(kind=PASS_NUMBER_KIND, year=estate_year(estate, now), estate=estate),
        unit=unit,
        resident=resident,
        items=items.strip(),
        carrier=carrier.strip(),
        valid_on=valid_on,
        arrears=unit_arrears(unit),
        issued_by=by,
        issued_at=now,
    )


@transaction.atomic
def release_pass_use(*, release_pass: ReleasePass, by) -> ReleasePass:
    """The guard lets the goods out: once, on the pass's day."""
    now = timezone.now()
    if release_pass.valid_on != local_date(release_pass.estate, now):
        raise BusinessRuleError(_("The pass is for %(day)s.") % {"day": release_pass.valid_on})
    used = ReleasePass.objects.filter(pk=release_pass.pk, used_at__isnull=True).update(
        used_at=now, used_by=by
    )
    if not used:
        raise BusinessRuleError(_("The pass was used already."))
    release_pass.refresh_from_db()
    return release_pass


# The shift handover -------------------------------------------------------------------


def checklist_items(estate) -> list[str]:
    row = HandoverChecklist.objects.filter(estate=estate).first()
    return row.lines() if row else []


@transaction.atomic
def handover_checklist_update(*, estate, by, items: str) -> HandoverChecklist:
    row, _created = HandoverChecklist.objects.update_or_create(
        estate=estate, defaults={"items": items.strip()}
    )
    return row


def shift_start_for(estate, now) -> datetime:
    """Where the next handover's shift starts: the end of the last one, else 8 hours ago."""
    last = Handover.objects.filter(estate=estate).order_by("-shift_end").first()
    if last is not None and last.shift_end < now:
        return last.shift_end
    return now - timedelta(hours=8)


@transaction.atomic
def handover_hand(*, estate, by, checked: list[str], notes: str = "") -> Handover:
    """The outgoing receptionist hands over: what is open is computed and kept as it is now."""
    now = timezone.now()
    window = ShiftWindow(start=shift_start_for(estate, now), end=now)
    items = checklist_items(estate)
    return Handover.objects.create(
        estate=estate,
        shift_start=window.start,
        shift_end=window.end,
        snapshot=handover_snapshot(estate, window, by),
        checklist=[{"item": item, "ok": item in checked} for item in items],
        notes=notes.strip(),
        handed_by=by,
        handed_at=now,
    )


@transaction.atomic
def handover_acknowledge(*, handover: Handover, by) -> Handover:
    """The incoming receptionist acknowledges, logged in as themselves; then it is read-only."""
    if by.pk == handover.handed_by_id:
        raise BusinessRuleError(_("The next shift acknowledges the handover, not its author."))
    if roles.FRONT_DESK not in roles.user_roles(by):
        raise BusinessRuleError(_("The next receptionist acknowledges the handover."))
    done = Handover.objects.filter(pk=handover.pk, acknowledged_at__isnull=True).update(
        acknowledged_by=by, acknowledged_at=timezone.now()
    )
    if not done:
        raise BusinessRuleError(_("The handover was acknowledged already."))
    handover.refresh_from_db()
    return handover


def handovers_tell_supervisors(*, now=None) -> int:
    """Tell each estate's supervisors of a handover left unacknowledged for 30 minutes (once)."""
    now = now or timezone.now()
    told = 0
    waiting = Handover.objects.filter(
        acknowledged_at__isnull=True,
        supervisor_told_at__isnull=True,
        handed_at__lte=now - HANDOVER_WAIT,
    ).select_related("estate", "handed_by")
    for handover in waiting:
        with transaction.atomic():
            claimed = Handover.objects.filter(
                pk=handover.pk, supervisor_told_at__isnull=True
            ).update(supervisor_told_at=now)
            if claimed != 1:
                continue
            notify(
                estate=handover.estate,
                kind=HANDOVER_WAITING_KIND,
                role=roles.SUPERVISOR,
                values={"by": handover.handed_by.display_name},
                url=reverse("frontdesk:handover_detail", args=[handover.pk]),
            )
            told += 1
    return told
