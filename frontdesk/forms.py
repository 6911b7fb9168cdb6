from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from complaints.models import Complaint
from desk.clock import estate_now, estate_today, local_time
from desk.models import Estate, User
from frontdesk.models import HandoverChecklist, Incident, LogEntry
from tenants.models import Building, Resident, Unit
from tenants.unit_labels import find_unit, parse_unit_label
from workorders.models import Department, Priority, Trade

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def unit_occupants(unit):
    return Resident.objects.filter(
        occupancies__unit=unit, occupancies__move_out__isnull=True
    ).distinct()


def _when(**attrs):
    return forms.DateTimeInput(attrs={"type": "datetime-local", **attrs}, format=DATETIME_FORMAT)


def _clean_phone(value):
    phone = value.strip().replace(" ", "").replace("-", "")
    if phone and not phone.lstrip("+").isdigit():
        raise forms.ValidationError(_("A phone number has digits only."))
    return phone


# Typing (or pasting) the unit refreshes the resident choices with the unit's occupants.
OCCUPANT_LOOKUP = {
    "hx-get": reverse_lazy("frontdesk:occupants"),
    "hx-trigger": "input changed delay:300ms",  # not on leaving the field: a pick stays
    "hx-target": "#div_id_resident",
    "hx-swap": "outerHTML",
    "hx-include": "[name=estate],[name=unit_label],[name=resident]",
}


