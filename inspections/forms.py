from django import forms
from django.utils.translation import gettext_lazy as _

from desk.models import Estate
from desk.photos import checked_photo
from inspections.models import CoverageRule, PatrolPoint, RoundType
from tenants.models import Area, Building, Unit
from workorders.models import Priority, Trade


class PhotoField(forms.FileField):
    """One photo, with the work orders' checks: a real image of at most 5 MB, named for
    what it is."""

    widget = forms.ClearableFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "widget",
            forms.FileInput(attrs={"accept": "image/*", "capture": "environment"}),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        return checked_photo(upload) if upload else upload


class StartForm(forms.Form):
    """A round started from the today list or the vacant units' register: the type and the
    place, each of the user's estates."""

    round_type = forms.ChoiceField(label=_("Round type"), choices=RoundType.choices)
    estate = forms.ModelChoiceField(
        label=_("Estate"), queryset=Estate.objects.none(), required=False
    )
    building = forms.ModelChoiceField(
        label=_("Building"), queryset=Building.objects.none(), required=False
    )
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.none(), required=False)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["estate"].queryset = Estate.objects.for_user(user)
        self.fields["building"].queryset = Building.objects.for_user(user).select_related("estate")
        self.fields["area"].queryset = Area.objects.for_user(user)
        self.fields["unit"].queryset = Unit.objects.for_user(user).select_related("building")
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select form-select-lg"

    def clean(self):
        data = super().clean()
        place = data.get("unit") or data.get("building") or data.get("area")
        estate = place.estate if place is not None else data.get("estate")
        if estate is None:
            raise forms.ValidationError(_("Choose the estate or the place of the round."))
        data["estate"] = estate
        return data


class CheckForm(forms.Form):
    item = forms.IntegerField(widget=forms.HiddenInput)
    ok = forms.TypedChoiceField(
        label=_("Result"),
        choices=[("1", _("OK")), ("0", _("Not OK"))],
        coerce=lambda value: value == "1",
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
    photo = PhotoField(label=_("Photo"))


class ScanForm(forms.Form):
    code = forms.CharField(label=_("Point code"), max_length=16)
    typed = forms.BooleanField(required=False, widget=forms.HiddenInput)
    latitude = forms.DecimalField(
        max_digits=9, decimal_places=6, required=False, widget=forms.HiddenInput
    )
    longitude = forms.DecimalField(
        max_digits=9, decimal_places=6, required=False, widget=forms.HiddenInput
    )


class FindingForm(forms.Form):
    description = forms.CharField(
        label=_("What was found"), widget=forms.Textarea(attrs={"rows": 2})
    )
    location = forms.CharField(label=_("Where"), max_length=200, required=False)
    photo = PhotoField(label=_("Photo"))


class FindingOrderForm(forms.Form):
    """The finding's work order: the trade (the round's by default), the priority, and the
    technician to dispatch it to at once (none: it waits for dispatch)."""

    trade = forms.ChoiceField(label=_("Trade"), choices=Trade.choices)
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices, initial="normal")
    assignee = forms.ModelChoiceField(label=_("Technician"), queryset=None, required=False)

    def __init__(self, *args, estate, round_type, **kwargs):
        from django.contrib.auth import get_user_model

        from desk import roles
        from inspections.services import default_trade

        super().__init__(*args, **kwargs)
        self.fields["trade"].initial = default_trade(round_type)
        self.fields["assignee"].queryset = (
            get_user_model()
            .objects.filter(estates=estate, groups__name=roles.TECHNICIAN, is_active=True)
            .order_by("username")
            .distinct()
        )
        self.fields["assignee"].label_from_instance = lambda user: user.display_name
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select form-select-lg"


class SubmitForm(forms.Form):
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Review comment"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class SignForm(forms.Form):
    rounds = forms.ModelMultipleChoiceField(queryset=None)

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rounds"].queryset = queryset


class ChecklistForm(forms.Form):
    items = forms.CharField(label=_("Items, one a line"), widget=forms.Textarea(attrs={"rows": 10}))

    def clean_items(self):
        return [line.strip() for line in self.cleaned_data["items"].splitlines() if line.strip()]


class PointForm(forms.ModelForm):
    class Meta:
        model = PatrolPoint
        fields = [
            "estate",
            "round_type",
            "building",
            "area",
            "name",
            "position",
            "window_start",
            "window_end",
            "active",
        ]
        widgets = {
            "window_start": forms.TimeInput(attrs={"type": "time"}),
            "window_end": forms.TimeInput(attrs={"type": "time"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["estate"].queryset = Estate.objects.for_user(user)
        self.fields["building"].queryset = Building.objects.for_user(user).select_related("estate")
        self.fields["area"].queryset = Area.objects.for_user(user)
        self.fields["round_type"].choices = [
            (t.value, t.label)
            for t in (RoundType.PUBLIC_AREA, RoundType.EQUIPMENT, RoundType.SIGNAGE)
        ]

    def clean(self):
        data = super().clean()
        estate = data.get("estate")
        building, area = data.get("building"), data.get("area")
        if not building and not area:
            raise forms.ValidationError(_("Give the point's building or area."))
        for place in (building, area):
            if place is not None and estate is not None and place.estate_id != estate.pk:
                raise forms.ValidationError(_("The place belongs to another estate."))
        return data


class RuleForm(forms.ModelForm):
    class Meta:
        model = CoverageRule
        fields = ["per", "times", "period"]
