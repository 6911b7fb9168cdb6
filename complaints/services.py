"""Every change to a complaint: the state machine, the clock, escalation.

Each function locks the complaint's row, checks the step is allowed (raising
IllegalTransition with a translated message and changing nothing if not), writes the
change and one timeline event.
"""

from datetime import date, datetime, timedelta

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Collate
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints import events
from complaints.models import (
    DEFAULT_FIRST_RESPONSE_MINUTES,
    Complaint,
    ComplaintEvent,
    ComplaintSettings,
)
from desk import roles
from desk.clock import estate_year, local_date, local_time
from desk.errors import BusinessRuleError, IllegalTransition
from desk.inbox import notify
from desk.models import User
from desk.numbering import number_next
from desk.sqlite import NAME_COLLATION
from tenants.selectors import phone_to_keep

S = Complaint.Status
NUMBER_KIND = "TS"
RULE_PERMISSION = "complaints.rule_complaint"


def first_response_minutes(estate) -> int:
    row = ComplaintSettings.objects.filter(estate=estate).values_list(
        "first_response_minutes", flat=True
    )
    return next(iter(row), DEFAULT_FIRST_RESPONSE_MINUTES)


def _event(complaint, kind, by, values=None, at=None):
    """One timeline line: the kind and its values, never a sentence (complaints.events)."""
    values = {key: value for key, value in (values or {}).items() if value != ""}
    return ComplaintEvent.objects.create(
        complaint=complaint, kind=kind, by=by, values=values, at=at or timezone.now()
    )


@transaction.atomic
def complaint_receive(
    *,
    estate,
    unit=None,
    resident=None,
    channel: str,
    category: str,
    complainant_name: str,
    complainant_phone: str = "",
    subject: str,
    description: str,
    occurred_on: date,
    by: User,
    assignee: User | None = None,
    received_at: datetime | None = None,
) -> Complaint:
    received_at = received_at or timezone.now()
    if unit is not None and unit.estate_id != estate.pk:
        raise BusinessRuleError(_("The unit is not in this estate."))
    if resident is not None and resident.estate_id != estate.pk:
        raise BusinessRuleError(_("The resident belongs to another estate."))
    if assignee is not None and not handlers_of(estate).filter(pk=assignee.pk).exists():
        raise BusinessRuleError(
            _("%(name)s does not handle complaints in this estate.")
            % {"name": assignee.display_name}
        )
    if occurred_on > local_date(estate, received_at):
        raise BusinessRuleError(_("The event cannot be in the future."))
    minutes = first_response_minutes(estate)
    complainant_phone = phone_to_keep(complainant_phone, resident)
    complaint = Complaint.objects.create(
        estate=estate,
        unit=unit,
        resident=resident,
        # TS-2026-000123, taken in this transaction: a failed intake gives it back.
        number=number_next(kind=NUMBER_KIND, year=estate_year(estate, received_at)),
        channel=channel,
        category=category,
        complainant_name=complainant_name,
        complainant_phone=complainant_phone,
        subject=subject,
        description=description,
        occurred_on=occurred_on,
        received_at=received_at,
        received_by=by,
        first_response_due=received_at + timedelta(minutes=minutes),
        assignee=assignee,
    )
    _event(complaint, ComplaintEvent.Kind.RECEIVED, by, at=received_at)
    if assignee is not None:
        _event(
            complaint,
            ComplaintEvent.Kind.ASSIGNED,
            by,
            {"assignee": assignee.display_name},
            at=received_at,
        )
        _notify_assignee(complaint, assignee, by)
    return complaint


def _locked(complaint) -> Complaint:
    return Complaint.objects.select_for_update().get(pk=complaint.pk)


def _save(original, locked, fields):
    locked.save(update_fields=fields)
    for name in fields:
        setattr(original, name, getattr(locked, name))
    return original


def _require(locked, allowed, message):
    if locked.status not in allowed:
        raise IllegalTransition(message)


# What a person saw of a complaint when they acted (the step forms carry it, hidden): a step
# that someone else took meanwhile is refused under the row lock, never applied twice.
def ruling_token(complaint) -> str:
    """`valid/general`, `invalid/malicious`, or `/` before any ruling."""
    return f"{complaint.validity}/{complaint.severity or complaint.invalid_kind}"


