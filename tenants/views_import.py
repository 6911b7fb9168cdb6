"""The Excel import of the register: template, upload → preview, then the import job.

The preview runs in the request. The previewed file waits under MEDIA_ROOT/imports; its
token is kept in the uploader's session, so only they can start its import, and only once
(`tenants.import_preview`): "Import" queues the job and redirects to its page
(`desk:job`), where the worker reads, checks and writes the file again.
"""

from django import forms
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from desk.errors import BusinessRuleError
from desk.exports import xlsx_response
from desk.models import Estate
from tenants import import_services, imports
from tenants.import_preview import WorkbookField, preview_keep, preview_take

PERMISSION = import_services.IMPORT_PERMISSION
SESSION_KEY = "register_imports"


class ImportUploadForm(forms.Form):
    file = WorkbookField()


def _user_estates(user):
    return {estate.code: estate for estate in Estate.objects.for_user(user)}


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
                result = import_services.register_import(
                    rows=read.rows, by=request.user, dry_run=True
                )
        except (imports.ImportFileError, BusinessRuleError) as exc:
            form.add_error("file", str(exc))
        else:
            token = None
            if result is not None:
                token = preview_keep(
                    request,
                    SESSION_KEY,
                    upload,
                    rows=len(read.rows),
                    estates=sorted({row.estate_id for row in read.rows}),
                )
            return render(
                request,
                "tenants/import_preview.html",
                {
                    "name": upload.name,
                    "errors": read.errors,
                    "result": result,
                    "token": token,
                    "error_limit": import_services.ERRORS_KEPT,
                },
            )
    limits = {"max_mb": imports.MAX_UPLOAD_BYTES // imports.MB, "max_rows": imports.MAX_ROWS}
    return render(request, "tenants/import.html", {"form": form, **limits})


@require_POST
@login_required
@permission_required(PERMISSION, raise_exception=True)
def import_commit(request):
    """Queue the import job of a previewed file and go to its page."""
    pending = preview_take(request, SESSION_KEY)
    if pending is None:
        return redirect("tenants:import")
    path, entry = pending
    job = import_services.register_import_start(
        by=request.user,
        token=path.stem,
        name=entry["name"],
        rows=entry.get("rows", 0),
        estate_ids=entry.get("estates", []),
    )
    return redirect(job)


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
