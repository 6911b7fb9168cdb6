"""The survey forms: a manager's new survey, staff's keyboard entry of a returned sheet,
and the resident's answer on a phone."""

from django import forms
from django.utils.translation import gettext_lazy as _

from desk.models import Estate
from tenants.models import Area, Building
from visits.models import Service, Survey, SurveyQuestion
from visits.survey_services import QuestionSpec

YES = {"y", "yes", "1", "是", "t"}
NO = {"n", "no", "0", "否", "f"}
DEFAULT_YES_NO = (
    "您是否愿意向亲友推荐本小区的物业服务？ | Would you recommend our property services?"
)
DEFAULT_TEXT = "您对我们的服务还有什么意见和建议？ | Any other opinions or suggestions?"


def _lines(value):
    """One question a line, its English after a "|": [(text, text_en)]."""
    rows = []
    for line in value.splitlines():
        text, _sep, english = line.partition("|")
        if text.strip():
            rows.append((text.strip(), english.strip()))
    return rows


class SurveyForm(forms.Form):
    estate = forms.ModelChoiceField(label=_("Estate"), queryset=Estate.objects.none())
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_on = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("Until"), widget=forms.DateInput(attrs={"type": "date"}))
    scope = forms.ChoiceField(
        label=_("Households"),
        choices=Survey.Scope.choices,
        initial=Survey.Scope.ESTATE,
        widget=forms.RadioSelect,
    )
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.none(), required=False)
    buildings = forms.ModelMultipleChoiceField(
        label=_("Buildings"),
        queryset=Building.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    services = forms.MultipleChoiceField(
        label=_("Satisfaction (1–5) with"),
        choices=Service.choices,
        initial=Service.values,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    yes_no = forms.CharField(
        label=_("Yes / no questions"),
        required=False,
        initial=DEFAULT_YES_NO,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One a line; the English wording after a |, if you like."),
    )
    free_text = forms.CharField(
        label=_("Free-text questions"),
        required=False,
        initial=DEFAULT_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One a line; the English wording after a |, if you like."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        estates = Estate.objects.for_user(user).order_by("name")
        self.fields["estate"].queryset = estates
        only = list(estates[:2])
        if len(only) == 1:
            self.fields["estate"].initial = only[0].pk
            self.fields["estate"].widget = forms.HiddenInput()
        self.fields["area"].queryset = Area.objects.for_user(user).order_by("estate", "name")
        self.fields["buildings"].queryset = (
            Building.objects.filter(estate__in=estates)
            .select_related("estate")
            .order_by("estate", "sort_key", "number")
        )

    def clean(self):
        data = super().clean()
        estate = data.get("estate")
        scope = data.get("scope")
        if estate is not None and scope == Survey.Scope.AREA:
            area = data.get("area")
            if area is None or area.estate_id != estate.pk:
                self.add_error("area", _("Choose an area of this estate."))
        if estate is not None and scope == Survey.Scope.BUILDINGS:
            chosen = list(data.get("buildings") or [])
            if not chosen or any(b.estate_id != estate.pk for b in chosen):
                self.add_error("buildings", _("Choose one or more buildings of this estate."))
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The survey ends on or after the day it starts."))
        if not self.questions(data):
            self.add_error(None, _("Add at least one question."))
        return data

    def questions(self, data=None) -> list[QuestionSpec]:
        data = data if data is not None else self.cleaned_data
        specs = [
            QuestionSpec(kind=SurveyQuestion.Kind.SCORE, service=value)
            for value in Service.values
            if value in (data.get("services") or [])
        ]
        specs += [
            QuestionSpec(kind=SurveyQuestion.Kind.YES_NO, text=text, text_en=english)
            for text, english in _lines(data.get("yes_no", ""))
        ]
        specs += [
            QuestionSpec(kind=SurveyQuestion.Kind.TEXT, text=text, text_en=english)
            for text, english in _lines(data.get("free_text", ""))
        ]
        return specs


def _field_name(question):
    return f"q{question.pk}"


class _AnswerForm(forms.Form):
    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.questions = list(survey.questions.all())
        for question in self.questions:
            self.fields[_field_name(question)] = self.field_for(question)

    def answers(self) -> dict:
        """{question id: score (int), yes (bool) or text}; blank questions left out."""
        return {
            q.pk: self.cleaned_data.get(_field_name(q))
            for q in self.questions
            if self.cleaned_data.get(_field_name(q)) not in (None, "")
        }

    def question_fields(self):
        return [(q, self[_field_name(q)]) for q in self.questions]


class ScoreDigit(forms.CharField):
    """One key: 1 to 5, or nothing."""

    def clean(self, value):
        value = super().clean(value).strip()
        if not value:
            return None
        if value not in {"1", "2", "3", "4", "5"}:
            raise forms.ValidationError(_("Type a score from 1 to 5, or leave it blank."))
        return int(value)


class YesNoKey(forms.CharField):
    """One key: y / 1 / 是 for yes, n / 0 / 否 for no, or nothing."""

    def clean(self, value):
        value = super().clean(value).strip().lower()
        if not value:
            return None
        if value in YES:
            return True
        if value in NO:
            return False
        raise forms.ValidationError(_("Type y for yes or n for no, or leave it blank."))


class SheetEntryForm(_AnswerForm):
    """A returned paper sheet typed by staff: the code, then one key per question."""

    code = forms.CharField(
        label=_("Sheet code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "off", "inputmode": "numeric"}
        ),
    )

    def field_for(self, question):
        label = question.label
        if question.kind == SurveyQuestion.Kind.SCORE:
            return ScoreDigit(
                label=label,
                required=False,
                max_length=1,
                widget=forms.TextInput(
                    attrs={
                        "inputmode": "numeric",
                        "autocomplete": "off",
                        "maxlength": 1,
                        "class": "form-control survey-key",
                        "data-next": "1",
                    }
                ),
            )
        if question.kind == SurveyQuestion.Kind.YES_NO:
            return YesNoKey(
                label=label,
                required=False,
                max_length=3,
                widget=forms.TextInput(
                    attrs={
                        "autocomplete": "off",
                        "maxlength": 3,
                        "class": "form-control survey-key",
                    }
                ),
                help_text=_("y / n"),
            )
        return forms.CharField(
            label=label, required=False, widget=forms.Textarea(attrs={"rows": 2})
        )


SCORE_CHOICES = [
    (5, _("5 · Very satisfied")),
    (4, _("4 · Satisfied")),
    (3, _("3 · Fair")),
    (2, _("2 · Dissatisfied")),
    (1, _("1 · Very dissatisfied")),
]


class PhoneAnswerForm(_AnswerForm):
    """The resident's answer on a phone: a thumb's tap per question."""

    def field_for(self, question):
        label = question.label
        if question.kind == SurveyQuestion.Kind.SCORE:
            return forms.TypedChoiceField(
                label=label,
                required=False,
                choices=SCORE_CHOICES,
                coerce=int,
                empty_value=None,
                widget=forms.RadioSelect,
            )
        if question.kind == SurveyQuestion.Kind.YES_NO:
            return forms.TypedChoiceField(
                label=label,
                required=False,
                choices=[("yes", _("Yes")), ("no", _("No"))],
                coerce=lambda value: value == "yes",
                empty_value=None,
                widget=forms.RadioSelect,
            )
        return forms.CharField(
            label=label,
            required=False,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 3}),
        )
