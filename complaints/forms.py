from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from complaints.models import Complaint
from complaints.services import assignee_token, handlers_of, ruling_token
from desk.clock import estate_today, user_today
from desk.models import Estate, User
from desk.widgets import DayInput, FilterSelect
from tenants.models import Resident, Unit
from tenants.unit_labels import find_unit, parse_unit_label


def unit_occupants(unit):
    return Resident.objects.filter(
        occupancies__unit=unit, occupancies__move_out__isnull=True
    ).distinct()


# htmx: typing the unit refreshes the resident choices with the unit's occupants. Leaving
# the unit field (its `change`) refreshes them again: the pick is sent along and kept.
OCCUPANT_LOOKUP = {
    "hx-get": reverse_lazy("complaints:occupants"),
    "hx-trigger": "keyup changed delay:400ms, change",
    "hx-target": "#div_id_resident",
    "hx-swap": "outerHTML",
    "hx-include": "[name=estate],[name=unit_label],[name=resident]",
}


class HandlerChoiceField(forms.ModelChoiceField):
    """Staff who handle complaints (`handlers_of`), each with the cases they have open."""

    def label_from_instance(self, obj):
        return ngettext(
            "%(name)s · %(count)d open", "%(name)s · %(count)d open", obj.open_complaints
        ) % {"name": obj.display_name, "count": obj.open_complaints}


class IntakeForm(forms.Form):
    """The one screen a receptionist fills while on the phone."""

    channel = forms.ChoiceField(
        label=_("Channel"), choices=Complaint.Channel.choices, initial=Complaint.Channel.PHONE
    )
    estate = forms.ModelChoiceField(
        label=_("Estate"),
        queryset=Estate.objects.none(),
        widget=forms.Select(attrs=OCCUPANT_LOOKUP),
    )
    unit_label = forms.CharField(
        label=_("Unit"),
        required=False,
        max_length=32,
        widget=forms.TextInput(attrs=OCCUPANT_LOOKUP | {"autofocus": True}),
        help_text=_("As staff say it, e.g. 3-1502. Leave empty for a public area."),
    )
    resident = forms.ModelChoiceField(
        label=_("Resident"),
        queryset=Resident.objects.none(),
        required=False,
        help_text=_("One of the unit's occupants; or leave empty and write a name below."),
    )
    # A picked resident fills both: the keyboard skips them then (desk.js, data-skip-if).
    complainant_name = forms.CharField(
        label=_("Name (visitor)"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"data-skip-if": "resident"}),
    )
    complainant_phone = forms.CharField(
        label=_("Phone"),
        max_length=32,
        required=False,
        widget=forms.TextInput(attrs={"data-skip-if": "resident"}),
    )
    subject = forms.CharField(label=_("About (what or whom)"), max_length=200)
    # No default: a category picked for the receptionist would misfile every rushed call.
    category = forms.ChoiceField(
        label=_("Category"), choices=[("", "—"), *Complaint.Category.choices]
    )
    description = forms.CharField(
        label=_("What happened"), widget=forms.Textarea(attrs={"rows": 4})
    )
    occurred_on = forms.DateField(label=_("Happened on"), widget=DayInput())
    assignee = HandlerChoiceField(
        label=_("Assign to"),
        queryset=User.objects.none(),
        required=False,
        widget=FilterSelect(name_of=lambda user: user.display_name),
        help_text=_("Type a name, its pinyin or initials (zw: 张伟)."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        estates = Estate.objects.for_user(user)
        self.fields["estate"].queryset = estates
        self.fields["occurred_on"].initial = user_today(user)
        only = list(estates[:2])
        if len(only) == 1:  # the usual desk: one estate, nothing to choose
            self.fields["occurred_on"].initial = estate_today(only[0])
            self.fields["estate"].initial = only[0].pk
            self.fields["estate"].widget = forms.HiddenInput()
        self.unit = None
        estate = self._estate_from_data(estates)
        if estate is not None:
            self.fields["assignee"].queryset = handlers_of(estate)
        self.unit = self._unit_from_data(estate)
        if self.unit is not None:
            self.fields["resident"].queryset = unit_occupants(self.unit)

    def _estate_from_data(self, estates):
        key = self.data.get("estate") if self.is_bound else self.fields["estate"].initial
        if not key:
            return None
        return estates.filter(pk=key).first() if str(key).isdigit() else None

    def _unit_from_data(self, estate):
        label = self.data.get("unit_label") if self.is_bound else self.initial.get("unit_label")
        if estate is None:
            return None
        units = Unit.objects.filter(estate=estate).select_related("building", "estate")
        return find_unit(units, label)

    def clean_unit_label(self):
        label = self.cleaned_data["unit_label"].strip()
        if label and parse_unit_label(label) is None:
            raise forms.ValidationError(_("Write the unit as building-room, e.g. 3-1502."))
        return label

    def clean_complainant_phone(self):
        phone = self.cleaned_data["complainant_phone"].strip().replace(" ", "").replace("-", "")
        if phone and not phone.lstrip("+").isdigit():
            raise forms.ValidationError(_("A phone number has digits only."))
        return phone

    def clean(self):
        data = super().clean()
        day, estate = data.get("occurred_on"), data.get("estate")
        if day and estate and day > estate_today(estate):
            self.add_error("occurred_on", _("The event cannot be in the future."))
        if data.get("unit_label") and data.get("estate") and self.unit is None:
            self.add_error("unit_label", _("There is no such unit in this estate."))
        resident = data.get("resident")
        if resident is None and not data.get("complainant_name", "").strip():
            self.add_error(
                "complainant_name", _("Pick the resident or write the complainant's name.")
            )
        if resident is not None:
            data["complainant_name"] = data.get("complainant_name") or resident.name
        return data


class PlanForm(forms.Form):
    plan = forms.CharField(
        label=_("Handling plan (told to the resident)"), widget=forms.Textarea(attrs={"rows": 3})
    )


class EmptyForm(forms.Form):
    pass


class SeenForm(forms.Form):
    """A step's form that carries, hidden, what its user saw of the complaint (`seen(...)`):
    the service refuses the step when someone else changed that meanwhile."""

    def __init__(self, *args, complaint=None, **kwargs):
        super().__init__(*args, **kwargs)
        if complaint is not None:
            self.initial.update(self.seen(complaint))

    def seen(self, complaint) -> dict:
        raise NotImplementedError


def _seen_field(field_class=forms.IntegerField, **kwargs):
    return field_class(required=False, widget=forms.HiddenInput, **kwargs)


class RuleForm(SeenForm):
    seen_ruling = _seen_field(forms.CharField, empty_value=None)
    validity = forms.ChoiceField(
        label=_("Validity"), choices=Complaint.Validity.choices, widget=forms.RadioSelect
    )
    severity = forms.ChoiceField(
        label=_("Severity (valid)"),
        choices=[("", "—"), *Complaint.Severity.choices],
        required=False,
    )
    invalid_kind = forms.ChoiceField(
        label=_("Kind (invalid)"),
        choices=[("", "—"), *Complaint.InvalidKind.choices],
        required=False,
    )
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def seen(self, complaint):
        return {"seen_ruling": ruling_token(complaint)}


class ResolveForm(forms.Form):
    resolution = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}))


