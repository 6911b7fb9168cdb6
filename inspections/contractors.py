"""The monthly score of an outsourced contractor (外委考评): weighted criteria, a total that
drives its monthly payment, and rectification notices with deadlines."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from desk.clock import estate_today
from desk.errors import BusinessRuleError, IllegalTransition
from inspections.models import Contractor, Evaluation, EvaluationScore, RectificationNotice

# The criteria a first score sheet starts with (weights in %, summing to 100).
DEFAULT_CRITERIA = [
    (gettext_lazy("Public areas clean"), 30),
    (gettext_lazy("Waste collected on time"), 20),
    (gettext_lazy("Staff on post and conduct"), 20),
    (gettext_lazy("Response to requests"), 15),
    (gettext_lazy("Materials and equipment"), 15),
]


def criteria_for(contractor) -> list[tuple[str, int]]:
    """The criteria of the contractor's last sheet, else the defaults."""
    last = contractor.evaluations.order_by("-year", "-month").first()
    if last is not None:
        return [(s.criterion, s.weight) for s in last.scores.all()]
    return [(str(name), weight) for name, weight in DEFAULT_CRITERIA]


def weighted_total(scores) -> Decimal:
    total = sum(Decimal(weight) * Decimal(score) for _c, weight, score in scores) / 100
    return total.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def contractor_add(*, estate, name: str, service: str) -> Contractor:
    name = name.strip()
    if not name:
        raise BusinessRuleError(_("Give the contractor's name."))
    if Contractor.objects.filter(estate=estate, name=name).exists():
        raise BusinessRuleError(_("This estate already has a contractor of that name."))
    return Contractor.objects.create(estate=estate, name=name, service=service)


def evaluation_record(
    *, contractor, year: int, month: int, scores, by, notes: str = "", now=None
) -> Evaluation:
    """The month's sheet: [(criterion, weight, score)], weights summing to 100, scores 0-100;
    once a month per contractor."""
    scores = [(c.strip(), int(w), int(s)) for c, w, s in scores if c.strip()]
    if not scores:
        raise BusinessRuleError(_("Score at least one criterion."))
    if sum(w for _c, w, _s in scores) != 100:
        raise BusinessRuleError(_("The weights add up to 100."))
    if any(not 0 <= s <= 100 for _c, _w, s in scores):
        raise BusinessRuleError(_("A score is from 0 to 100."))
    now = now or timezone.now()
    try:
        with transaction.atomic():
            evaluation = Evaluation.objects.create(
                contractor=contractor,
                year=year,
                month=month,
                total=weighted_total(scores),
                notes=notes.strip(),
                scored_by=by,
                scored_at=now,
            )
            EvaluationScore.objects.bulk_create(
                EvaluationScore(
                    evaluation=evaluation, position=i, criterion=c[:100], weight=w, score=s
                )
                for i, (c, w, s) in enumerate(scores, start=1)
            )
    except IntegrityError as exc:
        raise BusinessRuleError(
            _("%(contractor)s was already scored for %(year)d-%(month)02d.")
            % {"contractor": contractor, "year": year, "month": month}
        ) from exc
    return evaluation


def notice_issue(
    *, contractor, problem: str, deadline: datetime.date, by, evaluation=None, now=None
) -> RectificationNotice:
    problem = problem.strip()
    if not problem:
        raise BusinessRuleError(_("Describe the problem to put right."))
    now = now or timezone.now()
    if deadline < estate_today(contractor.estate):
        raise BusinessRuleError(_("The deadline is in the past."))
    return RectificationNotice.objects.create(
        contractor=contractor,
        evaluation=evaluation,
        problem=problem,
        deadline=deadline,
        issued_at=now,
        issued_by=by,
    )


def notice_close(*, notice: RectificationNotice, by) -> RectificationNotice:
    with transaction.atomic():
        notice = RectificationNotice.objects.select_for_update().get(pk=notice.pk)
        if notice.closed_at is not None:
            raise IllegalTransition(_("This notice was already closed."))
        notice.closed_at = timezone.now()
        notice.closed_by = by
        notice.save(update_fields=["closed_at", "closed_by"])
    return notice
