from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tenants.models import Occupancy, Resident


class ResidentForm(forms.ModelForm):
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

    def clean_mobile(self):
        mobile = self.cleaned_data["mobile"].strip().replace(" ", "").replace("-", "")
        if mobile and not mobile.lstrip("+").isdigit():
            raise forms.ValidationError(_("A phone number has digits only."))
        return mobile


class MoveInForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Occupancy.Role.choices)
    move_in = forms.DateField(
        label=_("Move-in date"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["move_in"].initial = timezone.localdate()


class MoveOutForm(forms.Form):
    move_out = forms.DateField(
        label=_("Move-out date"), widget=forms.DateInput(attrs={"type": "date"})
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
