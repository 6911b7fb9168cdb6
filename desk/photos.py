"""Photos: the checks every upload runs, how one is stored and served, and the abstract
model and form field of the records that carry a few (a renovation patrol, a work order).

An upload is a real JPEG, PNG or WebP image (Pillow decides, not the name), 5 MB at most.
The stored file is named for what Pillow found (`photo.png`), never for what the browser
said, and is served with that type only (`photo_response`).
"""

import uuid

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, UnidentifiedImageError

from desk.scoping import EstateScopedQuerySet

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


def checked_photo(upload):
    """The upload, checked to be a photo and named for its content. Raises ValidationError."""
    upload.name = photo_name(validate_photo(upload))
    return upload


def photo_response(image) -> FileResponse:
    """A stored photo served as the type its name says (a checked one's), never as what an
    upload's name claimed (`x.html`, `x.svg`): anything else is a download."""
    content_type = CONTENT_TYPES.get(image.name.rsplit(".", 1)[-1].lower())
    if content_type is None:
        return FileResponse(image.open("rb"), as_attachment=True, filename="photo")
    return FileResponse(image.open("rb"), content_type=content_type)


# A record's photos ----------------------------------------------------------------------


def photo_path(instance, filename):
    """<app>/<the record's number>/<random>.<extension>."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"{instance._meta.app_label}/{instance.folder()}/{uuid.uuid4().hex[:12]}.{ext}"


class Photo(models.Model):
    """One of the few photos of a record; a subclass adds the link to the record
    (`photo_of` names it), `folder()` and `estate_lookup`."""

    MAX_PHOTOS = 3
    photo_of = ""

    image = models.ImageField(gettext_lazy("photo"), upload_to=photo_path)
    uploaded_at = models.DateTimeField(gettext_lazy("uploaded at"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        verbose_name=gettext_lazy("uploaded by"),
    )

    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return f"{getattr(self, self.photo_of)} #{self.pk}"

    def folder(self) -> str:
        """The folder of the record's photos: its number."""
        raise NotImplementedError


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Up to `max_photos` photos, each a real image of at most 5 MB; `too_many` says so
    (with %(max)d)."""

    def __init__(self, *args, max_photos: int, too_many: str, **kwargs):
        self.max_photos, self.too_many = max_photos, too_many
        kwargs.setdefault(
            "widget",
            MultiplePhotoInput(
                attrs={"accept": "image/*", "capture": "environment", "multiple": True}
            ),
        )
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > self.max_photos:
            raise ValidationError(self.too_many % {"max": self.max_photos})
        cleaned = []
        for upload in files:
            cleaned.append(checked_photo(super().clean(upload, initial)))
        return cleaned