def assignee_token(complaint) -> int:
    return complaint.assignee_id or 0


@transaction.atomic
def complaint_respond(*, complaint, plan: str, by: User, at=None) -> Complaint:
    """The handling plan, told to the resident: the first response that stops the clock."""
    locked = _locked(complaint)
    if locked.responded_at is not None:
        raise IllegalTransition(_("This complaint has already been answered."))
    _require(locked, {S.RECEIVED}, _("Only a newly received complaint can be answered."))
    if not plan.strip():
        raise BusinessRuleError(_("Write the handling plan."))
    locked.plan, locked.responded_at, locked.responded_by = plan, at or timezone.now(), by
    locked.status = S.RESPONDED
    _event(locked, ComplaintEvent.Kind.RESPONDED, by, {"note": plan}, at=locked.responded_at)
    return _save(complaint, locked, ["plan", "responded_at", "responded_by", "status"])


@transaction.atomic
def complaint_start_investigation(*, complaint, by: User) -> Complaint:
    locked = _locked(complaint)
    _require(
        locked,
        {S.RESPONDED},
        _("An investigation starts after the handling plan and before the resolution."),
    )
    locked.status = S.INVESTIGATING
    _event(locked, ComplaintEvent.Kind.INVESTIGATING, by)
    return _save(complaint, locked, ["status"])


@transaction.atomic
def complaint_rule(
    *,
    complaint,
    validity: str,
    severity: str = "",
    invalid_kind: str = "",
    reason: str,
    by: User,
    seen_ruling: str | None = None,
) -> Complaint:
    """The supervisor's ruling: valid (general / severe) or invalid (ordinary / malicious).

    `seen_ruling` (`ruling_token`) is the ruling the supervisor saw: when another one came
    meanwhile, this one is refused instead of silently replacing it.
    """
    if not by.has_perm(RULE_PERMISSION):
        raise BusinessRuleError(_("Only a supervisor or manager can rule on a complaint."))
    locked = _locked(complaint)
    _require(
        locked,
        {S.INVESTIGATING, S.RESOLVED, S.VISITED},
        _("A complaint is ruled on once it is under investigation and before it is closed."),
    )
    if seen_ruling is not None and seen_ruling != ruling_token(locked):
        raise IllegalTransition(
            _("Someone else ruled on this complaint meanwhile (%(ruling)s). Nothing was changed.")
            % {"ruling": locked.ruling_display}
        )
    V = Complaint.Validity
    if validity == V.VALID:
        if severity not in Complaint.Severity.values:
            raise BusinessRuleError(_("Say whether the valid complaint is general or severe."))
        invalid_kind = ""
    elif validity == V.INVALID:
        if invalid_kind not in Complaint.InvalidKind.values:
            raise BusinessRuleError(
                _("Say whether the invalid complaint is ordinary or malicious.")
            )
        if not reason.strip():
            raise BusinessRuleError(_("Give the reason why the complaint is invalid."))
        severity = ""
    else:
        raise BusinessRuleError(_("Rule the complaint valid or invalid."))
    locked.validity, locked.severity, locked.invalid_kind = validity, severity, invalid_kind
    locked.ruling_reason, locked.ruled_by, locked.ruled_at = reason, by, timezone.now()
    ruling = {"validity": validity, "severity": severity, "invalid_kind": invalid_kind}
    _event(locked, ComplaintEvent.Kind.RULED, by, {**ruling, "note": reason.strip()})
    return _save(
        complaint,
        locked,
        ["validity", "severity", "invalid_kind", "ruling_reason", "ruled_by", "ruled_at"],
    )


@transaction.atomic
def complaint_resolve(*, complaint, resolution: str, by: User) -> Complaint:
    locked = _locked(complaint)
    _require(locked, {S.INVESTIGATING}, _("Only a complaint under investigation can be resolved."))
    if not resolution.strip():
        raise BusinessRuleError(_("Write what was done."))
    locked.resolution, locked.resolved_at, locked.status = resolution, timezone.now(), S.RESOLVED
    _event(locked, ComplaintEvent.Kind.RESOLVED, by, {"note": resolution})
    return _save(complaint, locked, ["resolution", "resolved_at", "status"])


