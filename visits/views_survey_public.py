"""The resident's survey page, opened from the link printed on their sheet: no login, a
signed token for that one sheet; it shows the survey's questions and nothing of the unit,
takes one answer, then closes."""

from django.shortcuts import render
from django.views.decorators.cache import never_cache

from desk.errors import BusinessRuleError
from visits import survey_services
from visits.survey_forms import PhoneAnswerForm
from visits.survey_services import TokenRefused

# A refused link: not valid (tampered, another household's) or no longer open.
STATUS = {"invalid": 403, "other_unit": 403, "used": 410, "closed": 410}


def _refused(request, exc):
    return render(
        request,
        "visits/survey_public_closed.html",
        {"message": str(exc), "reason": exc.code},
        status=STATUS.get(exc.code, 403),
    )


@never_cache
def survey_answer(request, code, token):
    try:
        opened = survey_services.sheet_for_token(code, token)
    except TokenRefused as exc:
        return _refused(request, exc)
    form = PhoneAnswerForm(request.POST or None, survey=opened.survey)
    if request.method == "POST" and form.is_valid():
        try:
            survey_services.response_from_phone(code=code, token=token, answers=form.answers())
        except TokenRefused as exc:
            return _refused(request, exc)
        except BusinessRuleError as exc:
            form.add_error(None, str(exc))
        else:
            return render(request, "visits/survey_public_thanks.html", {"survey": opened.survey})
    return render(request, "visits/survey_public.html", {"survey": opened.survey, "form": form})
