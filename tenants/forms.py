from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from desk.privacy import can_see_contacts, mask_id_number, mask_phone
from tenants.models import Occupancy, Resident

# The contact fields a role without the contact permission sees masked, and how.
MASKED_FIELDS = {
    "mobile": mask_phone,
    "phone_other": mask_phone,
    "email": lambda value: "***",
    "id_number": mask_id_number,
    "emergency_contact_phone": mask_phone,
}


def clean_phone(value: str) -> str:
    phone = value.strip().replace(" ", "").replace("-", "")
    if phone and not phone.lstrip("+").isdigit():
        raise forms.ValidationError(_("A phone number has digits only."))
    return phone


class ResidentForm(forms.ModelForm):
    """A resident's facts. For a `user` who may not see contacts, the resident's current
    phones, e-mail and ID number are not sent to the browser: the field shows the masked
    value as a hint, and left empty it keeps the current value."""

    class Meta:
        model = Resident
        fields = [
            "kind",
            "name",
            "name_en",
            "contact_person",
            "mobile",
            "phone_other",
            "email",
            "id_number",
            "emergency_contact_name",
            "emergency_contact_phone",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kept_contacts = {}
        if self.instance.pk is None or user is None or can_see_contacts(user):
            return
        for name, mask in MASKED_FIELDS.items():
            current = getattr(self.instance, name)
            if current:
                self.kept_contacts[name] = current
                self.initial[name] = ""
                field = self.fields[name]
                field.widget.attrs["placeholder"] = mask(current)
                field.help_text = _("Leave empty to keep the current one, or type a new one.")

    def clean_mobile(self):
        return clean_phone(self.cleaned_data["mobile"])

    def clean_phone_other(self):
        return clean_phone(self.cleaned_data["phone_other"])

    def clean_emergency_contact_phone(self):
        return clean_phone(self.cleaned_data["emergency_contact_phone"])

    def clean(self):
        data = super().clean()
        for name, current in self.kept_contacts.items():
            if name in data and not data[name]:
                data[name] = current
        return data


class MoveInForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Occupancy.Role.choices)
    move_in = forms.DateField(
        label=_("Move-in date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["move_in"].initial = timezone.localdate()


class MoveOutForm(forms.Form):
    move_out = forms.DateField(
        label=_("Move-out date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["move_out"].initial = timezone.localdate()


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
