"""The deposit and fee go through billing (desk.charges) without renovation importing it:
taken at approval, the deposit refunded less deductions at the acceptance, each once."""

from decimal import Decimal

import pytest
from django.urls import reverse

from desk import charges
from desk.errors import BusinessRuleError
from renovation import services
from renovation.models import Permit
from tests.factories import FeeStandardFactory
from tests.renovation.conftest import acceptance_ok

pytestmark = pytest.mark.django_db


@pytest.fixture
def fees(estate):
    deposit = FeeStandardFactory(estate=estate, name="装修押金", kind="deposit")
    fee = FeeStandardFactory(estate=estate, name="装修管理费", kind="one_off")
    return deposit, fee


def _accept(permit, by, **extra):
    return services.acceptance_record(
        permit=permit,
        by=by,
        engineer="孙工",
        checklist=acceptance_ok(),
        result="passed",
        owner_name="张伟",
        lead_name="陈师傅",
        **extra,
    )


def test_the_approval_takes_the_deposit_and_charges_the_fee(fees, permit, manager):
    services.permit_approve(permit=permit, by=manager)
    permit.refresh_from_db()
    assert (permit.deposit_charge, permit.fee_charge) == (charges.CHARGED, charges.CHARGED)
    deposit = charges.charge_state(source=permit, key="deposit")
    fee = charges.charge_state(source=permit, key="fee")
    assert (deposit.kind, deposit.amount, fee.amount) == (
        "deposit",
        Decimal("2000.00"),
        Decimal("300.00"),
    )


def test_the_refund_goes_to_billing_less_the_deductions(fees, permit, manager, cashier):
    from billing.models import BillLine
    from billing.payment_services import payment_take

    services.permit_approve(permit=permit, by=manager)
    payment_take(unit=permit.unit, amount=Decimal("2300.00"), method="cash", by=cashier)
    assert not BillLine.objects.exclude(status="paid").exists()
    _accept(permit, manager, deductions=[(Decimal("200"), "楼道墙面修补")])
    permit.refresh_from_db()
    assert (permit.refund_charge, permit.refund) == (charges.REFUNDED, Decimal("1800.00"))
    state = charges.charge_state(source=permit, key="deposit")
    assert state.refund == Decimal("1800.00")


def test_a_refused_charge_is_kept_and_asked_again(permit, manager, client_for, estate):
    services.permit_approve(permit=permit, by=manager)  # no fee standards yet: refused
    permit.refresh_from_db()
    assert (permit.status, permit.deposit_charge) == ("approved", charges.REFUSED)
    page = client_for(manager).get(reverse("renovation:detail", args=[permit.pk]))
    assert "not taken by billing" in page.content.decode()
    FeeStandardFactory(estate=estate, name="装修押金", kind="deposit")
    FeeStandardFactory(estate=estate, name="装修管理费", kind="one_off")
    client_for(manager).post(reverse("renovation:money", args=[permit.pk]))
    permit.refresh_from_db()
    assert (permit.deposit_charge, permit.fee_charge) == (charges.CHARGED, charges.CHARGED)
    with pytest.raises(BusinessRuleError, match="already"):
        services.permit_money_retry(permit=permit, by=manager)
    assert Permit.objects.get().deposit_charge == charges.CHARGED


def test_an_unpaid_deposit_is_not_refunded_but_the_permit_closes(fees, permit, manager):
    services.permit_approve(permit=permit, by=manager)
    _accept(permit, manager)
    permit.refresh_from_db()
    assert (permit.status, permit.refund_charge) == ("closed", charges.REFUSED)
