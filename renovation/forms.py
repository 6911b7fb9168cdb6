from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from desk.clock import estate_today
from desk.models import Estate
from desk.photos import PhotosField
from renovation.models import (
    MAJOR_KINDS,
    Acceptance,
    AcceptanceItem,
    PatrolItem,
    PatrolPhoto,
    Scope,
    ViolationKind,
)
from tenants.forms import clean_phone
from tenants.models import Occupancy, Unit
from tenants.unit_labels import find_unit

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
OK_CHOICES = [("ok", _("OK")), ("not_ok", _("Not OK"))]


class PermitForm(forms.Form):
    """The application (装修申请): the unit as staff say it and the applicant by name."""

    estate = forms.ModelChoiceField(label=_("Estate"), queryset=Estate.objects.none())
    unit_label = forms.CharField(label=_("Unit"), max_length=32, help_text=_("e.g. 3-1502"))
    applicant_name = forms.CharField(
        label=_("Applicant"),
        max_length=100,
        help_text=_("The owner, or an occupant of the unit, as in the register."),
    )
    owner_consent = forms.CharField(
        label=_("Owner's consent"),
        max_length=200,
        required=False,
        help_text=_("For an occupant: how the owner consented (e.g. signed letter of 3 May)."),
    )
    contractor = forms.CharField(label=_("Contractor company"), max_length=100)
    contractor_lead = forms.CharField(label=_("Contractor lead"), max_length=50)
    contractor_phone = forms.CharField(label=_("Lead's phone"), max_length=32)
    workers = forms.IntegerField(label=_("Number of workers"), min_value=1, max_value=200)
    scopes = forms.MultipleChoiceField(
        label=_("Scope"), choices=Scope.choices, widget=forms.CheckboxSelectMultiple
    )
    description = forms.CharField(
        label=_("Description of the works"), widget=forms.Textarea(attrs={"rows": 3})
    )
    planned_start = forms.DateField(label=_("Planned start"), widget=DATE)
    planned_end = forms.DateField(label=_("Planned end"), widget=DATE)
    deposit = forms.DecimalField(
        label=_("Deposit (CNY)"), min_value=0, max_digits=10, decimal_places=2
    )
    fee = forms.DecimalField(label=_("Fee (CNY)"), min_value=0, max_digits=10, decimal_places=2)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        estates = Estate.objects.for_user(user)
        self.fields["estate"].queryset = estates
        only = list(estates[:2])
        if len(only) == 1:
            self.fields["estate"].initial = only[0]
            self.fields["estate"].widget = forms.HiddenInput()
            today = estate_today(only[0])
            self.fields["planned_start"].initial = today
        self.fields["deposit"].initial = Decimal("2000.00")
        self.fields["fee"].initial = Decimal("300.00")

    def clean_contractor_phone(self):
        return clean_phone(self.cleaned_data["contractor_phone"])

    def clean(self):
        data = super().clean()
        estate, label = data.get("estate"), (data.get("unit_label") or "").strip()
        data["unit"] = data["applicant"] = None
        if estate and label:
            unit = find_unit(Unit.objects.filter(estate=estate).select_related("building"), label)
            if unit is None:
                self.add_error(
                    "unit_label", _("No unit %(label)s in this estate.") % {"label": label}
                )
                return data
            data["unit"] = unit
            name = (data.get("applicant_name") or "").strip()
            living = (
                Occupancy.objects.current()
                .filter(unit=unit, resident__name=name)
                .select_related("resident")
                .order_by("role")
            )
            found = next((o for o in living if o.role == Occupancy.Role.OWNER), None)
            found = found or next(iter(living), None)
            if name and found is None:
                self.add_error(
                    "applicant_name",
                    _("Nobody named %(name)s lives in %(unit)s.") % {"name": name, "unit": label},
                )
            elif found is not None:
                data["applicant"] = found.resident
                if found.role != Occupancy.Role.OWNER and not data.get("owner_consent"):
                    self.add_error(
                        "owner_consent",
                        _("The applicant is not the owner: note how the owner consented."),
                    )
        start, end = data.get("planned_start"), data.get("planned_end")
        if start and end and end < start:
            self.add_error("planned_end", _("The planned end is before the planned start."))
        return data

    def service_kwargs(self):
        data = self.cleaned_data
        names = [
            "contractor",
            "contractor_lead",
            "contractor_phone",
            "workers",
            "scopes",
            "description",
            "planned_start",
            "planned_end",
            "deposit",
            "fee",
            "owner_consent",
        ]
        return {
            "unit": data["unit"],
            "applicant": data["applicant"],
            **{n: data[n] for n in names},
        }