@transaction.atomic
def complaint_record_return_visit(
    *, complaint, satisfaction: int, comment: str, by: User, visited_at=None
) -> Complaint:
    locked = _locked(complaint)
    _require(locked, {S.RESOLVED}, _("The return visit comes after the resolution, once."))
    if satisfaction not in range(1, 6):
        raise BusinessRuleError(_("Satisfaction is from 1 to 5."))
    locked.satisfaction, locked.visit_comment = satisfaction, comment
    locked.visited_by, locked.visited_at = by, visited_at or timezone.now()
    locked.status = S.VISITED
    _event(locked, ComplaintEvent.Kind.VISITED, by, {"score": satisfaction, "note": comment})
    return _save(
        complaint,
        locked,
        ["satisfaction", "visit_comment", "visited_by", "visited_at", "status"],
    )


@transaction.atomic
def complaint_close(*, complaint, by: User) -> Complaint:
    locked = _locked(complaint)
    if locked.status == S.CLOSED:
        raise IllegalTransition(_("This complaint is already closed."))
    _require(locked, {S.VISITED}, _("A complaint is closed only after the return visit."))
    if not locked.validity:
        raise IllegalTransition(_("A supervisor must rule on the complaint before it is closed."))
    locked.status, locked.closed_at = S.CLOSED, timezone.now()
    _event(locked, ComplaintEvent.Kind.CLOSED, by)
    return _save(complaint, locked, ["status", "closed_at"])


HANDLE_PERMISSION = ("complaints", "handle_complaint")
# Staff names in the order a Chinese reader looks them up (by pinyin), whatever the database's
# own collation; PostgreSQL's ICU collations ship with every standard build (and the demo's
# SQLite has a stand-in: desk/sqlite.py).
NAME_ORDER = NAME_COLLATION


