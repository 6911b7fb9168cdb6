"""A reversal asked by the cashier reaches every manager's inbox, in the reader's language,
with the link to the page where they approve it."""

from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import translation

from billing.payment_services import payment_take, reversal_request
from billing.services import bill_run
from desk.inbox import notification_text
from desk.models import Notification

pytestmark = pytest.mark.django_db


def test_the_manager_is_told_and_approves_from_the_link(
    estate, unit, occupancy, property_fee, cashier, manager, client_for
):
    bill_run(estate=estate, year=2026, month=3)
    payment = payment_take(unit=unit, amount=D("100"), method="cash", by=cashier)
    request = reversal_request(payment=payment, reason="收错房号", by=cashier)

    [note] = Notification.objects.filter(kind="billing.reversal_asked")
    assert note.recipient == manager
    with translation.override("en"):
        assert notification_text(note) == (
            f"{cashier.display_name} asks to reverse receipt {payment.number} (100.00): 收错房号"
        )
    with translation.override("zh-hans"):
        assert "申请冲销收据" in notification_text(note)
    assert not Notification.objects.filter(recipient=cashier, kind="billing.reversal_asked")

    client = client_for(manager)
    page = client.get(note.url)
    assert page.status_code == 200
    assert f'id="reversal-{request.pk}"' in page.content.decode()
    approved = client.post(reverse("billing:reversal_approve", args=[request.pk]))
    assert approved.status_code == 302
    assert payment.__class__.objects.filter(reverses=payment).exists()