class ReturnVisitForm(forms.Form):
    satisfaction = forms.TypedChoiceField(
        label=_("Satisfaction"),
        coerce=int,
        choices=[(i, str(i)) for i in range(5, 0, -1)],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class AssignForm(SeenForm):
    seen_assignee = _seen_field()
    assignee = HandlerChoiceField(label=_("Assign to"), queryset=User.objects.none())

    def __init__(self, *args, complaint, **kwargs):
        super().__init__(*args, complaint=complaint, **kwargs)
        self.fields["assignee"].queryset = handlers_of(complaint.estate)

    def seen(self, complaint):
        return {"seen_assignee": assignee_token(complaint)}


class EscalateForm(SeenForm):
    seen_level = _seen_field()
    reason = forms.CharField(label=_("Reason for escalating"), max_length=300)

    def seen(self, complaint):
        return {"seen_level": complaint.escalation_level}


class DayForm(forms.Form):
    estate = forms.ModelChoiceField(label=_("Estate"), queryset=Estate.objects.none())
    day = forms.DateField(
        label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["estate"].queryset = Estate.objects.for_user(user)


class MonthForm(forms.Form):
    estate = forms.ModelChoiceField(label=_("Estate"), queryset=Estate.objects.none())
    month = forms.RegexField(
        label=_("Month"),
        regex=r"^\d{4}-(0[1-9]|1[0-2])$",
        widget=forms.DateInput(attrs={"type": "month"}),
        error_messages={"invalid": _("Pick a month, e.g. 2026-03.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["estate"].queryset = Estate.objects.for_user(user)
