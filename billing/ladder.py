"""The reminder run (`billing.send_overdue_reminders`): every overdue account whose day has
come moves up one stage of its estate's ladder (models/ladder.py).

Per estate, in one transaction holding the estate's row locked (two runs take turns):
cases of units that owe nothing overdue any more close (the account leaves the ladder);
every unit whose oldest unpaid due date is far enough behind its estate's today moves up
one stage, at most one a day. A notice stage queues its notice for the front desk's print
batch and its email, with its serial number (`CJ-<estate>-<year>-000001`, `XQ-...`); a
visit stage puts a task in the named person's inbox. Nothing is sent
twice: a step is unique per case and stage, a case moves once a day, and an email is claimed
(`emailed_at`) before it is sent. The queries are constant per chunk of units, never one
per unit.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core import mail
from django.db import transaction
from django.db.models import Exists, F, Min, OuterRef, Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from simple_history.utils import bulk_create_with_history

from billing.charges import late_fee_start
from billing.models import BillLine
from billing.models.ladder import (
    NOTICE_STAGES,
    STAGES,
    ArrearsCase,
    LadderSettings,
    LadderStep,
    Stage,
    stage_rank,
)
from billing.money import ZERO
from billing.selectors import deadline_notices, line_late_fee
from desk import roles
from desk.clock import estate_today
from desk.estate_settings import lock_estate, settings_row
from desk.numbering import number_block

CHUNK = 1000
VISIT_KIND = "billing.ladder_visit"
# The notices' serial numbers per estate and year (desk.numbering): 催缴 and 限期.
NOTICE_SERIES = {Stage.REMINDER: "CJ", Stage.DEADLINE: "XQ"}
EMAIL_LANGUAGES = ("zh-hans", "en")  # a resident has no language of their own: both


@dataclass
class LadderResult:
    today: datetime.date | None = None
    steps: dict = field(default_factory=lambda: defaultdict(int))  # stage -> count
    closed: int = 0
    emailed: int = 0

    def as_dict(self):
        return {
            "today": self.today.isoformat() if self.today else None,
            "steps": dict(self.steps),
            "closed": self.closed,
            "emailed": self.emailed,
        }


def ladder_settings_row(estate) -> LadderSettings:
    return settings_row(LadderSettings, estate)


def target_stage(ladder: LadderSettings, days_overdue: int):
    """The highest stage whose day has come after `days_overdue` days, or None."""
    reached = None
    for stage in STAGES:
        if days_overdue >= ladder.days_of(stage):
            reached = stage
    return reached


def send_overdue_reminders(*, day: datetime.date | None = None, estate_code=None) -> dict:
    """The run of every estate (or the one with `estate_code`), each on its own today (or
    `day`). Returns {estate code: summary}."""
    from desk.models import Estate

    estates = Estate.objects.order_by("pk")
    if estate_code:
        estates = estates.filter(code=estate_code)
    return {estate.code: reminder_run(estate=estate, today=day).as_dict() for estate in estates}


def reminder_run(*, estate, today: datetime.date | None = None, chunk: int = CHUNK):
    today = today or estate_today(estate)
    result = LadderResult(today=today)
    with transaction.atomic():
        lock_estate(estate)
        ladder = ladder_settings_row(estate)
        result.closed = _close_paid(estate, today)
        moves = _moves(estate, ladder, today)
        for start in range(0, len(moves), chunk):
            _step_chunk(estate, ladder, today, moves[start : start + chunk], result)
    result.emailed = send_pending_emails(estate=estate)
    return result


def _overdue_lines(today):
    return BillLine.objects.filter(status=BillLine.Status.OPEN, due_date__lt=today)


def _close_paid(estate, today) -> int:
    """Cases of units with nothing overdue left the ladder: closed today (one query)."""
    still_owes = _overdue_lines(today).filter(unit_id=OuterRef("unit_id"))
    return (
        ArrearsCase.objects.filter(estate=estate, closed_on__isnull=True)
        .exclude(Exists(still_owes))
        .update(closed_on=today)
    )


@dataclass
class _Move:
    unit_id: int
    case: ArrearsCase | None
    stage: Stage
    overdue_since: datetime.date
    principal: Decimal


def _moves(estate, ladder, today) -> list[_Move]:
    """Every unit that moves up a stage today (two queries)."""
    overdue = (
        _overdue_lines(today)
        .filter(estate=estate)
        .values("unit_id")
        .annotate(oldest=Min("due_date"), principal=Sum(F("amount") - F("paid") - F("waived")))
        .order_by("unit_id")
    )
    cases = {
        case.unit_id: case
        for case in ArrearsCase.objects.filter(estate=estate, closed_on__isnull=True)
    }
    moves = []
    for row in overdue:
        target = target_stage(ladder, (today - row["oldest"]).days)
        if target is None:
            continue
        case = cases.get(row["unit_id"])
        if case is not None and case.stage_on >= today:
            continue  # one stage a day: a second run today moves nothing
        current = stage_rank(case.stage) if case else -1
        if stage_rank(target) <= current:
            continue
        moves.append(
            _Move(row["unit_id"], case, STAGES[current + 1], row["oldest"], row["principal"])
        )
    return moves


def _step_chunk(estate, ladder, today, moves, result):
    from tenants.models import Unit
    from tenants.selectors import areas_of_units

    ids = [move.unit_id for move in moves]
    units = {u.pk: u for u in Unit.objects.filter(pk__in=ids).select_related("building")}
    late_fees, payers, fee_from = defaultdict(lambda: ZERO), {}, {}
    deadlines = deadline_notices(ids)
    for line in (
        _overdue_lines(today)
        .filter(unit_id__in=ids)
        .select_related("standard", "payer")
        .order_by("due_date", "id")
    ):
        late_fees[line.unit_id] += line_late_fee(line, today, deadlines.get(line.unit_id, []))
        standard = line.standard
        if standard.late_fee_daily_rate > 0 and not (line.late_fee_of_id or line.late_fee_waived):
            # A deadline notice given today starts this line's late fee after its grace days.
            start = late_fee_start(today, standard.late_fee_grace_days)
            fee_from[line.unit_id] = min(fee_from.get(line.unit_id, start), start)
        if line.payer_id and line.unit_id not in payers:
            payers[line.unit_id] = line.payer
    visits = [m for m in moves if m.stage == Stage.REP_VISIT]
    areas = areas_of_units([units[m.unit_id] for m in visits]) if visits else {}

    new_cases = [
        ArrearsCase(
            estate=estate, unit_id=m.unit_id, opened_on=today, stage=m.stage, stage_on=today
        )
        for m in moves
        if m.case is None
    ]
    ArrearsCase.objects.bulk_create(new_cases)
    fresh = iter(new_cases)
    moved = []
    for move in moves:
        if move.case is None:
            move.case = next(fresh)
        else:
            move.case.stage, move.case.stage_on = move.stage, today
            moved.append(move.case)
    ArrearsCase.objects.bulk_update(moved, ["stage", "stage_on"])

    numbers = {
        stage: iter(
            number_block(kind=series, year=today.year, estate=estate, count=count)
            if (count := sum(1 for m in moves if m.stage == stage))
            else []
        )
        for stage, series in NOTICE_SERIES.items()
    }
    steps = []
    for move in moves:
        payer = payers.get(move.unit_id)
        step = LadderStep(
            estate=estate,
            case=move.case,
            unit_id=move.unit_id,
            stage=move.stage,
            reached_on=today,
            overdue_since=move.overdue_since,
            principal=move.principal,
            late_fee=late_fees[move.unit_id],
            payer=payer,
        )
        if move.stage == Stage.DEADLINE:
            step.pay_by = today + datetime.timedelta(days=ladder.pay_within_days)
            step.late_fee_from = fee_from.get(move.unit_id)
        if move.stage in NOTICE_STAGES:
            step.number = next(numbers[move.stage])
            step.email_to = (payer.email if payer else "") or ""
        elif move.stage == Stage.REP_VISIT:
            area = areas.get(move.unit_id)
            step.assignee = (area.rep or area.deputy) if area else None
        steps.append(step)
        result.steps[move.stage.value] += 1
    bulk_create_with_history(steps, LadderStep)
    _notify_visits(estate, [s for s in steps if s.stage not in NOTICE_STAGES], units)


def _notify_visits(estate, steps, units):
    """A task in the inbox of who visits: the area's rep by name (the supervisors when the
    area has none), every supervisor, or the director (the estate's managers). One query
    per role, one insert."""
    from desk.inbox import notification_kind
    from desk.models import Notification, User

    if not steps:
        return
    assert notification_kind(VISIT_KIND) is not None
    holders = {}

    def people(role):
        if role not in holders:
            holders[role] = list(
                User.objects.filter(estates=estate, is_active=True, groups__name=role).distinct()
            )
        return holders[role]

    now = timezone.now()
    rows = []
    for step in steps:
        if step.assignee is not None:
            recipients, role = [step.assignee], ""
        else:
            role = roles.MANAGER if step.stage == Stage.DIRECTOR else roles.SUPERVISOR
            recipients = people(role)
        unit = units[step.unit_id]
        values = {
            "unit": unit.label,
            "stage": step.stage,
            "amount": f"{step.total}",
            "since": step.overdue_since.isoformat(),
        }
        url = reverse("billing:ladder_step", args=[step.pk])
        rows += [
            Notification(
                estate=estate,
                recipient=person,
                role=role,
                kind=VISIT_KIND,
                values=values,
                url=url,
                created_at=now,
            )
            for person in recipients
        ]
    Notification.objects.bulk_create(rows)


def send_pending_emails(*, estate) -> int:
    """Email the notices not yet emailed: claimed first (`emailed_at`), under the estate's
    lock, then sent over one connection; a crash between the two loses a mail rather than
    sending it twice."""
    with transaction.atomic():
        lock_estate(estate)
        pending = list(
            LadderStep.objects.filter(
                estate=estate, stage__in=NOTICE_STAGES, emailed_at__isnull=True
            )
            .exclude(email_to="")
            .select_related("estate", "unit__building", "payer")
        )
        if not pending:
            return 0
        LadderStep.objects.filter(pk__in=[s.pk for s in pending]).update(emailed_at=timezone.now())
    messages = [notice_email(step) for step in pending]
    with mail.get_connection() as connection:
        connection.send_messages(messages)
    return len(messages)


def notice_email(step) -> mail.EmailMessage:
    parts, subjects = [], []
    for language in EMAIL_LANGUAGES:
        with translation.override(language):
            context = notice_context(step)
            subjects.append(str(context["title"]))
            parts.append(render_to_string("billing/ladder_notice_email.txt", context))
    return mail.EmailMessage(
        subject=" / ".join(subjects) + f" · {step.unit.label}",
        body="\n\n".join(parts),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[step.email_to],
    )


def notice_context(step) -> dict:
    from django.utils.translation import gettext as _

    title = _("Deadline notice") if step.stage == Stage.DEADLINE else _("Reminder notice")
    return {
        "step": step,
        "title": title,
        "estate_name": step.estate.display_name,
        "payer_name": step.payer.name if step.payer else "",
    }
