"""Every write of the surveys: building one with its sheets, and recording a household's
answer from its paper sheet (against the sheet's code) or from its phone (through the
sheet's signed link). A household answers once, whichever way comes first; its low scores
(1-2) become opinions to answer (services.opinion_answer and the rest, as a visit's)."""

import datetime
from dataclasses import dataclass

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from desk.clock import estate_today
from desk.errors import BusinessRuleError
from tenants.models import Area, Occupancy, Unit
from visits.models import (
    Opinion,
    Service,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
    SurveySheet,
)
from visits.services import visit_settings_row

TOKEN_SALT = "visits.survey-sheet"
LOW_SCORES = (1, 2)
# The opinion category a low score of each service is filed under.
SERVICE_CATEGORY = {
    Service.FRONT_DESK: Opinion.Category.SERVICE,
    Service.CLEANING: Opinion.Category.CLEANING,
    Service.SECURITY: Opinion.Category.SECURITY,
    Service.REPAIRS: Opinion.Category.REPAIRS,
    Service.GREENING: Opinion.Category.GREENING,
    Service.FEES: Opinion.Category.FEES,
}


# Codes ---------------------------------------------------------------------------------


def _check_digit(digits: str) -> str:
    """The Luhn digit of `digits`: one mistyped digit, or two swapped, is caught."""
    total = 0
    for i, char in enumerate(reversed(digits)):
        d = int(char)
        if i % 2 == 0:
            d *= 2
            d = d - 9 if d > 9 else d
        total += d
    return str((10 - total % 10) % 10)


def sheet_code(survey_id: int, number: int, width: int = 3) -> str:
    """`<survey>-<sheet number><check digit>`, e.g. 7-0153: digits only, for a number pad."""
    body = f"{number:0{width}d}"
    return f"{survey_id}-{body}{_check_digit(f'{survey_id}{body}')}"


def normalise_code(typed: str) -> str:
    """The code as typed (spaces, a full-width or long dash) in the stored form."""
    code = "".join(typed.split())
    for dash in ("－", "—", "–", "_", ".", "/"):
        code = code.replace(dash, "-")
    return code


def code_is_well_formed(code: str) -> bool:
    survey, _sep, rest = code.partition("-")
    if not (survey.isdigit() and rest.isdigit() and len(rest) >= 2):
        return False
    return _check_digit(survey + rest[:-1]) == rest[-1]


# Tokens --------------------------------------------------------------------------------


def sheet_token(sheet: SurveySheet) -> str:
    """The signed token of the sheet's phone link: it names the sheet and its unit."""
    return signing.Signer(salt=TOKEN_SALT).sign_object({"s": sheet.pk, "u": sheet.unit_id})


class TokenRefused(BusinessRuleError):
    """The phone link cannot be answered; `code` says why (for the page's status)."""

    def __init__(self, message, code):
        super().__init__(message)
        self.code = code


class AlreadyAnswered(BusinessRuleError):
    """The household's answer is in already (the sheet's one response)."""


@dataclass(frozen=True)
class OpenSheet:
    sheet: SurveySheet
    survey: Survey


def sheet_for_token(code: str, token: str) -> OpenSheet:
    """The sheet a phone link may answer, or TokenRefused: a tampered token, a token of
    another household's sheet, a sheet answered already, a survey not open today."""
    try:
        payload = signing.Signer(salt=TOKEN_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError):
        raise TokenRefused(
            _("This link is not valid. Check it against the one printed on your survey sheet."),
            "invalid",
        ) from None
    sheet = (
        SurveySheet.objects.select_related("survey__estate")
        .filter(code=normalise_code(code))
        .first()
    )
    if sheet is None or not isinstance(payload, dict):
        raise TokenRefused(
            _("This link is not valid. Check it against the one printed on your survey sheet."),
            "invalid",
        )
    if payload.get("s") != sheet.pk or payload.get("u") != sheet.unit_id:
        raise TokenRefused(
            _("This link belongs to another household's survey sheet."), "other_unit"
        )
    _refuse_closed(sheet)
    return OpenSheet(sheet=sheet, survey=sheet.survey)


