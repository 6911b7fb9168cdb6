"""The masking sweep over the ladder's and the arrears' pages and exports: no resident's
contact data for a role without the contact permission."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from billing.ladder import reminder_run
from billing.models import LadderStep, Stage
from desk import roles
from tenants.models import Resident
from tests.billing.ladder_fixtures import overdue_line
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
def pages(estate, unit, occupancy, resident, property_fee):
    Resident.objects.filter(pk=resident.pk).update(**CONTACTS)
    overdue_line(unit, property_fee, due=datetime.date(2026, 9, 15), payer=resident)
    for day in (1, 2, 3):
        reminder_run(estate=estate, today=datetime.date(2026, 12, day))
    visit = LadderStep.objects.get(stage=Stage.REP_VISIT)
    stats = f"?estate={estate.pk}&year=2026&period=year&number=1"
    return [
        reverse("billing:arrears_list"),
        reverse("billing:arrears_export"),
        reverse("billing:statistics") + stats,
        reverse("billing:statistics_export") + stats,
        reverse("billing:ladder_step", args=[visit.pk]),
        reverse("billing:reminder_batch"),
        reverse("billing:reminder_print"),
    ]


def _content(response):
    if response.get("Content-Type", "").startswith("application/vnd.openxml"):
        book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
        return " ".join(str(v) for sheet in book for row in sheet.values for v in row)
    return response.content.decode()


@pytest.mark.parametrize("role", MASKED_ROLES)
def test_no_ladder_or_arrears_page_shows_a_contact(pages, estate, client_for, role):
    client = client_for(UserFactory(username=f"k-{role}", roles=[role], estates=[estate]))
    read = 0
    for url in pages:
        response = client.get(url)
        if response.status_code != 200:
            continue
        read += 1
        content = _content(response)
        for field, value in CONTACTS.items():
            assert value not in content, (url, field)
    if role in (roles.CASHIER, roles.SUPERVISOR):
        assert read == len(pages)


def test_the_manager_reads_the_mobile_in_the_list(pages, manager, client_for):
    assert "13812345678" in _content(client_for(manager).get(pages[0]))
