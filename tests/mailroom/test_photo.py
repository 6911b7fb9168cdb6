"""A parcel's photo: a real image (the shared photo checks), served only through the item."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

pytestmark = pytest.mark.django_db


def _png():
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "brown").save(out, "PNG")
    return out.getvalue()


def test_a_photo_of_the_parcel_is_kept_and_served_as_what_it_is(
    client_for, front_desk, register_one
):
    item = register_one()
    client = client_for(front_desk)
    upload = SimpleUploadedFile("box.html", _png(), content_type="text/html")
    response = client.post(reverse("mailroom:add_photo", args=[item.pk]), {"photo": upload})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.photo.name.endswith(".png")
    served = client.get(reverse("mailroom:photo", args=[item.pk]))
    assert served["Content-Type"] == "image/png"


def test_what_is_not_a_photo_is_refused(client_for, front_desk, register_one):
    item = register_one()
    upload = SimpleUploadedFile("box.jpg", b"<script>alert(1)</script>", content_type="image/jpeg")
    response = client_for(front_desk).post(
        reverse("mailroom:add_photo", args=[item.pk]), {"photo": upload}
    )
    assert response.status_code == 400
    assert "is not a photo" in response.content.decode()
    item.refresh_from_db()
    assert not item.photo


def test_another_estates_photo_is_a_404(client_for, outsider, register_one):
    item = register_one()
    assert client_for(outsider).get(reverse("mailroom:photo", args=[item.pk])).status_code == 404
