"""The surveys: the list, a manager's new survey, the results and their workbook, and the
keyboard entry of returned sheets."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from desk.errors import BusinessRuleError
from desk.scoping import get_scoped_or_404
from visits import survey_exports, survey_results, survey_services
from visits.models import Survey
from visits.survey_forms import SheetEntryForm, SurveyForm

VIEW, ADD, ENTER = "visits.view_survey", "visits.add_survey", "visits.add_surveyresponse"
PAGE_SIZE = 50


def survey_for_page(user, pk):
    return get_scoped_or_404(Survey.objects.select_related("estate", "area"), user, pk=pk)


@login_required
@permission_required(VIEW, raise_exception=True)
def survey_list(request):
    page = Paginator(survey_results.surveys_for_list(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "visits/survey_list.html",
        {"page_obj": page, "object_list": page.object_list, "is_paginated": page.has_other_pages()},
    )


@login_required
@permission_required(ADD, raise_exception=True)
def survey_new(request):
    form = SurveyForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            survey = survey_services.survey_create(
                estate=data["estate"],
                title=data["title"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                scope=data["scope"],
                area=data.get("area"),
                buildings=data.get("buildings") or [],
                questions=form.questions(),
                by=request.user,
            )
        except BusinessRuleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Survey created with %(count)s sheets.") % {"count": survey.sheets.count()},
            )
            return redirect("visits:survey_detail", pk=survey.pk)
    return render(request, "visits/survey_form.html", {"form": form})


def _results(survey):
    return survey_results.survey_results(survey, no_area_label=_("In no area"))


@login_required
@permission_required(VIEW, raise_exception=True)
def survey_detail(request, pk):
    survey = survey_for_page(request.user, pk)
    return render(
        request,
        "visits/survey_detail.html",
        {
            "survey": survey,
            "results": _results(survey),
            "opinions": survey_results.low_score_page(survey, request.GET.get("page")),
            "now": timezone.now(),
        },
    )


@login_required
@permission_required(VIEW, raise_exception=True)
def survey_export(request, pk):
    survey = survey_for_page(request.user, pk)
    results = survey_results.survey_results(
        survey, no_area_label=_("In no area"), free_text_rows=None
    )
    return survey_exports.results_xlsx(results, f"survey-{survey.pk}.xlsx")


@login_required
@permission_required(ENTER, raise_exception=True)
def survey_entry(request, pk):
    """One returned sheet after another: the code, a key per question, Enter."""
    survey = survey_for_page(request.user, pk)
    form = SheetEntryForm(request.POST or None, survey=survey)
    if request.method == "POST" and form.is_valid():
        try:
            response = survey_services.response_enter(
                survey=survey,
                code=form.cleaned_data["code"],
                answers=form.answers(),
                by=request.user,
            )
        except BusinessRuleError as exc:
            form.add_error("code", str(exc))
        else:
            messages.success(request, _("Sheet %(code)s entered.") % {"code": response.sheet.code})
            return redirect(reverse("visits:survey_entry", args=[survey.pk]))
    sheets, returned = survey_results.survey_counts(survey)
    return render(
        request,
        "visits/survey_entry.html",
        {"survey": survey, "form": form, "sheets": sheets, "returned": returned},
    )
