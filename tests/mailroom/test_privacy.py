"""The masking sweep of the mail room: no page, partial or export shows a resident's
contact to a role without the contact permission; the manager sees them."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from desk import roles
from mailroom.services import mail_hand_out
from tenants.models import Resident
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CONTACTS = {
    "mobile": "13812345678",
    "phone_other": "02155551234",
    "email": "zhangwei@example.com",
    "id_number": "310101198001011234",
    "emergency_contact_phone": "13900001111",
}
MASKED_ROLES = [role for role in roles.ROLES if role != roles.MANAGER]


@pytest.fixture
def world(occupancy, resident, unit, register_one, front_desk):
    Resident.objects.filter(pk=resident.pk).update(**CONTACTS)
    waiting = register_one(tracking_number="SF1")
    signed = register_one(tracking_number="SF2")
    mail_hand_out(item=signed, by=front_desk, code=signed.pickup_code, signed_name="张伟")
    users = {
        role: UserFactory(username=f"p-{role}", roles=[role], estates=[unit.estate])
        for role in roles.ROLES
    }
    pages = [
        reverse("mailroom:list"),
        reverse("mailroom:list") + "?q=3-1502",
        reverse("mailroom:list") + "?q=%E5%BC%A0%E4%BC%9F",
        reverse("mailroom:detail", args=[waiting.pk]),
        reverse("mailroom:detail", args=[signed.pk]),
        reverse("mailroom:hand_out", args=[waiting.pk]),
        reverse("mailroom:deliver", args=[waiting.pk]),
        reverse("mailroom:void", args=[waiting.pk]),
        reverse("mailroom:return_to_sender", args=[waiting.pk]),
        reverse("mailroom:pickup") + "?q=3-1502",
        reverse("mailroom:slips") + f"?ids={waiting.pk}",
        reverse("mailroom:register"),
        reverse("mailroom:row_check") + "?rows-0-unit_label=3-1502",
        reverse("tenants:unit_detail", args=[unit.pk]),
        reverse("home"),
    ]
    return {"users": users, "pages": pages}


@pytest.mark.parametrize("role", MASKED_ROLES)
def test_no_mail_page_or_export_shows_a_contact_to_a_role_without_the_permission(
    world, client_for, role
):
    client = client_for(world["users"][role])
    shown, seen = [], 0
    for url in world["pages"]:
        for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
            response = client.get(url, **headers)
            if response.status_code != 200:
                continue
            seen += 1
            html = response.content.decode()
            shown += [(url, v) for v in CONTACTS.values() if v in html]
    export = client.get(reverse("mailroom:export"))
    if export.status_code == 200:
        cells = [
            str(c)
            for r in load_workbook(io.BytesIO(b"".join(export.streaming_content))).active.values
            for c in r
        ]
        shown += [("export", v) for v in CONTACTS.values() if v in cells]
        assert "138****5678" in cells
    assert seen > 0
    assert shown == []


def test_the_manager_sees_the_phone_on_the_page_and_in_the_export(world, client_for):
    client = client_for(world["users"][roles.MANAGER])
    assert CONTACTS["mobile"] in client.get(world["pages"][3]).content.decode()
    export = client.get(reverse("mailroom:export"))
    cells = [
        str(c)
        for r in load_workbook(io.BytesIO(b"".join(export.streaming_content))).active.values
        for c in r
    ]
    assert CONTACTS["mobile"] in cells