class EstateUnitForm(forms.Form):
    """A form about a unit typed as staff say it (3-1502), in one of the user's estates."""

    unit_required = False

    estate = forms.ModelChoiceField(
        label=_("Estate"),
        queryset=Estate.objects.none(),
        widget=forms.Select(attrs=OCCUPANT_LOOKUP),
    )
    unit_label = forms.CharField(
        label=_("Unit"),
        required=False,
        max_length=32,
        widget=forms.TextInput(attrs=OCCUPANT_LOOKUP | {"autocomplete": "off"}),
        help_text=_("As staff say it, e.g. 3-1502."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        estates = Estate.objects.for_user(user)
        self.fields["estate"].queryset = estates
        only = list(estates[:2])
        self.only_estate = only[0] if len(only) == 1 else None
        if self.only_estate is not None:  # the usual desk: one estate, nothing to choose
            self.fields["estate"].initial = self.only_estate.pk
            self.fields["estate"].widget = forms.HiddenInput()
        self.estate = self._estate_from_data(estates)
        self.unit = self._unit_from_data(self.estate)
        if "resident" in self.fields and self.unit is not None:
            self.fields["resident"].queryset = unit_occupants(self.unit)

    def _estate_from_data(self, estates):
        key = self.data.get("estate") if self.is_bound else self.fields["estate"].initial
        if not key or not str(key).isdigit():
            return None
        if self.only_estate is not None and str(self.only_estate.pk) == str(key):
            return self.only_estate
        return estates.filter(pk=key).first()

    def _unit_from_data(self, estate):
        label = self.data.get("unit_label") if self.is_bound else self.initial.get("unit_label")
        if estate is None or not label:
            return None
        units = Unit.objects.filter(estate=estate).select_related("building", "estate")
        return find_unit(units, label)

    def clean_unit_label(self):
        label = self.cleaned_data["unit_label"].strip()
        if label and parse_unit_label(label) is None:
            raise forms.ValidationError(_("Write the unit as building-room, e.g. 3-1502."))
        if not label and self.unit_required:
            raise forms.ValidationError(_("Type the unit, e.g. 3-1502."))
        return label

    def clean(self):
        data = super().clean()
        if data.get("unit_label") and data.get("estate") and self.unit is None:
            self.add_error("unit_label", _("There is no such unit in this estate."))
        data["unit"] = self.unit
        return data


class LogEntryForm(EstateUnitForm):
    """The quick entry that stays on the desk's screen: a call logged without the mouse."""

    kind = forms.ChoiceField(label=_("Visit or call"), choices=LogEntry.Kind.choices)
    at = forms.DateTimeField(label=_("Time"), widget=_when(), input_formats=[DATETIME_FORMAT])
    resident = forms.ModelChoiceField(
        label=_("Resident"),
        queryset=Resident.objects.none(),
        required=False,
        help_text=_("One of the unit's occupants; or write a name and phone below."),
    )
    caller_name = forms.CharField(label=_("Name (not a resident)"), max_length=100, required=False)
    caller_phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    purpose = forms.ChoiceField(label=_("Purpose"), choices=[("", "—"), *LogEntry.Purpose.choices])
    summary = forms.CharField(
        label=_("Summary"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ctrl+Enter saves."),
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=LogEntry.Outcome.choices, initial=LogEntry.Outcome.ANSWERED
    )
    department = forms.ChoiceField(
        label=_("Passed to"), choices=[("", "—"), *Department.choices], required=False
    )
    resolve_by = forms.DateTimeField(
        label=_("Resolution agreed by"),
        required=False,
        widget=_when(),
        input_formats=[DATETIME_FORMAT],
    )
    incident = forms.ModelChoiceField(
        queryset=Incident.objects.none(), required=False, widget=forms.HiddenInput
    )

    field_order = [
        "estate",
        "kind",
        "unit_label",
        "resident",
        "caller_name",
        "caller_phone",
        "purpose",
        "summary",
        "outcome",
        "department",
        "resolve_by",
        "at",
        "incident",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["incident"].queryset = Incident.objects.for_user(self.user)
        estate = self.estate or self.only_estate
        if estate is not None and not self.is_bound:
            self.fields["at"].initial = estate_now(estate).replace(second=0, microsecond=0)
        self.fields["unit_label"].widget.attrs["autofocus"] = True

    def clean_caller_phone(self):
        return _clean_phone(self.cleaned_data["caller_phone"])

    def clean(self):
        data = super().clean()
        if data.get("resident") is None and not data.get("caller_name", "").strip():
            self.add_error("caller_name", _("Pick the resident or write the caller's name."))
        if data.get("outcome") == LogEntry.Outcome.PASSED_ON:
            if not data.get("department"):
                self.add_error("department", _("Passed on: to which department?"))
            if not data.get("resolve_by"):
                self.add_error("resolve_by", _("Passed on: the resolution time agreed."))
        incident = data.get("incident")
        if incident is not None and data.get("estate") and incident.estate_id != data["estate"].pk:
            self.add_error(None, _("The incident belongs to another estate."))
        return data


class ResolveForm(forms.Form):
    resolution = forms.CharField(
        label=_("How it was resolved"), widget=forms.Textarea(attrs={"rows": 2, "autofocus": True})
    )


class ToComplaintForm(forms.Form):
    # No default: a category picked for the receptionist would misfile every rushed call.
    category = forms.ChoiceField(
        label=_("Category"),
        choices=[("", "—"), *Complaint.Category.choices],
        widget=forms.Select(attrs={"autofocus": True}),
    )


class ToWorkOrderForm(forms.Form):
    trade = forms.ChoiceField(
        label=_("Trade"),
        choices=[("", "—"), *Trade.choices],
        widget=forms.Select(attrs={"autofocus": True}),
    )
    priority = forms.ChoiceField(
        label=_("Priority"), choices=Priority.choices, initial=Priority.NORMAL
    )


class MessageForm(EstateUnitForm):
    recipient = forms.ModelChoiceField(label=_("For"), queryset=User.objects.none())
    from_name = forms.CharField(label=_("From"), max_length=100)
    from_phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    text = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}))

    field_order = ["estate", "recipient", "from_name", "from_phone", "unit_label", "text"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit_label"].widget.attrs = {"autocomplete": "off"}
        self.fields["recipient"].queryset = (
            User.objects.filter(estates__in=Estate.objects.for_user(self.user), is_active=True)
            .distinct()
            .order_by("first_name", "username")
        )
        self.fields["recipient"].label_from_instance = lambda user: user.display_name

    def clean_from_phone(self):
        return _clean_phone(self.cleaned_data["from_phone"])


class IncidentForm(forms.Form):
    estate = forms.ModelChoiceField(label=_("Estate"), queryset=Estate.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=Incident.Kind.choices)
    title = forms.CharField(label=_("Notice"), max_length=200)
    buildings = forms.ModelMultipleChoiceField(
        label=_("Affected buildings"),
        queryset=Building.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    starts_at = forms.DateTimeField(
        label=_("Starts"), widget=_when(), input_formats=[DATETIME_FORMAT]
    )
    ends_at = forms.DateTimeField(label=_("Ends"), widget=_when(), input_formats=[DATETIME_FORMAT])
    script = forms.CharField(
        label=_("What to tell callers (话术)"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        estates = Estate.objects.for_user(user)
        self.fields["estate"].queryset = estates
        self.fields["buildings"].queryset = Building.objects.for_user(user).select_related("estate")
        only = list(estates[:2])
        if len(only) == 1:
            self.fields["estate"].initial = only[0].pk
            self.fields["estate"].widget = forms.HiddenInput()
            self.fields["buildings"].label_from_instance = lambda b: str(b)

    def clean(self):
        data = super().clean()
        estate, buildings = data.get("estate"), data.get("buildings")
        if estate and buildings and any(b.estate_id != estate.pk for b in buildings):
            self.add_error("buildings", _("The building belongs to another estate."))
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("An incident ends after it starts."))
        return data


class IncidentCallForm(EstateUnitForm):
    """A call about an active incident, logged against it in one step."""

    unit_required = True
    caller_name = forms.CharField(
        label=_("Name"), max_length=100, required=False, help_text=_("Empty: the unit's occupant.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit_label"].widget.attrs = {"autocomplete": "off", "autofocus": True}


class ReleasePassForm(EstateUnitForm):
    unit_required = True
    resident = forms.ModelChoiceField(
        label=_("Issued to"),
        queryset=Resident.objects.none(),
        help_text=_("The owner, or an occupant the owner authorised."),
    )
    items = forms.CharField(label=_("Items"), widget=forms.Textarea(attrs={"rows": 2}))
    carrier = forms.CharField(label=_("Carried by"), max_length=100)
    valid_on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        estate = self.estate or self.only_estate
        if estate is not None:
            self.fields["valid_on"].initial = estate_today(estate)
        self.fields["unit_label"].widget.attrs["autofocus"] = True


class AuthorisationForm(forms.Form):
    resident = forms.ModelChoiceField(label=_("Occupant"), queryset=Resident.objects.none())
    note = forms.CharField(label=_("How the owner authorised"), max_length=200)

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resident"].queryset = unit_occupants(unit)


class HandoverForm(forms.Form):
    checked = forms.MultipleChoiceField(
        label=_("Keys and equipment handed over"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(
        label=_("Notes for the next shift"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["checked"].choices = [(item, item) for item in items]


class ChecklistForm(forms.ModelForm):
    class Meta:
        model = HandoverChecklist
        fields = ["items"]
        widgets = {"items": forms.Textarea(attrs={"rows": 5})}


def local_input(estate, value):
    return local_time(estate, value).strftime(DATETIME_FORMAT) if value else ""
