"""A special paid service, finished, is charged to its unit through desk.charges; the
timeline says what became of it (on the next bill, or not charged and why)."""

from decimal import Decimal

import pytest

from desk import charges
from workorders import services
from workorders.models import Source, Status, WorkOrderEvent

pytestmark = pytest.mark.django_db


def _finish(order, technician):
    services.workorder_finish(order=order, by=technician, work_notes="更换龙头")
    return WorkOrderEvent.objects.get(order=order, kind=WorkOrderEvent.Kind.FINISHED)


def test_a_finished_paid_service_is_charged_through_the_seam(make_order, technician, monkeypatch):
    asked = []

    def fake_charge(**kwargs):
        asked.append(kwargs)
        return charges.ChargeResult(ok=True, code=charges.PENDING, amount=kwargs["amount"])

    monkeypatch.setattr(charges, "charge", fake_charge)
    order = make_order(Status.IN_PROGRESS, source=Source.PAID_SERVICE, price=Decimal("80.00"))
    event = _finish(order, technician)
    assert [(a["unit"], a["amount"], a["source"]) for a in asked] == [
        (order.unit, Decimal("80.00"), order)
    ]
    assert event.values["charge"] == charges.PENDING
    assert "80.00" in event.detail


def test_a_repair_call_is_not_charged(make_order, technician, monkeypatch):
    monkeypatch.setattr(charges, "charge", lambda **kwargs: pytest.fail("charged"))
    event = _finish(make_order(Status.IN_PROGRESS), technician)
    assert "charge" not in event.values


def test_without_billing_the_timeline_records_it_was_not_charged(
    make_order, technician, monkeypatch
):
    monkeypatch.setattr(charges, "_backend", None)
    order = make_order(Status.IN_PROGRESS, source=Source.PAID_SERVICE, price=Decimal("80.00"))
    event = _finish(order, technician)
    assert event.values["charge"] == charges.UNAVAILABLE
    assert event.values["charge_reason"]
    order.refresh_from_db()
    assert order.status == Status.DONE  # the work is finished all the same
