"""The masking sweep over the fee centre's notices, refunds, cash-ups and weekly list (pages
and exports): no resident's contact data, whoever reads them."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from billing.cashup import cashup_close
from billing.models import BillLine, FeeKind
from billing.payment_services import payment_take
from billing.services import bill_run
from desk import charges, roles
from desk.clock import estate_today
from tenants.models import Resident
from tests.factories import FeeStandardFactory, UserFactory

pytestmark = pytest.mark.django_db

CONTACTS = {
    "mobile": "13812345678",
    "phone_other": "02155551234",
    "email": "zhangwei@example.com",
    "id_number": "310101198001011234",
    "emergency_contact_phone": "13900001111",
}


@pytest.fixture
def world(estate, building, unit, occupancy, resident, property_fee):
    Resident.objects.filter(pk=resident.pk).update(**CONTACTS)
    users = {
        role: UserFactory(username=f"m-{role}", roles=[role], estates=[estate])
        for role in roles.ROLES
    }
    cashier = users[roles.CASHIER]
    today = estate_today(estate)
    bill_run(estate=estate, year=today.year, month=today.month)
    FeeStandardFactory(estate=estate, name="押金", kind=FeeKind.DEPOSIT, rate=None)
    charges.deposit_take(unit=unit, amount="500", label="装修押金", source=resident)
    deposit = BillLine.objects.get(kind=FeeKind.DEPOSIT)
    payment_take(
        unit=unit,
        amount=Decimal("500"),
        method="cash",
        by=cashier,
        line_ids=[deposit.pk],
        payer_name="张伟",
    )
    charges.deposit_refund(source=resident, deductions=[("50", "清洁")])
    closed = cashup_close(estate=estate, cashier=cashier, day=today, counted={}, signed_name="王")
    from billing.models import DepositRefund

    refund = DepositRefund.objects.get()
    period = f"?period={today.year}-{today.month:02d}"
    return {
        "users": users,
        "pages": [
            reverse("billing:account", args=[unit.pk]),
            reverse("billing:notice", args=[unit.pk]) + period,
            reverse("billing:notice_batch")
            + f"?building={building.pk}&period={today.year}-{today.month:02d}",
            reverse("billing:refund_list"),
            reverse("billing:refund_detail", args=[refund.pk]),
            reverse("billing:cashup"),
            reverse("billing:cashup_list"),
            reverse("billing:cashup_detail", args=[closed.pk]),
            reverse("billing:cashup_print", args=[closed.pk]),
            reverse("billing:collection_week"),
        ],
        "exports": [
            reverse("billing:refund_export"),
            reverse("billing:cashup_export"),
            reverse("billing:collection_week_export"),
        ],
    }


def _workbook_text(response):
    content = b"".join(response.streaming_content)
    book = load_workbook(io.BytesIO(content), read_only=True)
    return " ".join(
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


@pytest.mark.parametrize("role", [r for r in roles.ROLES if r != roles.MANAGER])
def test_no_fee_page_or_export_shows_a_contact(world, client_for, role):
    client = client_for(world["users"][role])
    shown, seen = [], 0
    for url in world["pages"]:
        response = client.get(url)
        if response.status_code != 200:
            continue
        seen += 1
        html = response.content.decode()
        shown += [(url, v) for v in CONTACTS.values() if v in html]
    for url in world["exports"]:
        response = client.get(url)
        if response.status_code != 200:
            continue
        seen += 1
        found = _workbook_text(response)
        shown += [(url, v) for v in CONTACTS.values() if v in found]
    if role in (roles.CASHIER, roles.SERVICE_REP, roles.SUPERVISOR):
        assert seen > 0
    assert shown == []
