"""No visit page or export shows a resident's contact to a role that sees contacts masked."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from desk import roles
from tenants.models import Resident
from tests.factories import UserFactory

CONTACTS = {
    "mobile": "13812345678",
    "phone_other": "02155551234",
    "email": "zhangwei@example.com",
    "id_number": "310101198001011234",
    "emergency_contact_phone": "13900001111",
}
MASKED_ROLES = [role for role in roles.ROLES if role != roles.MANAGER]

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(record, resident, unit, estate):
    Resident.objects.filter(pk=resident.pk).update(**CONTACTS)
    users = {
        role: UserFactory(username=f"p-{role}", roles=[role], estates=[estate])
        for role in roles.ROLES
    }
    visit = record(opinions=[("门口有垃圾", "cleaning")])
    opinion = visit.opinions.get()
    return {
        "users": users,
        "pages": [
            reverse("visits:list"),
            reverse("visits:list") + "?unit=3-1502",
            reverse("visits:detail", args=[visit.pk]),
            reverse("visits:new", args=[unit.pk]),
            reverse("visits:opinion_answer", args=[opinion.pk]),
            reverse("visits:opinion_to_complaint", args=[opinion.pk]),
            reverse("visits:opinion_to_work_order", args=[opinion.pk]),
            reverse("visits:handling"),
            reverse("visits:plan") + "?plan=none",
            reverse("tenants:unit_detail", args=[unit.pk]),
        ],
        "exports": [reverse("visits:export")],
    }


def _workbook_text(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(BytesIO(content)).active
    return " ".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row if v)


@pytest.mark.parametrize("role", MASKED_ROLES)
def test_no_page_or_export_shows_a_contact_to_a_role_without_the_permission(
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
    for url in world["exports"]:
        response = client.get(url)
        if response.status_code == 200:
            seen += 1
            text = _workbook_text(response)
            shown += [(url, v) for v in CONTACTS.values() if v in text]
    assert seen > 0
    assert shown == []


def test_the_rep_sees_the_masked_number(world, client_for):
    html = client_for(world["users"][roles.SERVICE_REP]).get(reverse("visits:list")).content
    assert "138****5678" in html.decode()


def test_the_manager_sees_it_in_the_page_and_the_export(world, client_for):
    client = client_for(world["users"][roles.MANAGER])
    assert CONTACTS["mobile"] in client.get(reverse("visits:list")).content.decode()
    assert CONTACTS["mobile"] in _workbook_text(client.get(reverse("visits:export")))
