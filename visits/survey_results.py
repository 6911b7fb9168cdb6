"""A survey's results: the return rate against the estate's target (70% by default) by
building and area, each question's average and distribution, the average per service,
this survey against the estate's last one, and the free-text answers. Paper and phone
answers count once per household: a sheet has one response at most."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.paginator import Paginator
from django.db.models import Case, Count, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce

from visits.models import (
    Opinion,
    Service,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
    SurveySheet,
    VisitSettings,
)
from visits.rates import RateRow, _area_names, rate

FREE_TEXT_ROWS = 50


def return_target(estate) -> Decimal:
    row = VisitSettings.objects.filter(estate=estate).first()
    return Decimal(row.survey_return_target if row else 70)


def _average(total, count):
    if not count:
        return None
    return (Decimal(total) / Decimal(count)).quantize(Decimal("0.01"), ROUND_HALF_UP)


@dataclass
class QuestionResult:
    question: SurveyQuestion
    count: int = 0
    total: int = 0
    distribution: dict = field(default_factory=lambda: dict.fromkeys(range(1, 6), 0))
    yes: int = 0
    no: int = 0

    @property
    def average(self):
        return _average(self.total, self.count)

    @property
    def bars(self):
        """(score, count, share %) from 5 down to 1, for the distribution."""
        return [
            (n, self.distribution[n], rate(self.distribution[n], self.count))
            for n in (5, 4, 3, 2, 1)
        ]

    @property
    def yes_share(self):
        return rate(self.yes, self.yes + self.no)


@dataclass
class ServiceRow:
    service: str
    label: str
    average: Decimal | None
    count: int
    last_average: Decimal | None = None

    @property
    def change(self):
        if self.average is None or self.last_average is None:
            return None
        return self.average - self.last_average


@dataclass
class SurveyResults:
    survey: Survey
    target: Decimal
    total: RateRow
    paper: int
    phone: int
    by_building: list
    by_area: list
    questions: list
    services: list
    previous: Survey | None = None
    previous_rate: Decimal | None = None
    free_texts: list = field(default_factory=list)


def survey_counts(survey) -> tuple[int, int]:
    """(sheets, answered) of the survey: one query."""
    counts = SurveySheet.objects.filter(survey=survey).aggregate(
        sheets=Count("pk"), returned=Count("response")
    )
    return counts["sheets"], counts["returned"]


def previous_survey(survey):
    """The estate's survey before this one, with its sheets and its returned sheets counted
    (`sheet_count`, `returned`): one query."""
    sheets = SurveySheet.objects.filter(survey=OuterRef("pk"))
    return (
        Survey.objects.filter(estate_id=survey.estate_id, starts_on__lt=survey.starts_on)
        .annotate(
            sheet_count=_count(sheets), returned=_count(sheets.filter(response__isnull=False))
        )
        .order_by("-starts_on", "-pk")
        .first()
    )


def survey_results(survey, *, no_area_label: str, free_text_rows=FREE_TEXT_ROWS):
    """Everything the results page and its workbook show. (7 queries, whatever the size.)"""
    target = return_target(survey.estate)
    per_building = (
        SurveySheet.objects.filter(survey=survey)
        .values("unit__building_id", "unit__building__number", "unit__building__sort_key")
        .annotate(
            sheets=Count("pk"),
            returned=Count("response"),
            paper=Count("response", filter=Q(response__channel=SurveyResponse.Channel.PAPER)),
            phone=Count("response", filter=Q(response__channel=SurveyResponse.Channel.PHONE)),
        )
        .order_by("unit__building__sort_key", "unit__building__number")
    )
    areas = _area_names(survey.estate)
    total = RateRow(label="", key="total", target=target)
    by_building, by_area = [], {}
    paper = phone = 0  # the answers by channel, from the same lines
    for line in per_building:
        paper += line["paper"]
        phone += line["phone"]
        building = RateRow(
            label=line["unit__building__number"],
            key=str(line["unit__building_id"]),
            whole=line["sheets"],
            part=line["returned"],
            target=target,
        )
        by_building.append(building)
        key, name = areas.get(line["unit__building_id"], ("none", no_area_label))
        area = by_area.setdefault(key, RateRow(label=name, key=key, target=target))
        for row in (area, total):
            row.whole += line["sheets"]
            row.part += line["returned"]
    previous = previous_survey(survey)
    surveys = [survey.pk, previous.pk] if previous else [survey.pk]
    # This survey's questions and the last one's, then their answers counted per question
    # in one pass (a question is its survey's: no join to the responses).
    asked = list(SurveyQuestion.objects.filter(survey__in=surveys))
    questions = {q.pk: QuestionResult(question=q) for q in asked if q.survey_id == survey.pk}
    last_questions = {q.pk: q for q in asked if q.survey_id != survey.pk}
    counts = (
        SurveyAnswer.objects.filter(question__in=[q.pk for q in asked])
        .filter(Q(score__isnull=False) | Q(yes__isnull=False))
        .values("question_id", "score")
        .annotate(n=Count("pk"), yeses=Count("pk", filter=Q(yes=True)))
        .order_by()
    )
    last_scores: dict = {}
    for line in counts:
        n, score = line["n"], line["score"]
        last_question = last_questions.get(line["question_id"])
        if last_question is not None:
            if score is not None and last_question.kind == SurveyQuestion.Kind.SCORE:
                sums = last_scores.setdefault(last_question.service, [0, 0])
                sums[0] += score * n
                sums[1] += n
            continue
        result = questions[line["question_id"]]
        if score is not None:
            result.distribution[score] += n
            result.count += n
            result.total += score * n
        else:
            result.count += n
            result.yes += line["yeses"]
            result.no += n - line["yeses"]
    last = {service: (_average(*sums), sums[1]) for service, sums in last_scores.items()}
    services = []
    for value, label in Service.choices:
        results = [
            r
            for r in questions.values()
            if r.question.kind == SurveyQuestion.Kind.SCORE and r.question.service == value
        ]
        if not results and value not in last:
            continue
        count = sum(r.count for r in results)
        services.append(
            ServiceRow(
                service=value,
                label=str(label),
                average=_average(sum(r.total for r in results), count),
                count=count,
                last_average=last.get(value, (None, 0))[0],
            )
        )
    free_texts = list(
        SurveyAnswer.objects.filter(response__survey=survey)
        .exclude(text="")
        .select_related("question", "response__sheet__unit__building")
        .order_by("-response__received_at", "-pk")[:free_text_rows]
    )
    return SurveyResults(
        survey=survey,
        target=target,
        total=total,
        paper=paper,
        phone=phone,
        by_building=by_building,
        by_area=sorted(by_area.values(), key=lambda r: (r.key == "none", r.label)),
        questions=list(questions.values()),
        services=services,
        previous=previous,
        previous_rate=rate(previous.returned, previous.sheet_count) if previous else None,
        free_texts=free_texts,
    )


_CLOSED_LAST = Case(
    When(answered_at__isnull=True, complaint__isnull=True, work_order__isnull=True, then=Value(0)),
    default=Value(1),
)


LOW_SCORE_ROWS = 20  # a page of the results' low scores


def low_score_page(survey, number=1, per_page=None):
    """A page of the opinions the survey's low scores became, the open ones first, with
    their count (`page.paginator.count`). (2 queries: the count, the page's opinions; and one
    each for the complaints and the work orders they became, when there are)"""
    # The page's opinions chosen first, on the opinions alone; their units, answers and
    # questions joined to those rows only, not to every opinion of the survey.
    chosen = (
        Opinion.objects.filter(survey_answer__response__survey=survey)
        .annotate(closed=_CLOSED_LAST)
        .order_by("closed", "answer_due", "pk")
        .values_list("pk", flat=True)
    )
    page = Paginator(chosen, per_page or LOW_SCORE_ROWS).get_page(number)
    page.object_list = list(
        Opinion.objects.filter(pk__in=page.object_list)  # the page's slice, as a subquery
        .select_related("unit__building", "answered_by", "survey_answer__question")
        # The cases apart: a join of every complaint and work order would be planned first.
        .prefetch_related("complaint", "work_order")
        .annotate(closed=_CLOSED_LAST)
        .order_by("closed", "answer_due", "pk")
    )
    return page


def _count(qs):
    return Coalesce(
        Subquery(qs.order_by().values("survey").annotate(n=Count("pk")).values("n")[:1]),
        Value(0),
    )


def surveys_for_list(user):
    """The surveys of the user's estates, each with its sheets and answers counted."""
    return (
        Survey.objects.for_user(user)
        .select_related("estate", "area")
        .annotate(
            sheet_count=_count(SurveySheet.objects.filter(survey=OuterRef("pk"))),
            answered=_count(SurveyResponse.objects.filter(survey=OuterRef("pk"))),
        )
        .order_by("-starts_on", "-pk")
    )


def unit_survey_answers(unit, limit=5):
    """The unit page's survey answers: the latest, with their survey and answers (2 queries)."""
    return list(
        SurveyResponse.objects.filter(sheet__unit=unit)
        .select_related("survey", "entered_by")
        .prefetch_related("answers__question")
        .order_by("-received_at", "-pk")[:limit]
    )