def _refuse_closed(sheet):
    if SurveyResponse.objects.filter(sheet=sheet).exists():
        raise TokenRefused(
            _("This survey sheet has been answered already. Thank you for taking part."), "used"
        )
    survey = sheet.survey
    today = estate_today(survey.estate)
    if today < survey.starts_on:
        raise TokenRefused(
            _("This survey opens on %(day)s.") % {"day": survey.starts_on.isoformat()}, "closed"
        )
    if today > survey.ends_on:
        raise TokenRefused(_("This survey has closed. Thank you all the same."), "closed")


# Building a survey ---------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionSpec:
    kind: str
    service: str = ""
    text: str = ""
    text_en: str = ""


def survey_units(estate, scope: str, *, area=None, buildings=()):
    """The households a survey goes to: the units of its scope with a current occupant."""
    units = Unit.objects.filter(
        estate=estate,
        pk__in=Occupancy.objects.filter(move_out__isnull=True).values("unit_id"),
    )
    if scope == Survey.Scope.AREA:
        units = units.filter(building__area_membership__area=area)
    elif scope == Survey.Scope.BUILDINGS:
        units = units.filter(building__in=list(buildings))
    return units.order_by("building__sort_key", "building__number", "sort_key", "number")


def _check_questions(questions):
    if not questions:
        raise BusinessRuleError(_("Add at least one question."))
    for q in questions:
        if q.kind not in SurveyQuestion.Kind.values:
            raise BusinessRuleError(_("Choose the kind of each question."))
        if q.kind == SurveyQuestion.Kind.SCORE and q.service not in Service.values:
            raise BusinessRuleError(_("Choose the service each satisfaction question is about."))
        if q.kind != SurveyQuestion.Kind.SCORE and not q.text.strip():
            raise BusinessRuleError(_("Write the wording of each yes / no or free-text question."))


@transaction.atomic
def survey_create(
    *,
    estate,
    title: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    scope: str,
    questions: list[QuestionSpec],
    by,
    area: Area | None = None,
    buildings=(),
) -> Survey:
    """A survey of the estate's households in `scope`, with one sheet (and code) each."""
    if not title.strip():
        raise BusinessRuleError(_("Give the survey a title."))
    if ends_on < starts_on:
        raise BusinessRuleError(_("The survey ends on or after the day it starts."))
    if scope not in Survey.Scope.values:
        raise BusinessRuleError(_("Choose which households the survey goes to."))
    buildings = list(buildings)
    if scope == Survey.Scope.AREA and (area is None or area.estate_id != estate.pk):
        raise BusinessRuleError(_("Choose an area of this estate."))
    if scope == Survey.Scope.BUILDINGS and (
        not buildings or any(b.estate_id != estate.pk for b in buildings)
    ):
        raise BusinessRuleError(_("Choose one or more buildings of this estate."))
    if not estate.staff.filter(pk=by.pk).exists() and not by.is_superuser:
        raise BusinessRuleError(_("You do not work in this estate."))
    _check_questions(questions)
    units = list(
        survey_units(estate, scope, area=area, buildings=buildings).values_list("pk", flat=True)
    )
    if not units:
        raise BusinessRuleError(_("No household lives in the units chosen."))
    survey = Survey.objects.create(
        estate=estate,
        title=title.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        scope=scope,
        area=area if scope == Survey.Scope.AREA else None,
        created_by=by,
    )
    if scope == Survey.Scope.BUILDINGS:
        survey.buildings.set(buildings)
    SurveyQuestion.objects.bulk_create(
        [
            SurveyQuestion(
                survey=survey,
                position=i,
                kind=q.kind,
                service=q.service if q.kind == SurveyQuestion.Kind.SCORE else "",
                text=q.text.strip(),
                text_en=q.text_en.strip(),
            )
            for i, q in enumerate(questions, start=1)
        ]
    )
    sheets_create(survey, units)
    return survey