def handlers_of(estate):
    """Staff of the estate who handle complaints, by name, each with `open_complaints`: the
    estate's complaints assigned to them and not closed (the intake's assignee choice)."""
    open_complaints = (
        Complaint.objects.filter(assignee=OuterRef("pk"), estate=estate)
        .exclude(status=Complaint.Status.CLOSED)
        .order_by()
        .values("assignee")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return handlers_in([estate.pk]).annotate(open_complaints=Coalesce(Subquery(open_complaints), 0))


def handlers_in(estate_ids):
    """Staff of any of these estates who handle complaints, by name (the assignee filter):
    those holding the permission to handle them, through a role or their own. No counts:
    the list's filter bar shows it on every page."""
    app_label, codename = HANDLE_PERMISSION
    permission = Q(permissions__codename=codename, permissions__content_type__app_label=app_label)
    holders = Q(groups__in=Group.objects.filter(permission)) | Q(
        user_permissions__codename=codename, user_permissions__content_type__app_label=app_label
    )
    return User.objects.filter(
        is_active=True,
        pk__in=User.objects.filter(holders, estates__in=estate_ids).values("pk"),
    ).order_by(Collate("first_name", NAME_ORDER), "username")


@transaction.atomic
def complaint_assign(
    *, complaint, assignee: User, by: User, seen_assignee: int | None = None
) -> Complaint:
    """`seen_assignee` (`assignee_token`): the assignee the person saw, 0 for nobody."""
    locked = _locked(complaint)
    if locked.status == S.CLOSED:
        raise IllegalTransition(_("A closed complaint cannot be reassigned."))
    if seen_assignee is not None and seen_assignee != assignee_token(locked):
        raise IllegalTransition(
            _("Someone else assigned this complaint meanwhile, to %(name)s. Nothing was changed.")
            % {"name": locked.assignee.display_name if locked.assignee_id else "—"}
        )
    if not handlers_of(locked.estate).filter(pk=assignee.pk).exists():
        raise BusinessRuleError(
            _("%(name)s does not handle complaints in this estate.")
            % {"name": assignee.display_name}
        )
    if locked.assignee_id == assignee.pk:
        raise IllegalTransition(
            _("The complaint is already assigned to %(name)s.") % {"name": assignee.display_name}
        )
    locked.assignee = assignee
    _event(locked, ComplaintEvent.Kind.ASSIGNED, by, {"assignee": assignee.display_name})
    _notify_assignee(locked, assignee, by)
    return _save(complaint, locked, ["assignee"])


def _url(complaint):
    return reverse("complaints:detail", args=[complaint.pk])


def _notify_escalation(complaint, level, kind, values):
    """The supervisors of the estate, or its managers when it has no supervisor."""
    values = {"number": complaint.number, "level": int(level), **values}
    for role in (roles.SUPERVISOR, roles.MANAGER)[level - 1 :]:
        sent = notify(
            estate=complaint.estate, kind=kind, values=values, url=_url(complaint), role=role
        )
        if sent:
            return sent
    return []


def _notify_assignee(complaint, assignee, by):
    if assignee.pk != by.pk:
        notify(
            estate=complaint.estate,
            kind=events.ASSIGNED,
            values={"number": complaint.number, "by": by.display_name},
            url=_url(complaint),
            user=assignee,
        )


@transaction.atomic
def complaint_escalate(
    *, complaint, reason: str, by: User, seen_level: int | None = None
) -> Complaint:
    """By hand: one level up (supervisor, then manager), with the reason.

    `seen_level` is the level the person saw: two people escalating at once (or the clock
    escalating meanwhile) escalate one level, not two.
    """
    if not reason.strip():
        raise BusinessRuleError(_("Give the reason for escalating."))
    locked = _locked(complaint)
    if locked.status == S.CLOSED:
        raise IllegalTransition(_("A closed complaint cannot be escalated."))
    if seen_level is not None and seen_level != locked.escalation_level:
        raise IllegalTransition(
            _(
                "Someone else escalated this complaint meanwhile: it is now with the "
                "%(level)s. Nothing was changed."
            )
            % {"level": locked.get_escalation_level_display().lower()}
        )
    if locked.escalation_level >= Complaint.Escalation.MANAGER:
        raise IllegalTransition(_("This complaint is already with the manager."))
    locked.escalation_level += 1
    locked.escalated_at, locked.escalation_reason = timezone.now(), reason
    level = locked.escalation_level
    _event(locked, ComplaintEvent.Kind.ESCALATED, by, {"level": level, "note": reason})
    _notify_escalation(locked, level, events.ESCALATED, {"note": reason})
    return _save(complaint, locked, ["escalation_level", "escalated_at", "escalation_reason"])


def complaints_escalate_overdue(*, now=None) -> int:
    """Escalate every unanswered complaint past its due time to the supervisors. Idempotent.

    Each complaint is claimed with a conditional UPDATE; only the run that claims it writes
    the event and the notifications, so two runs at once never notify twice.
    """
    now = now or timezone.now()
    overdue = Complaint.objects.filter(
        status=S.RECEIVED,
        responded_at__isnull=True,
        escalation_level=Complaint.Escalation.NONE,
        first_response_due__lte=now,
    ).values_list("pk", flat=True)
    escalated = 0
    for pk in list(overdue):
        with transaction.atomic():
            claimed = Complaint.objects.filter(
                pk=pk, escalation_level=Complaint.Escalation.NONE, responded_at__isnull=True
            ).update(
                escalation_level=Complaint.Escalation.SUPERVISOR,
                escalated_at=now,
                escalation_reason="",  # the clock's: see Complaint.escalation_reason_display
            )
            if claimed != 1:
                continue
            complaint = Complaint.objects.select_related("estate").get(pk=pk)
            level = Complaint.Escalation.SUPERVISOR
            values = {
                "level": int(level),
                # The estate's wall clock, the same for every reader.
                "due": local_time(complaint.estate, complaint.first_response_due).strftime("%H:%M"),
            }
            _event(complaint, ComplaintEvent.Kind.ESCALATED, None, values, at=now)
            _notify_escalation(complaint, level, events.OVERDUE, {"due": values["due"]})
            escalated += 1
    return escalated
