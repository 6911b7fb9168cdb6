"""The mail room's forms: the register's batch sheet (a header and its rows), the hand-out
with its signature, and the reasons of a return or a void."""

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from desk.models import Estate
from desk.photos import checked_photo
from mailroom.models import MailItem
from tenants.models import Unit
from tenants.unit_labels import find_unit, parse_unit_label

MAX_ROWS = 50
DEFAULT_ROWS = 10

# htmx: typing a row's unit or tracking number shows what the register knows of them
# (the unit's occupants as the recipient's choices, a tracking number already registered).
ROW_LOOKUP = {
    "hx-get": reverse_lazy("mailroom:row_check"),
    "hx-trigger": "change, keyup changed delay:400ms",
    "hx-include": "closest tr, [name=batch-estate]",
    "hx-swap": "none",  # the answer replaces the row's check cell (hx-swap-oob)
    "hx-sync": "closest tr:replace",
}


class BatchForm(forms.Form):
    """What the rows share: the estate, the kind and the carrier of a courier's batch."""

    estate = forms.ModelChoiceField(label=_("Estate"), queryset=Estate.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=MailItem.Kind.choices, initial="parcel")
    carrier = forms.CharField(
        label=_("Carrier"),
        max_length=50,
        required=False,
        help_text=_("e.g. SF Express, China Post, JD"),
    )
    shelf = forms.CharField(label=_("Shelf or slot"), max_length=32, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        estates = Estate.objects.for_user(user)
        self.fields["estate"].queryset = estates
        only = list(estates[:2])
        if len(only) == 1:  # the usual desk: one estate, nothing to choose
            self.fields["estate"].initial = only[0].pk
            self.fields["estate"].widget = forms.HiddenInput()


class RowForm(forms.Form):
    """One item of the batch. An untouched row is left out."""

    unit_label = forms.CharField(
        label=_("Unit"),
        max_length=32,
        required=False,
        widget=forms.TextInput(attrs=ROW_LOOKUP | {"placeholder": "3-1502", "data-mail-cell": ""}),
    )
    recipient_name = forms.CharField(
        label=_("Recipient"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"data-mail-cell": "", "autocomplete": "off"}),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("as above")), *MailItem.Kind.choices],
        required=False,
        widget=forms.Select(attrs={"data-mail-cell": ""}),
    )
    shelf = forms.CharField(
        label=_("Shelf"),
        max_length=32,
        required=False,
        widget=forms.TextInput(attrs={"data-mail-cell": ""}),
    )
    tracking_number = forms.CharField(
        label=_("Tracking number"),
        max_length=64,
        required=False,
        widget=forms.TextInput(
            attrs=ROW_LOOKUP | {"data-mail-cell": "", "data-mail-scan": "", "autocomplete": "off"}
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.update({"class": f"{css} {css}-sm", "aria-label": field.label})
        self.fields["recipient_name"].widget.attrs["list"] = f"{self.prefix}-names"

    def clean_unit_label(self):
        label = self.cleaned_data["unit_label"].strip()
        if label and parse_unit_label(label) is None:
            raise forms.ValidationError(_("Write the unit as building-room, e.g. 3-1502."))
        return label

    def clean(self):
        data = super().clean()
        unnamed = not data.get("unit_label") and not (data.get("recipient_name") or "").strip()
        if unnamed and not self.errors:
            raise forms.ValidationError(_("Give the unit or the recipient's name."))
        return data


class BaseRowFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        if not any(form.has_changed() for form in self.forms):
            raise forms.ValidationError(_("Nothing to register: fill at least one row."))


def row_formset(rows: int = DEFAULT_ROWS):
    """The sheet's rows: `rows` empty ones to fill, at most MAX_ROWS sent."""
    return forms.formset_factory(
        RowForm, formset=BaseRowFormSet, extra=rows, max_num=MAX_ROWS, absolute_max=MAX_ROWS
    )


def batch_rows(batch: BatchForm, rows) -> tuple[list[dict], list[tuple[int, str]]]:
    """The service's rows from a valid batch, and the errors of the rows whose unit is not
    in the estate ([(row number, message)]): then nothing is saved."""
    estate = batch.cleaned_data["estate"]
    units = Unit.objects.filter(estate=estate).select_related("building", "estate")
    found, errors = [], []
    for number, form in enumerate(rows.forms, start=1):
        if not form.has_changed():
            continue
        data = form.cleaned_data
        unit = None
        if data["unit_label"]:
            unit = find_unit(units, data["unit_label"])
            if unit is None:
                form.add_error("unit_label", _("There is no such unit in this estate."))
                errors.append((number, form.errors["unit_label"][0]))
                continue
        found.append(
            {
                "kind": data["kind"] or batch.cleaned_data["kind"],
                "carrier": batch.cleaned_data["carrier"],
                "tracking_number": data["tracking_number"],
                "unit": unit,
                "recipient_name": data["recipient_name"],
                "shelf": data["shelf"] or batch.cleaned_data["shelf"],
            }
        )
    return found, errors


class HandOutForm(forms.Form):
    """Signed for at the desk: the code shown (or an ID checked), who collects, a signature."""

    code = forms.CharField(
        label=_("Pickup code"),
        max_length=6,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_("The six digits the recipient shows. Without them, check the ID."),
    )
    collector = forms.ChoiceField(
        label=_("Collected by"),
        choices=MailItem.Collector.choices,
        initial=MailItem.Collector.RESIDENT,
        widget=forms.RadioSelect,
    )
    collector_name = forms.CharField(label=_("Collector's name"), max_length=100, required=False)
    authorisation = forms.CharField(
        label=_("Recipient's authorisation"),
        max_length=200,
        required=False,
        help_text=_("For a third party: how the recipient authorised them (call, note, app)."),
    )
    id_checked = forms.BooleanField(label=_("ID checked"), required=False)
    signature = forms.CharField(
        required=False, widget=forms.HiddenInput(attrs={"data-signature": ""})
    )
    signed_name = forms.CharField(
        label=_("Or the name, typed"),
        max_length=100,
        required=False,
        help_text=_("Where no one can sign on the screen."),
    )


class DeliverForm(forms.Form):
    signed_name = forms.CharField(label=_("Received by (name)"), max_length=100)
    signature = forms.CharField(
        required=False, widget=forms.HiddenInput(attrs={"data-signature": ""})
    )


class PhotoForm(forms.Form):
    photo = forms.FileField(
        label=_("Photo"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )

    def clean_photo(self):
        return checked_photo(self.cleaned_data["photo"])  # named for its content


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=200)


class PickupSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Pickup code or unit"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "off", "placeholder": "123456 / 3-1502"}
        ),
    )
