from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from desk.models import Estate, User
from desk.roles import ROLE_CHOICES


class StaffForm(forms.ModelForm):
    """A manager adds or edits a staff member of their own estates."""

    name = forms.CharField(
        label=_("Name"), max_length=150, help_text=_("As colleagues call them, e.g. 王芳.")
    )
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
        fields = ["username", "email", "phone", "language", "is_active"]

    def __init__(self, *args, manager, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("The browser's language")), *settings.LANGUAGES]
        self.fields["estates"].queryset = Estate.objects.for_user(manager)
        self.order_fields(["username", "name"])
        if self.instance.pk:
            self.initial["name"] = self.instance.get_full_name()
            self.initial["roles"] = [g.name for g in self.instance.groups.all()]
            self.initial["estates"] = list(
                self.instance.estates.filter(pk__in=self.fields["estates"].queryset)
            )
        else:
            self.fields["password"].required = True

    def save(self, commit=True):
        """One name field, as a Chinese staff register has (姓名), kept in `first_name`."""
        self.instance.first_name = self.cleaned_data["name"].strip()
        self.instance.last_name = ""
        return super().save(commit=commit)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if password:
            password_validation.validate_password(password, self.instance)
        return password
