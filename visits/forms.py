from django import forms
from django.utils.translation import gettext_lazy as _

from complaints.models import Complaint
from desk.clock import estate_now
from desk.models import Estate
from tenants.models import Resident, Unit
from tenants.unit_labels import find_unit, parse_unit_label
from visits.models import Opinion, Visit
from workorders.models import Priority, Trade

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
OPINION_LINES = 3


def unit_occupants(unit):
    return Resident.objects.filter(
        occupancies__unit=unit, occupancies__move_out__isnull=True
    ).distinct()


class UnitFindForm(forms.Form):
    """The unit typed as staff say it (3-1502), in one of the user's estates."""

    estate = forms.ModelChoiceField(
        label=_("Estate"), queryset=Estate.objects.none(), required=False
    )
    unit_label = forms.CharField(
        label=_("Unit"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True}),
        help_text=_("As staff say it, e.g. 3-1502."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        estates = Estate.objects.for_user(user)
        self.fields["estate"].queryset = estates
        only = list(estates[:2])
        self.only_estate = only[0] if len(only) == 1 else None
        if self.only_estate is not None:  # the usual rep: one estate, nothing to choose
            self.fields["estate"].initial = self.only_estate.pk
            self.fields["estate"].widget = forms.HiddenInput()

    def clean(self):
        data = super().clean()
        label = data.get("unit_label", "").strip()
        estate = data.get("estate") or self.only_estate
        if estate is None:
            self.add_error("estate", _("Choose the estate."))
        if label and parse_unit_label(label) is None:
            self.add_error("unit_label", _("Write the unit as building-room, e.g. 3-1502."))
        elif label and estate is not None:
            units = Unit.objects.filter(estate=estate).select_related("building", "estate")
            data["unit"] = find_unit(units, label)
            if data["unit"] is None:
                self.add_error("unit_label", _("There is no such unit in this estate."))
        return data


class VisitForm(forms.Form):
    met = forms.ModelChoiceField(
        label=_("Who was met"),
        queryset=Resident.objects.none(),
        required=False,
        empty_label=_("Nobody home"),
        blank=True,
        widget=forms.RadioSelect,
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Visit.Kind.choices)
    at = forms.DateTimeField(
        label=_("Time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
        input_formats=[DATETIME_FORMAT],
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["met"].queryset = unit_occupants(unit).order_by("name")
        if not self.is_bound:
            self.fields["at"].initial = estate_now(unit.estate).replace(second=0, microsecond=0)


class OpinionLineForm(forms.Form):
    text = forms.CharField(
        label=_("Opinion or request"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", "—"), *Opinion.Category.choices]
    )

    def clean(self):
        data = super().clean()
        if data.get("text", "").strip() and not data.get("category"):
            self.add_error("category", _("Choose a category for each opinion."))
        return data


OpinionLines = forms.formset_factory(OpinionLineForm, extra=OPINION_LINES, max_num=10)


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("What was done or said"),
        widget=forms.Textarea(attrs={"rows": 2, "autofocus": True}),
    )


class ToComplaintForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Category"),
        choices=[("", "—"), *Complaint.Category.choices],
        widget=forms.Select(attrs={"autofocus": True}),
    )


class ToWorkOrderForm(forms.Form):
    trade = forms.ChoiceField(label=_("Trade"), choices=[("", "—"), *Trade.choices])
    priority = forms.ChoiceField(
        label=_("Priority"), choices=Priority.choices, initial=Priority.NORMAL
    )
