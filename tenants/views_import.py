"""The Excel import of the register: template, upload → preview, commit.

The previewed file waits under MEDIA_ROOT/imports/<uuid>.xlsx; its token is kept in the
uploader's session, so only they can commit it, and the file is read and checked again
at commit.
"""

import time
import uuid
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from desk.errors import BusinessRuleError
from desk.exports import xlsx_response
from tenants import imports, services
from tenants.models import Estate

PERMISSION = "tenants.import_register"
SESSION_KEY = "register_imports"
KEEP_PENDING = 5  # previews one user may have open at once
STALE_AFTER_SECONDS = 24 * 3600


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Excel file (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            imports.check_upload(upload)
        except imports.ImportFileError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return upload


def _user_estates(user):
    return {estate.code: estate for estate in Estate.objects.for_user(user)}


def _import_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


def _keep(request, upload) -> str:
    """Store the previewed file and bind its token to this user's session."""
    directory = _import_dir()
    directory.mkdir(parents=True, exist_ok=True)
    for old in directory.glob("*.xlsx"):
        if old.stat().st_mtime < time.time() - STALE_AFTER_SECONDS:
            old.unlink(missing_ok=True)
    token = str(uuid.uuid4())
    with open(directory / f"{token}.xlsx", "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    pending = request.session.get(SESSION_KEY, {})
    pending[token] = {"user": request.user.pk, "name": upload.name}
    for stale in list(pending)[:-KEEP_PENDING]:
        _forget(request, stale, pending)
    request.session[SESSION_KEY] = pending
    return token


def _pending(request, token):
    """The stored file for a token this user previewed, or None."""
    try:
        token = str(uuid.UUID(str(token)))
    except ValueError:
        return None
    entry = request.session.get(SESSION_KEY, {}).get(token)
    path = _import_dir() / f"{token}.xlsx"
    if not entry or entry.get("user") != request.user.pk or not path.is_file():
        return None
    return token, entry, path


def _forget(request, token, pending=None):
    save = pending is None
    pending = request.session.get(SESSION_KEY, {}) if pending is None else pending
    pending.pop(token, None)
    (_import_dir() / f"{token}.xlsx").unlink(missing_ok=True)
    if save:
        request.session[SESSION_KEY] = pending


def _preview(request, *, name, read, result=None, token=None):
    return render(
        request,
        "tenants/import_preview.html",
        {
            "name": name,
            "errors": read.errors,
            "result": result,
            "token": token,
            "error_limit": 500,
        },
    )


@login_required
@permission_required(PERMISSION, raise_exception=True)
def import_upload(request):
    """GET: the upload form. POST: check and read the file, then show the preview."""
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            read = imports.read_register(upload, estates=_user_estates(request.user))
            result = None
            if not read.errors:
                result = services.register_import(rows=read.rows, by=request.user, dry_run=True)
        except (imports.ImportFileError, BusinessRuleError) as exc:
            form.add_error("file", str(exc))
        else:
            token = _keep(request, upload) if result is not None else None
            return _preview(request, name=upload.name, read=read, result=result, token=token)
    limits = {"max_mb": imports.MAX_UPLOAD_BYTES // imports.MB, "max_rows": imports.MAX_ROWS}
    return render(request, "tenants/import.html", {"form": form, **limits})


@require_POST
@login_required
@permission_required(PERMISSION, raise_exception=True)
def import_commit(request):
    pending = _pending(request, request.POST.get("token", ""))
    if pending is None:
        messages.error(
            request, _("This import has expired or was already done. Upload the file again.")
        )
        return redirect("tenants:import")
    token, entry, path = pending
    try:
        if path.stat().st_size > imports.MAX_UPLOAD_BYTES:
            raise imports.ImportFileError(_("The file is too large."))
        with open(path, "rb") as stored:
            read = imports.read_register(stored, estates=_user_estates(request.user))
        if read.errors:  # the user's estates changed since the preview
            _forget(request, token)
            return _preview(request, name=entry["name"], read=read)
        result = services.register_import(rows=read.rows, by=request.user)
    except (imports.ImportFileError, BusinessRuleError) as exc:
        _forget(request, token)
        messages.error(request, str(exc))
        return redirect("tenants:import")
    _forget(request, token)
    messages.success(
        request,
        _(
            "Imported %(rows)d rows: %(buildings)d new buildings, %(units)d new and "
            "%(units_updated)d updated units, %(residents)d new and %(residents_updated)d "
            "updated residents, %(occupancies)d new occupancies."
        )
        % {
            "rows": result.rows,
            "buildings": result.buildings.created,
            "units": result.units.created,
            "units_updated": result.units.updated,
            "residents": result.residents.created,
            "residents_updated": result.residents.updated,
            "occupancies": result.occupancies.created,
        },
    )
    return redirect("tenants:unit_list")


def _allowed_values(column):
    choices = imports.CHOICES.get(column.key)
    if choices is None:
        return str(column.help)
    values = ", ".join(f"{value} ({label})" for value, label in choices.choices)
    return " ".join(part for part in [str(column.help), _("One of: %s") % values] if part)


@login_required
@permission_required(PERMISSION, raise_exception=True)
def import_template(request):
    codes = sorted(_user_estates(request.user))
    example = [c.example for c in imports.COLUMNS]
    if codes:
        example[0] = codes[0]
    explanation = [
        (c.header, str(c.label), _("yes") if c.required else "", _allowed_values(c))
        for c in imports.COLUMNS
    ]
    notes = [
        ("", "", "", _("One row per unit and resident; a unit without a resident is one row.")),
        ("", "", "", _("Importing the same file again updates; it does not duplicate.")),
        ("", "", "", _("An empty optional cell leaves the current value as it is.")),
        ("", "", "", _("Your estate codes: %s") % ", ".join(codes)),
    ]
    return xlsx_response(
        "register-import-template.xlsx",
        [
            (_("Register"), [c.header for c in imports.COLUMNS], [example]),
            (
                _("Columns"),
                [_("Column"), _("Meaning"), _("Required"), _("What to enter")],
                explanation + notes,
            ),
        ],
    )
