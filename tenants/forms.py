from django import forms
from django.utils.translation import gettext_lazy as _

from desk.clock import estate_today
from desk.privacy import can_see_contacts, mask_id_number, mask_phone
from tenants.models import Occupancy, Resident
from tenants.services import RESIDENT_FIELDS, resident_version

# The contact fields a role without the contact permission sees masked, and how.
MASKED_FIELDS = {
    "mobile": mask_phone,
    "phone_other": mask_phone,
    "email": lambda value: "***",
    "id_number": mask_id_number,
    "emergency_contact_phone": mask_phone,
}

# The box next to a masked contact that removes it (empty keeps it).
CLEAR_LABELS = {
    "mobile": _("Remove this number"),
    "phone_other": _("Remove this number"),
    "email": _("Remove this e-mail address"),
    "id_number": _("Remove this ID number"),
    "emergency_contact_phone": _("Remove this number"),
}


def clean_phone(value: str) -> str:
    phone = value.strip().replace(" ", "").replace("-", "")
    if phone and not phone.lstrip("+").isdigit():
        raise forms.ValidationError(_("A phone number has digits only."))
    return phone


class ResidentForm(forms.ModelForm):
    """A resident's facts. For a `user` who may not see contacts, the resident's current
    phones, e-mail and ID number are not sent to the browser: the field shows the masked
    value as a hint, left empty it keeps the current value, and a box next to it
    (`clear_<field>`) removes it.

    Editing an existing resident, the form carries (hidden, `seen_version`) what its user
    saw, so that `tenants.services.resident_update` refuses a save over someone else's
    change instead of silently undoing it."""

    seen_version = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Resident
        fields = list(RESIDENT_FIELDS)
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kept_contacts = {}
        if self.instance.pk is None:
            del self.fields["seen_version"]  # a new resident: nobody else can have changed it
            return
        self.initial["seen_version"] = resident_version(self.instance)
        if user is None or can_see_contacts(user):
            return
        order = []
        for name in list(self.fields):
            order.append(name)
            current = getattr(self.instance, name) if name in MASKED_FIELDS else ""
            if not current:
                continue
            self.kept_contacts[name] = current
            self.initial[name] = ""
            field = self.fields[name]
            field.widget.attrs["placeholder"] = MASKED_FIELDS[name](current)
            field.help_text = _("Leave empty to keep the current one, or type a new one.")
            self.fields[f"clear_{name}"] = forms.BooleanField(
                label=CLEAR_LABELS[name], required=False
            )
            order.append(f"clear_{name}")
        self.order_fields(order)

    def clean_mobile(self):
        return clean_phone(self.cleaned_data["mobile"])

    def clean_phone_other(self):
        return clean_phone(self.cleaned_data["phone_other"])

    def clean_emergency_contact_phone(self):
        return clean_phone(self.cleaned_data["emergency_contact_phone"])

    def clean(self):
        data = super().clean()
        for name, current in self.kept_contacts.items():
            if name not in data:
                continue  # the field's own error is shown
            if data.get(f"clear_{name}"):
                if data[name]:
                    self.add_error(
                        name, _("Type a new one or tick the box to remove it, not both.")
                    )
                    continue
                data[name] = ""
            elif not data[name]:
                data[name] = current
        return data

    def changes(self) -> dict:
        """The resident's facts as the user left them (for `resident_update`)."""
        return {name: self.cleaned_data[name] for name in RESIDENT_FIELDS}


class MoveInForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Occupancy.Role.choices)
    move_in = forms.DateField(
        label=_("Move-in date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, estate, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["move_in"].initial = estate_today(estate)


class MoveOutForm(forms.Form):
    move_out = forms.DateField(
        label=_("Move-out date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)
    override_reason = forms.CharField(
        label=_("Move out anyway, because"),
        max_length=100,
        required=False,
        help_text=_("Only where you may override a refusal (e.g. a manager, for arrears)."),
    )

    def __init__(self, *args, estate, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["move_out"].initial = estate_today(estate)


class RevealForm(forms.Form):
    field = forms.ChoiceField(
        choices=[
            ("mobile", _("mobile")),
            ("phone_other", _("other phone")),
            ("emergency_contact_phone", _("emergency contact phone")),
            ("id_number", _("ID number")),
        ]
    )
    reason = forms.CharField(label=_("Reason"), max_length=200)
