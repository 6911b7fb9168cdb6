"""Photo uploads: a real JPEG, PNG or WebP image (Pillow decides, not the name), 5 MB at most.

The stored file is named for what Pillow found (`photo.png`), never for what the browser
said, and is served with that type only (`workorders.views.workorder_photo`).
"""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

MAX_PHOTO_BYTES = 5 * 1024 * 1024
ALLOWED_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
# What a stored photo is served as, by its extension; anything else is a download.
CONTENT_TYPES = {EXTENSIONS[f]: content_type for f, content_type in ALLOWED_FORMATS.items()}
CONTENT_TYPES["jpeg"] = "image/jpeg"


def validate_photo(upload) -> str:
    """Refuse what is not a photo; return its format (a key of ALLOWED_FORMATS)."""
    if upload.size > MAX_PHOTO_BYTES:
        raise ValidationError(
            _("%(name)s is larger than %(max)s.")
            % {"name": upload.name, "max": filesizeformat(MAX_PHOTO_BYTES)}
        )
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image_format = image.format
            image.verify()
    except Image.DecompressionBombError as exc:
        raise ValidationError(
            _("%(name)s has too many pixels for a photo.") % {"name": upload.name}
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            _("%(name)s is not a photo (JPEG, PNG or WebP).") % {"name": upload.name}
        ) from exc
    finally:
        upload.seek(0)
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(
            _("%(name)s is not a photo (JPEG, PNG or WebP).") % {"name": upload.name}
        )
    return image_format


def photo_name(image_format) -> str:
    return f"photo.{EXTENSIONS[image_format]}"
