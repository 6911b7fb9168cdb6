"""Extension point: the sections of a manager's estate settings page.

The page (`desk.views_settings`) shows one section per app, each with its own form and
its own Save button. An app adds its section in its `AppConfig.ready()`:

    register_settings_section(SettingsSection(
        key="complaints", title=_("Complaints"), order=20,
        permission="complaints.change_complaintsettings",
        form_class=ComplaintSettingsForm,          # a ModelForm over the settings row
        row=complaint_settings_row,                # estate -> its row, unsaved defaults if none
        save=complaint_settings_update,            # the service: (*, estate, by, **cleaned_data)
    ))

Settings that are many rows (the register's areas) have a page of their own instead:

    register_settings_section(SettingsSection(
        key="areas", title=_("Areas"), permission="tenants.change_area",
        page="tenants:area_list",                 # a URL name taking the estate's pk
        summary=areas_summary,                     # estate -> a line of text (one query)
    ))

and the section shows its summary and a link to that page.

`row` runs one query at most and never writes: a missing row comes back unsaved with the
model's defaults, and the app's service creates it on the first save. The service does
the write in a transaction and raises `BusinessRuleError` (its message is shown with the
form) to refuse. A row with simple-history (`history`) shows who changed it last.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.apps import apps
from django.core.validators import MaxValueValidator, MinValueValidator

from desk.errors import BusinessRuleError

_sections: dict[str, "SettingsSection"] = {}


@dataclass(frozen=True)
class SettingsSection:
    key: str
    title: str
    permission: str
    form_class: type[forms.ModelForm] | None = None
    row: Callable[[Any], Any] | None = None
    save: Callable[..., Any] | None = None
    order: int = 100
    description: str = ""
    page: str = ""  # instead of a form: the URL name (taking the estate's pk) of its page
    summary: Callable[[Any], str] | None = None  # with `page`: estate -> a line of text


def register_settings_section(section: SettingsSection) -> None:
    _sections[section.key] = section


def settings_sections_for(user) -> list[SettingsSection]:
    sections = sorted(_sections.values(), key=lambda s: (s.order, s.key))
    return [s for s in sections if user.has_perm(s.permission)]


def settings_section(key: str) -> SettingsSection | None:
    return _sections.get(key)


def range_errors(values: dict, limits: dict, messages: dict) -> dict[str, str]:
    """The translated message of each value outside its (low, high) limits; None is skipped.

    For the apps' settings services and their forms, so both refuse with the same words.
    """
    errors = {}
    for name, (low, high) in limits.items():
        value = values.get(name)
        if value is not None and not low <= value <= high:
            errors[name] = str(messages[name]) % {"low": low, "high": high}
    return errors


def limit_fields(form, limits: dict, messages: dict) -> None:
    """Check the form's number fields against the same limits and words as the service.

    The field's own bounds (a positive field's "greater than or equal to 0") give way to
    the limits, so a bad number gets one message; the browser gets min and max too.
    """
    for name, (low, high) in limits.items():
        field = form.fields[name]
        text = str(messages[name]) % {"low": low, "high": high}
        field.validators = [
            v for v in field.validators if not isinstance(v, MinValueValidator | MaxValueValidator)
        ] + [MinValueValidator(low, text), MaxValueValidator(high, text)]
        field.min_value, field.max_value = low, high
        field.widget.attrs.update(min=low, max=high)


def add_errors(form, errors: dict[str, str]) -> None:
    for name, message in errors.items():
        if name not in form.errors:
            form.add_error(name, message)


def lock_estate(estate) -> None:
    """For a settings service: serialise the saves of one estate (and its row's first create)."""
    Estate = apps.get_model("desk", "Estate")
    list(Estate.objects.select_for_update().filter(pk=estate.pk).values_list("pk"))


def settings_row(model, estate):
    """The estate's settings row of `model`, or an unsaved one with the model's defaults
    when the estate never set them (reading never writes)."""
    return model.objects.filter(estate=estate).first() or model(estate=estate)


def settings_row_save(model, *, estate, by, values: dict, errors: dict):
    """For a settings service, in its transaction: refuse on `errors` (the first one's
    message), else write `values` to the estate's row (created on the first save) with `by`
    in its history; saving the same values again writes nothing."""
    if errors:
        raise BusinessRuleError(next(iter(errors.values())))
    lock_estate(estate)
    row = settings_row(model, estate)
    if row.pk is not None and all(getattr(row, k) == v for k, v in values.items()):
        return row
    for name, value in values.items():
        setattr(row, name, value)
    row._history_user = by
    row.save()
    return row


def last_change(row) -> dict | None:
    """Who changed a settings row last, when, and which fields (one query), or None."""
    history = getattr(row, "history", None)
    if row.pk is None or history is None:
        return None
    records = list(history.select_related("history_user")[:2])
    if not records:
        return None
    latest = records[0]
    fields = []
    if len(records) == 2:
        delta = latest.diff_against(records[1])
        fields = [row._meta.get_field(c.field).verbose_name for c in delta.changes]
    return {"by": latest.history_user, "at": latest.history_date, "fields": fields}