class ApproveForm(forms.Form):
    structure_confirmation = forms.CharField(
        label=_("What is allowed"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Required when the works touch the structure or the facade: what exactly may be "
            "changed (e.g. the non-load-bearing wall between kitchen and dining room only)."
        ),
    )

    def __init__(self, *args, permit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["structure_confirmation"].required = bool(
            permit is not None and permit.needs_confirmation
        )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=200)


class _Checklist(forms.Form):
    """One OK / not OK choice per checklist item, as large radio buttons."""

    ITEMS = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for item in self.ITEMS:
            self.fields[f"item_{item.value}"] = forms.ChoiceField(
                label=item.label, choices=OK_CHOICES, widget=forms.RadioSelect, initial="ok"
            )

    def checklist_items(self):
        return [self[f"item_{item.value}"] for item in self.ITEMS]

    def checklist(self):
        return {item.value: self.cleaned_data[f"item_{item.value}"] == "ok" for item in self.ITEMS}


class PatrolForm(_Checklist):
    ITEMS = tuple(PatrolItem)

    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    photos = PhotosField(
        label=_("Photos (up to 3)"),
        max_photos=PatrolPhoto.MAX_PHOTOS,
        too_many=_("At most %(max)d photos per patrol."),
    )

    def service_kwargs(self):
        return {
            "checklist": self.checklist(),
            "notes": self.cleaned_data["notes"],
            "photos": self.cleaned_data["photos"],
        }


class ViolationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Violation"), choices=ViolationKind.choices)
    description = forms.CharField(
        label=_("What was found"), widget=forms.Textarea(attrs={"rows": 3})
    )
    deadline = forms.DateField(
        label=_("Rectify by"),
        required=False,
        widget=DATE,
        help_text=_(
            "Major violations only (structure, facade, waterproof layer): in 7 days unless given."
        ),
    )
    work_order = forms.BooleanField(label=_("Open a work order too"), required=False)

    def __init__(self, *args, permit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.permit = permit

    def clean(self):
        data = super().clean()
        if data.get("deadline") and data.get("kind") not in MAJOR_KINDS:
            data["deadline"] = None
        return data


class FollowUpForm(forms.Form):
    corrected = forms.TypedChoiceField(
        label=_("Result of the follow-up"),
        choices=[("yes", _("Rectified: verified on site")), ("no", _("Not yet rectified"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    deadline = forms.DateField(label=_("New deadline"), required=False, widget=DATE)


class AcceptanceForm(_Checklist):
    ITEMS = tuple(AcceptanceItem)

    engineer = forms.CharField(label=_("Engineering, present"), max_length=50)
    result = forms.ChoiceField(
        label=_("Result"), choices=Acceptance.Result.choices, widget=forms.RadioSelect
    )
    conditions = forms.CharField(
        label=_("Conditions or defects"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    owner_name = forms.CharField(
        label=_("Owner's confirmation: name"), max_length=50, required=False
    )
    owner_confirmed_at = forms.DateTimeField(
        label=_("Owner confirmed at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    lead_name = forms.CharField(
        label=_("Contractor lead's confirmation: name"), max_length=50, required=False
    )
    lead_confirmed_at = forms.DateTimeField(
        label=_("Lead confirmed at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    deductions = forms.CharField(
        label=_("Deductions from the deposit"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One a line: the amount, then its reason (e.g. 200 lobby floor repaired)."),
    )

    def __init__(self, *args, permit=None, **kwargs):
        super().__init__(*args, **kwargs)
        if permit is not None:
            self.fields["owner_name"].initial = permit.applicant.name
            self.fields["lead_name"].initial = permit.contractor_lead

    def clean_deductions(self):
        lines = []
        for number, line in enumerate(self.cleaned_data["deductions"].splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            amount, _sep, reason = line.partition(" ")
            try:
                value = Decimal(amount.replace(",", ""))
            except ArithmeticError:
                value = None
            if value is None or value <= 0 or not reason.strip():
                raise ValidationError(
                    _("Line %(line)d: give an amount, then the reason.") % {"line": number}
                )
            lines.append((value.quantize(Decimal("0.01")), reason.strip()))
        return lines

    def service_kwargs(self):
        data = self.cleaned_data
        names = [
            "engineer",
            "result",
            "conditions",
            "owner_name",
            "owner_confirmed_at",
            "lead_name",
            "lead_confirmed_at",
            "deductions",
        ]
        return {"checklist": self.checklist(), **{n: data[n] for n in names}}