def sheets_create(survey, unit_ids) -> list[SurveySheet]:
    width = max(3, len(str(len(unit_ids))))
    return SurveySheet.objects.bulk_create(
        [
            SurveySheet(
                survey=survey,
                estate_id=survey.estate_id,
                unit_id=unit_id,
                code=sheet_code(survey.pk, n, width),
            )
            for n, unit_id in enumerate(unit_ids, start=1)
        ],
        batch_size=2000,
    )


# Answers -------------------------------------------------------------------------------


def _clean_answers(survey, answers: dict) -> list[SurveyAnswer]:
    """{question id: value} → unsaved answers; an empty value is a question left blank."""
    rows = []
    for question in survey.questions.all():
        value = answers.get(question.pk)
        if value in (None, ""):
            continue
        if question.kind == SurveyQuestion.Kind.SCORE:
            if value not in (1, 2, 3, 4, 5):
                raise BusinessRuleError(_("A satisfaction score is 1 to 5."))
            rows.append(SurveyAnswer(question=question, score=value))
        elif question.kind == SurveyQuestion.Kind.YES_NO:
            if not isinstance(value, bool):
                raise BusinessRuleError(_("Answer yes or no."))
            rows.append(SurveyAnswer(question=question, yes=value))
        else:
            rows.append(SurveyAnswer(question=question, text=str(value).strip()))
    if not rows:
        raise BusinessRuleError(_("The sheet has no answer: leave it out of the count."))
    return rows


def _record(sheet, survey, answers, channel, by, at):
    rows = _clean_answers(survey, answers)
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(
                sheet=sheet,
                survey=survey,
                estate_id=sheet.estate_id,
                channel=channel,
                received_at=at,
                entered_by=by,
            )
    except IntegrityError:
        raise AlreadyAnswered(
            _("This household has answered already: its answer counts once.")
        ) from None
    for row in rows:
        row.response = response
    SurveyAnswer.objects.bulk_create(rows)
    _low_scores_to_opinions(sheet, rows, at)
    return response


def _low_scores_to_opinions(sheet, rows, at):
    due = at + datetime.timedelta(days=visit_settings_row(sheet.survey.estate).answer_days)
    Opinion.objects.bulk_create(
        [
            Opinion(
                estate_id=sheet.estate_id,
                unit_id=sheet.unit_id,
                survey_answer=row,
                category=SERVICE_CATEGORY[row.question.service],
                raised_at=at,
                answer_due=due,
            )
            for row in rows
            if row.score in LOW_SCORES
        ]
    )


@transaction.atomic
def response_enter(*, survey: Survey, code: str, answers: dict, by) -> SurveyResponse:
    """The answers of a returned paper sheet, typed by staff against its code."""
    code = normalise_code(code)
    if not code_is_well_formed(code):
        raise BusinessRuleError(_("This code is mistyped: check it on the sheet."))
    sheet = SurveySheet.objects.select_related("survey__estate").filter(code=code).first()
    if sheet is None or sheet.survey_id != survey.pk:
        raise BusinessRuleError(_("This code is not a sheet of this survey."))
    return _record(sheet, survey, answers, SurveyResponse.Channel.PAPER, by, timezone.now())


@transaction.atomic
def response_from_phone(*, code: str, token: str, answers: dict) -> SurveyResponse:
    """A resident's answer through the sheet's link: no login; refused as the page is."""
    opened = sheet_for_token(code, token)
    try:
        return _record(
            opened.sheet,
            opened.survey,
            answers,
            SurveyResponse.Channel.PHONE,
            None,
            timezone.now(),
        )
    except AlreadyAnswered:
        raise TokenRefused(
            _("This survey sheet has been answered already. Thank you for taking part."),
            "used",
        ) from None
