"""The upload → preview → confirm flow the Excel imports share (the register, the meter
readings).

The upload is checked (`desk.uploads`) and read for the preview; a file without errors is
kept (`tenants.import_store`) and its token bound to the uploader's session with what the
confirm needs, a few previews per import at most. Confirming takes the entry out of the
session: only the uploader can confirm it, and only once.
"""

from pathlib import Path

from django import forms
from django.contrib import messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from desk.uploads import ImportFileError, check_upload
from tenants import import_store

KEEP_PENDING = 5  # previews one user may have open at once, per import


class WorkbookField(forms.FileField):
    """An .xlsx upload, refused with the reason when it is not one (`check_upload`)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", gettext_lazy("Excel file (.xlsx)"))
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": ".xlsx"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        try:
            check_upload(upload)
        except ImportFileError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return upload


def preview_keep(request, session_key: str, upload, **entry) -> str:
    """Store the previewed file, bind its token and `entry` to this user's session under
    `session_key` and return the token; the oldest previews beyond KEEP_PENDING go."""
    token = import_store.upload_keep(upload)
    pending = request.session.get(session_key, {})
    pending[token] = {"user": request.user.pk, "name": upload.name, **entry}
    for stale in list(pending)[:-KEEP_PENDING]:
        pending.pop(stale)
        import_store.upload_discard(stale)
    request.session[session_key] = pending
    return token


def preview_take(request, session_key: str) -> tuple[Path, dict] | None:
    """The file and the entry of the preview this user confirms (the POST's token), taken
    out of the session; or None, with a message that it expired or was done already."""
    path = import_store.upload_path(request.POST.get("token", ""))
    pending = request.session.get(session_key, {})
    entry = pending.get(path.stem) if path is not None else None
    if not entry or entry.get("user") != request.user.pk or not path.is_file():
        messages.error(
            request, _("This import has expired or was already done. Upload the file again.")
        )
        return None
    pending.pop(path.stem)
    request.session[session_key] = pending
    return path, entry
