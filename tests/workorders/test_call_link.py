"""A technician calls the requester before the visit: the number of an order assigned to
them and still open is a tap-to-call link, and each time it is shown the contact-reveal log
gets a row; another technician's order and a finished one show nothing of the number."""

import pytest
from django.urls import reverse

from desk import roles
from tenants.models import ContactReveal
from tests.factories import ResidentFactory, UserFactory, WorkOrderFactory
from workorders.models import WorkOrder

S = WorkOrder.Status


def _page(client, order):
    return client.get(reverse("workorders:detail", args=[order.pk]))


@pytest.mark.parametrize("status", [S.DISPATCHED, S.IN_PROGRESS])
def test_the_assigned_technician_gets_a_call_link_and_each_view_is_logged(
    client_for, technician, unit, status
):
    order = WorkOrderFactory(unit=unit, assignee=technician, status=status)
    client = client_for(technician)
    html = _page(client, order).content.decode()
    assert 'href="tel:13812345678"' in html and 'id="call-requester"' in html
    _page(client, order)
    rows = list(ContactReveal.objects.order_by("pk"))
    assert [(r.revealed_by, r.subject, r.estate, r.field, r.purpose) for r in rows] == [
        (technician, order.number, order.estate, "requester_phone", "call")
    ] * 2


def test_a_residents_own_mobile_is_called_and_logged_against_the_resident(
    client_for, technician, unit
):
    resident = ResidentFactory(estate=unit.estate, mobile="13900001111")
    order = WorkOrderFactory(
        unit=unit,
        assignee=technician,
        status=S.DISPATCHED,
        resident=resident,
        requested_by_phone="",
    )
    html = _page(client_for(technician), order).content.decode()
    assert 'href="tel:13900001111"' in html
    assert ContactReveal.objects.get().resident == resident


def test_another_technicians_order_shows_nothing_and_logs_nothing(client_for, technician, unit):
    other = UserFactory(username="tech2", roles=[roles.TECHNICIAN], estates=[unit.estate])
    order = WorkOrderFactory(unit=unit, assignee=other, status=S.DISPATCHED)
    response = _page(client_for(technician), order)
    assert response.status_code == 404
    assert "13812345678" not in response.content.decode()
    assert not ContactReveal.objects.exists()


@pytest.mark.parametrize("status", [S.DONE, S.VERIFIED, S.CLOSED, S.CANCELLED])
def test_once_the_order_is_finished_the_number_is_masked_again(
    client_for, technician, unit, status
):
    reason = "a duplicate" if status == S.CANCELLED else ""
    order = WorkOrderFactory(unit=unit, assignee=technician, status=status, cancel_reason=reason)
    html = _page(client_for(technician), order).content.decode()
    assert "tel:" not in html and "13812345678" not in html
    assert "138****5678" in html
    assert not ContactReveal.objects.exists()


def test_a_dispatcher_with_the_contact_permission_logs_nothing(client_for, manager, unit):
    order = WorkOrderFactory(unit=unit, assignee=manager, status=S.DISPATCHED)
    html = _page(client_for(manager), order).content.decode()
    assert "13812345678" in html
    assert not ContactReveal.objects.exists()


def test_the_call_shows_in_the_managers_reveal_log_with_its_order(
    client_for, technician, manager, unit
):
    order = WorkOrderFactory(unit=unit, assignee=technician, status=S.DISPATCHED)
    _page(client_for(technician), order)
    client = client_for(manager)
    html = client.get(reverse("tenants:reveal_log")).content.decode()
    assert order.number in html and "call before the visit" in html
    client.cookies["django_language"] = "zh-hans"
    assert "上门前致电" in client.get(reverse("tenants:reveal_log")).content.decode()
