"""No renovation page shows a resident's contact to a role that sees contacts masked (the
masking sweep of tests/desk/test_privacy.py, over renovation's pages and exports)."""

import pytest
from django.urls import reverse

from desk import roles
from renovation import services
from tenants.models import Resident
from tests.desk.test_privacy import CONTACTS, MASKED_ROLES
from tests.factories import UserFactory
from tests.renovation.conftest import all_ok, apply_for, photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(occupancy, resident, unit):
    Resident.objects.filter(pk=resident.pk).update(**CONTACTS)
    users = {
        role: UserFactory(username=f"r-{role}", roles=[role], estates=[unit.estate])
        for role in roles.ROLES
    }
    permit = apply_for(unit, resident, users[roles.FRONT_DESK])
    services.permit_approve(permit=permit, by=users[roles.MANAGER])
    services.patrol_record(
        permit=permit, by=users[roles.SERVICE_REP], checklist=all_ok(), photos=[photo()]
    )
    violation = services.violation_record(
        permit=permit, by=users[roles.SERVICE_REP], kind="facade", description="外窗"
    )
    pages = [
        reverse("renovation:list"),
        reverse("renovation:export"),
        reverse("renovation:violation_list"),
        reverse("renovation:violation_export"),
        reverse("renovation:today"),
        reverse("renovation:weekly"),
        reverse("renovation:weekly_export"),
        reverse("renovation:detail", args=[permit.pk]),
        reverse("renovation:patrol", args=[permit.pk]),
        reverse("renovation:violation_new", args=[permit.pk]),
        reverse("renovation:accept", args=[permit.pk]),
        reverse("renovation:notice", args=[violation.pk]),
        reverse("renovation:follow_up", args=[violation.pk]),
        reverse("tenants:unit_detail", args=[unit.pk]),
        reverse("renovation:apply") + "?unit_label=3-1502",
    ]
    return users, pages


def _body(response):
    if response.get("Content-Type", "").startswith("application/vnd.openxml"):
        from io import BytesIO

        from openpyxl import load_workbook

        book = load_workbook(BytesIO(b"".join(response.streaming_content)))
        return " ".join(
            str(value)
            for sheet in book
            for row in sheet.iter_rows(values_only=True)
            for value in row
        )
    return response.content.decode()


@pytest.mark.parametrize("role", MASKED_ROLES)
def test_no_renovation_page_shows_a_contact(world, client_for, role):
    users, pages = world
    client = client_for(users[role])
    seen, shown = 0, []
    for url in pages:
        for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
            response = client.get(url, **headers)
            if response.status_code != 200:
                continue
            seen += 1
            body = _body(response)
            shown += [(url, value) for value in CONTACTS.values() if value in body]
    assert seen > 0
    assert shown == []
