"""Uploaded register workbooks waiting between the preview and the import job.

A previewed file is kept as MEDIA_ROOT/imports/<token>.xlsx until its job has read it
(then deleted) or for at most a day. MEDIA_ROOT is never served (desk/urls.py): only the
uploader's session knows the token, and the job that imports it. The web and the worker
must share MEDIA_ROOT (one machine, or a shared volume).
"""

import time
import uuid
from pathlib import Path

from django.conf import settings

STALE_AFTER_SECONDS = 24 * 3600


def import_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


def upload_path(token) -> Path | None:
    """The file of a token (which must be a UUID: never a path of the user's choosing)."""
    try:
        token = str(uuid.UUID(str(token)))
    except ValueError:
        return None
    return import_dir() / f"{token}.xlsx"


def upload_keep(upload) -> str:
    """Store an uploaded file, drop files older than a day, return the new token."""
    directory = import_dir()
    directory.mkdir(parents=True, exist_ok=True)
    for old in directory.glob("*.xlsx"):
        if old.stat().st_mtime < time.time() - STALE_AFTER_SECONDS:
            old.unlink(missing_ok=True)
    token = str(uuid.uuid4())
    with open(directory / f"{token}.xlsx", "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return token


def upload_discard(token) -> None:
    path = upload_path(token)
    if path is not None:
        path.unlink(missing_ok=True)
