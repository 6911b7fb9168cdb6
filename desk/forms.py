from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from desk.models import User
from desk.roles import ROLE_CHOICES
from tenants.models import Estate


class StaffForm(forms.ModelForm):
    """A manager adds or edits a staff member of their own estates."""

    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=ROLE_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    estates = forms.ModelMultipleChoiceField(
        label=_("Estates"), queryset=Estate.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput,
        required=False,
        help_text=_("Required for a new staff member; leave empty to keep the current one."),
    )

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email", "phone", "language", "is_active"]

    def __init__(self, *args, manager, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("The browser's language")), *settings.LANGUAGES]
        self.fields["estates"].queryset = Estate.objects.for_user(manager)
        if self.instance.pk:
            self.initial["roles"] = [g.name for g in self.instance.groups.all()]
            self.initial["estates"] = list(
                self.instance.estates.filter(pk__in=self.fields["estates"].queryset)
            )
        else:
            self.fields["password"].required = True

    def clean_password(self):
        password = self.cleaned_data["password"]
        if password:
            password_validation.validate_password(password, self.instance)
        return password
