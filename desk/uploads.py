"""Uploaded Excel workbooks: the checks every import runs before openpyxl opens a file.

`check_upload` looks at what the browser sent (name, type, size); `check_archive` refuses
what is not an .xlsx, and zip bombs, from the zip's directory alone.
"""

import zipfile

from django.utils.translation import gettext as _

from desk.exports import XLSX_TYPE

MB = 1024 * 1024
MAX_UPLOAD_BYTES = 10 * MB
MAX_UNCOMPRESSED_BYTES = 50 * MB
# A sheet of repeated rows compresses ~20×; far beyond that is a bomb, not a register.
MAX_COMPRESSION_RATIO = 100
RATIO_CHECK_FROM_BYTES = 1 * MB
MAX_ZIP_MEMBERS = 1000
ACCEPTED_CONTENT_TYPES = {
    XLSX_TYPE,
    "application/octet-stream",
    "application/zip",
    "application/x-zip-compressed",
    "",
}


class ImportFileError(Exception):
    """The whole file is refused; the message is translated and shown to the user."""


def check_upload(upload) -> None:
    """What the browser sent: name, type and size. Raises ImportFileError."""
    content_type = (getattr(upload, "content_type", "") or "").split(";")[0].strip().lower()
    if not (upload.name or "").lower().endswith(".xlsx") or (
        content_type not in ACCEPTED_CONTENT_TYPES
    ):
        raise ImportFileError(_("Upload an Excel workbook (.xlsx)."))
    if upload.size > MAX_UPLOAD_BYTES:
        raise ImportFileError(
            _("The file is larger than %(size)d MB.") % {"size": MAX_UPLOAD_BYTES // MB}
        )


def check_archive(fileobj) -> None:
    """An .xlsx is a zip: refuse anything else, and bombs, before anything unpacks it.

    The sizes come from the zip's directory; Python's zipfile stops reading a member at
    its declared size, so a member cannot unpack to more than it declares.
    """
    not_xlsx = ImportFileError(_("This file is not an Excel workbook (.xlsx)."))
    fileobj.seek(0)
    if not zipfile.is_zipfile(fileobj):
        raise not_xlsx
    fileobj.seek(0)
    try:
        with zipfile.ZipFile(fileobj) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise not_xlsx from exc
    fileobj.seek(0)
    if "[Content_Types].xml" not in {m.filename for m in members}:
        raise not_xlsx
    too_big = ImportFileError(
        _("The workbook unpacks to more than %(size)d MB, or is packed suspiciously tightly.")
        % {"size": MAX_UNCOMPRESSED_BYTES // MB}
    )
    if len(members) > MAX_ZIP_MEMBERS:
        raise too_big
    if sum(m.file_size for m in members) > MAX_UNCOMPRESSED_BYTES:
        raise too_big
    for m in members:
        if m.file_size > RATIO_CHECK_FROM_BYTES and m.file_size > MAX_COMPRESSION_RATIO * max(
            m.compress_size, 1
        ):
            raise too_big
