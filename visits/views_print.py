"""The survey sheets (征询意见调查表): one A4 page per household, in Chinese and English
(the register keeps no language for residents), with the sheet's code for the desk and the
link for answering on a phone."""

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from desk.printing import cell, heading, row, tick_boxes
from visits.models import SurveyQuestion, SurveySheet
from visits.survey_forms import SCORE_CHOICES
from visits.survey_services import sheet_token
from visits.views_surveys import VIEW, survey_for_page

SHEET_LANGUAGES = ("zh-hans", "en")


def both(text_of) -> str:
    """`text_of()` in Chinese, then English: "满意 / Satisfied" (once when they agree)."""
    words = []
    for language in SHEET_LANGUAGES:
        with translation.override(language):
            word = str(text_of())
        if word not in words:
            words.append(word)
    return " / ".join(words)


def _question_rows(questions):
    rows = []
    scores = [(value, both(lambda label=label: label)) for value, label in SCORE_CHOICES]
    yes_no = [("yes", both(lambda: _("Yes"))), ("no", both(lambda: _("No")))]
    for number, question in enumerate(questions, start=1):
        label = f"{number}. {both(lambda q=question: q.label)}"
        if question.kind == SurveyQuestion.Kind.SCORE:
            rows.append(row(cell(label, ticks=tick_boxes(scores))))
        elif question.kind == SurveyQuestion.Kind.YES_NO:
            rows.append(row(cell(label, ticks=tick_boxes(yes_no))))
        else:
            rows.append(row(cell(label, lines=3)))
    return rows


@login_required
@permission_required(VIEW, raise_exception=True)
def survey_sheets(request, pk):
    """The survey's sheets, or one building's (`?building=`), one page each."""
    survey = survey_for_page(request.user, pk)
    sheets = SurveySheet.objects.filter(survey=survey).select_related("unit__building")
    building = request.GET.get("building", "")
    if building.isdigit():
        sheets = sheets.filter(unit__building_id=int(building))
    questions = list(survey.questions.all())
    question_rows = _question_rows(questions)
    period = f"{survey.starts_on:%Y-%m-%d} – {survey.ends_on:%Y-%m-%d}"
    pages = []
    for sheet in sheets.order_by("code"):
        link = request.build_absolute_uri(
            reverse("visits:survey_answer", args=[sheet.code, sheet_token(sheet)])
        )
        pages.append(
            {
                "sheet": sheet,
                "rows": [
                    row(
                        cell(both(lambda: _("Unit")), sheet.unit.label),
                        cell(both(lambda: _("Answer by")), f"{survey.ends_on:%Y-%m-%d}"),
                    ),
                    heading(both(lambda: _("Please tick one box for each question"))),
                    *question_rows,
                    heading(both(lambda: _("Or answer on your phone"))),
                    row(cell(both(lambda: _("Link")), link)),
                ],
                "link": link,
            }
        )
    return render(
        request,
        "print/visits_survey_sheets.html",
        {
            "survey": survey,
            "pages": pages,
            "form_title": both(lambda: _("Opinion survey")),
            "intro": both(
                lambda: _(
                    "Dear resident, to serve you better we ask for your opinion of our "
                    "services. Return this sheet to the service desk, or answer once on "
                    "your phone through the link below: one answer per household."
                )
            ),
            "period": period,
            "signatures": [both(lambda: _("Date returned"))],
            "back_url": reverse("visits:survey_detail", args=[survey.pk]),
        },
    )
