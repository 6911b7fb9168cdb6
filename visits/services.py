"""Every write of the visits: recording a visit with its opinions, answering an opinion or
turning it into a complaint or a work order, the overdue reminder and the settings. Each in
a transaction; a refusal raises BusinessRuleError and changes nothing."""

from datetime import datetime, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complaints.models import Complaint
from complaints.services import complaint_receive
from desk import roles
from desk.clock import local_date
from desk.errors import BusinessRuleError
from desk.estate_settings import range_errors, settings_row, settings_row_save
from desk.inbox import notify
from tenants.models import Occupancy
from tenants.selectors import area_of_unit
from visits.models import Opinion, Visit, VisitSettings
from workorders.models import Source
from workorders.services import workorder_create

OVERDUE_KIND = "visits.opinion_overdue"

LIMITS = {"answer_days": (1, 30), "half_year_target": (1, 100), "survey_return_target": (1, 100)}
MESSAGES = {
    "answer_days": gettext_lazy("Give a number of days from %(low)s to %(high)s."),
    "half_year_target": gettext_lazy("Give a percentage from %(low)s to %(high)s."),
    "survey_return_target": gettext_lazy("Give a percentage from %(low)s to %(high)s."),
}


def visit_settings_row(estate) -> VisitSettings:
    return settings_row(VisitSettings, estate)


@transaction.atomic
def visit_settings_update(
    *, estate, by, answer_days: int, half_year_target: int, survey_return_target: int = 70
):
    values = {
        "answer_days": answer_days,
        "half_year_target": half_year_target,
        "survey_return_target": survey_return_target,
    }
    errors = range_errors(values, LIMITS, MESSAGES)
    return settings_row_save(VisitSettings, estate=estate, by=by, values=values, errors=errors)


def _is_current_occupant(unit, resident) -> bool:
    return Occupancy.objects.filter(unit=unit, resident=resident, move_out__isnull=True).exists()


@transaction.atomic
def visit_record(
    *,
    unit,
    kind: str,
    by,
    met=None,
    at: datetime | None = None,
    opinions: list[tuple[str, str]] = (),
    notes: str = "",
) -> Visit:
    """A visit to `unit`; `met` is one of its current occupants or None (nobody home);
    `opinions` are (text, category) lines, each due an answer within the estate's days."""
    now = timezone.now()
    at = at or now
    if at > now + timedelta(minutes=5):
        raise BusinessRuleError(_("A visit is recorded once it has happened."))
    if kind not in Visit.Kind.values:
        raise BusinessRuleError(_("Choose the kind of visit."))
    if met is not None and not _is_current_occupant(unit, met):
        raise BusinessRuleError(_("The person met is not one of the unit's occupants."))
    if not unit.estate.staff.filter(pk=by.pk).exists() and not by.is_superuser:
        raise BusinessRuleError(_("You do not work in this estate."))
    lines = [(text.strip(), category) for text, category in opinions if text.strip()]
    for _text, category in lines:
        if category not in Opinion.Category.values:
            raise BusinessRuleError(_("Choose a category for each opinion."))
    visit = Visit.objects.create(
        estate=unit.estate,
        unit=unit,
        met=met,
        kind=kind,
        at=at,
        visited_by=by,
        notes=notes.strip(),
    )
    due = at + timedelta(days=visit_settings_row(unit.estate).answer_days)
    Opinion.objects.bulk_create(
        [
            Opinion(
                estate=unit.estate,
                unit=unit,
                visit=visit,
                text=text,
                category=category,
                raised_at=at,
                answer_due=due,
            )
            for text, category in lines
        ]
    )
    return visit


def _locked(opinion):
    locked = (
        Opinion.objects.select_for_update(of=("self",))
        .select_related("visit__met", "unit__building", "estate", "survey_answer__question")
        .get(pk=opinion.pk)
    )
    if not locked.is_open:
        raise BusinessRuleError(_("The opinion was answered already."))
    return locked


@transaction.atomic
def opinion_answer(*, opinion: Opinion, answer: str, by) -> Opinion:
    """What was done or said about the opinion: it is closed."""
    locked = _locked(opinion)
    if not answer.strip():
        raise BusinessRuleError(_("Write what was done or said."))
    locked.answer, locked.answered_by, locked.answered_at = answer.strip(), by, timezone.now()
    locked.save(update_fields=["answer", "answered_by", "answered_at"])
    return locked


def _subject(text):
    return text.strip().splitlines()[0][:200]


@transaction.atomic
def opinion_to_complaint(*, opinion: Opinion, category: str, by) -> Complaint:
    """The opinion becomes a complaint of the resident met (a survey's: of the household),
    linked from the opinion."""
    locked = _locked(opinion)
    resident = locked.visit.met if locked.visit_id else None
    complaint = complaint_receive(
        estate=locked.estate,
        unit=locked.unit,
        resident=resident,
        channel=Complaint.Channel.IN_PERSON if locked.visit_id else Complaint.Channel.ONLINE,
        category=category,
        complainant_name=resident.name if resident else locked.unit.label,
        subject=_subject(locked.summary),
        description=locked.summary,
        occurred_on=local_date(locked.estate, locked.raised_at),
        received_at=locked.raised_at,
        by=by,
    )
    locked.complaint = complaint
    locked.save(update_fields=["complaint"])
    return complaint


@transaction.atomic
def opinion_to_work_order(*, opinion: Opinion, trade: str, priority: str, by):
    """The opinion becomes a repair work order for the unit, linked from the opinion."""
    locked = _locked(opinion)
    met = locked.visit.met if locked.visit_id else None
    order = workorder_create(
        estate=locked.estate,
        source=Source.REPAIR_CALL,
        trade=trade,
        priority=priority,
        description=locked.summary,
        unit=locked.unit,
        requested_by_name=met.name if met else "",
        resident=met,
        by=by,
    )
    locked.work_order = order
    locked.save(update_fields=["work_order"])
    return order


def opinions_overdue_notify(*, now: datetime | None = None) -> int:
    """Tell the unit's rep and the supervisors of each opinion past its answer time, once
    per opinion (claimed with a conditional update). Returns the opinions notified."""
    now = now or timezone.now()
    count = 0
    pks = list(
        Opinion.objects.overdue(now)
        .filter(overdue_notified_at__isnull=True)
        .values_list("pk", flat=True)
    )
    for pk in pks:
        with transaction.atomic():
            claimed = Opinion.objects.filter(pk=pk, overdue_notified_at__isnull=True).update(
                overdue_notified_at=now
            )
            if claimed != 1:
                continue
            opinion = Opinion.objects.select_related(
                "unit__building", "estate", "survey_answer__question", "survey_answer__response"
            ).get(pk=pk)
            _notify_overdue(opinion)
            count += 1
    return count


def opinion_origin_url(opinion) -> str:
    """Where the opinion was raised: its visit's page, or its survey's low scores."""
    if opinion.visit_id:
        return reverse("visits:detail", args=[opinion.visit_id])
    survey_id = opinion.survey_answer.response.survey_id
    return reverse("visits:survey_detail", args=[survey_id]) + "#low-scores"


def _notify_overdue(opinion):
    unit = opinion.unit
    values = {"unit": unit.label, "text": _subject(opinion.summary)}
    url = opinion_origin_url(opinion)
    area = area_of_unit(unit)
    rep = (area.rep or area.deputy) if area is not None else None
    if rep is not None and rep.is_active:
        notify(estate=opinion.estate, kind=OVERDUE_KIND, values=values, url=url, user=rep)
    notify(estate=opinion.estate, kind=OVERDUE_KIND, values=values, url=url, role=roles.SUPERVISOR)
