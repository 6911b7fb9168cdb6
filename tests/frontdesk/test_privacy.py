"""No front-desk page or export shows a contact to a role that sees contacts masked: the
resident's numbers, a caller's own number and the phone of whoever left a message."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from desk import roles
from frontdesk import services
from frontdesk.models import LogEntry
from tenants.models import Resident
from tests.factories import UserFactory

CONTACTS = {
    "mobile": "13812345678",
    "phone_other": "02155551234",
    "email": "zhangwei@example.com",
    "id_number": "310101198001011234",
    "emergency_contact_phone": "13900001111",
}
CALLER_PHONE = "13700004321"
MESSAGE_PHONE = "13600009876"
MASKED_ROLES = [role for role in roles.ROLES if role != roles.MANAGER]
SECRETS = [*CONTACTS.values(), CALLER_PHONE, MESSAGE_PHONE]

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(occupancy, resident, unit, estate, building):
    Resident.objects.filter(pk=resident.pk).update(**CONTACTS)
    users = {
        role: UserFactory(username=f"p-{role}", roles=[role], estates=[estate])
        for role in roles.ROLES
    }
    desk = users[roles.FRONT_DESK]
    now = timezone.now()
    residents = services.log_entry_create(
        estate=estate,
        kind="call",
        unit=unit,
        resident=resident,
        purpose="repair",
        summary="漏水",
        outcome="passed_on",
        department="engineering",
        at=now - timedelta(hours=2),
        resolve_by=now - timedelta(hours=1),
        by=desk,
    )
    visitor = services.log_entry_create(
        estate=estate,
        kind="visit",
        unit=unit,
        caller_name="快递员",
        caller_phone=CALLER_PHONE,
        purpose="visitor",
        summary="找1502",
        outcome="answered",
        by=desk,
    )
    message = services.message_leave(
        estate=estate,
        recipient=users[roles.TECHNICIAN],
        from_name="陈女士",
        from_phone=MESSAGE_PHONE,
        unit=unit,
        text="请回电",
        by=desk,
    )
    incident = services.incident_announce(
        estate=estate,
        kind="water",
        title="停水",
        buildings=[building],
        starts_at=now,
        ends_at=now + timedelta(hours=1),
        script="稍等",
        by=desk,
    )
    services.log_entry_create(
        estate=estate,
        kind="call",
        unit=unit,
        caller_name="邻居",
        caller_phone=CALLER_PHONE,
        purpose="inquiry",
        summary="停水",
        outcome="answered",
        incident=incident,
        by=desk,
    )
    release = services.release_pass_issue(
        unit=unit,
        resident=resident,
        items="沙发",
        carrier="搬家",
        valid_on=timezone.localdate(),
        by=desk,
    )
    handover = services.handover_hand(estate=estate, by=desk, checked=[])
    return {
        "users": users,
        "pages": [
            reverse("frontdesk:log"),
            reverse("frontdesk:log") + "?unit_label=3-1502",
            reverse("frontdesk:occupants") + f"?estate={estate.pk}&unit_label=3-1502",
            reverse("frontdesk:log_list"),
            reverse("frontdesk:log_list") + "?unit=3-1502",
            reverse("frontdesk:entry_detail", args=[residents.pk]),
            reverse("frontdesk:entry_detail", args=[visitor.pk]),
            reverse("frontdesk:entry_to_complaint", args=[visitor.pk]),
            reverse("frontdesk:message_list"),
            reverse("frontdesk:my_messages"),
            reverse("frontdesk:message_detail", args=[message.pk]),
            reverse("frontdesk:incident_detail", args=[incident.pk]),
            reverse("frontdesk:pass_list"),
            reverse("frontdesk:pass_new") + "?unit_label=3-1502",
            reverse("frontdesk:pass_detail", args=[release.pk]),
            reverse("frontdesk:pass_print", args=[release.pk]),
            reverse("frontdesk:unit_authorise", args=[unit.pk]),
            reverse("frontdesk:handover_new"),
            reverse("frontdesk:handover_detail", args=[handover.pk]),
            reverse("tenants:unit_detail", args=[unit.pk]),
            reverse("tenants:unit_alerts") + "?unit_label=3-1502",
        ],
        "exports": [reverse("frontdesk:log_export"), reverse("frontdesk:pass_export")],
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
            shown += [(url, v) for v in SECRETS if v in html]
    for url in world["exports"]:
        response = client.get(url)
        if response.status_code == 200:
            seen += 1
            text = _workbook_text(response)
            shown += [(url, v) for v in SECRETS if v in text]
    assert seen > 0
    assert shown == []


def test_the_front_desk_sees_the_masked_form(world, client_for):
    html = (
        client_for(world["users"][roles.FRONT_DESK])
        .get(reverse("frontdesk:log_list"))
        .content.decode()
    )
    assert "137****4321" in html


def test_the_manager_sees_them(world, client_for):
    client = client_for(world["users"][roles.MANAGER])
    html = client.get(reverse("frontdesk:log_list")).content.decode()
    assert CALLER_PHONE in html
    assert CALLER_PHONE in _workbook_text(client.get(reverse("frontdesk:log_export")))
    assert LogEntry.objects.count() == 3
