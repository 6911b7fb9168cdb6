"""No page shows a contact to a role that sees contacts masked: every page and partial
that shows residents, complainants or callers, as every such role (a guard against a
template that prints a phone without `{% contact %}`)."""

import pytest
from django.urls import reverse

from desk import roles
from tenants.models import ContactReveal, Resident
from tests.factories import ComplaintFactory, UserFactory, WorkOrderFactory

CONTACTS = {
    "mobile": "13812345678",
    "phone_other": "02155551234",
    "email": "zhangwei@example.com",
    "id_number": "310101198001011234",
    "emergency_contact_phone": "13900001111",
}
VISITOR_PHONE = "13700004321"  # a caller who is not in the register
MASKED_ROLES = [role for role in roles.ROLES if role != roles.MANAGER]


@pytest.fixture
def world(occupancy, resident, unit):
    Resident.objects.filter(pk=resident.pk).update(**CONTACTS)
    # A resident's case reads the phone through its link (no copy); a visitor's keeps it.
    complaint = ComplaintFactory(unit=unit, resident=resident, complainant_phone="")
    visitor = ComplaintFactory(unit=unit, complainant_phone=VISITOR_PHONE)
    users = {
        role: UserFactory(username=f"p-{role}", roles=[role], estates=[unit.estate])
        for role in roles.ROLES
    }
    order = WorkOrderFactory(
        unit=unit,
        status="dispatched",
        assignee=users[roles.TECHNICIAN],
        requested_by_phone=VISITOR_PHONE,
    )
    residents_order = WorkOrderFactory(
        unit=unit,
        status="dispatched",
        assignee=users[roles.TECHNICIAN],
        resident=resident,
        requested_by_phone="",
    )
    return {
        "users": users,
        "complaint": complaint,
        "residents_order": residents_order,
        # The one designed exception: the assigned technician's call link on an open order,
        # each view of it logged (tests/workorders/test_call_link.py).
        "call_links": {
            (reverse("workorders:detail", args=[order.pk]), VISITOR_PHONE),
            (reverse("workorders:detail", args=[residents_order.pk]), CONTACTS["mobile"]),
        },
        "pages": [
            reverse("tenants:unit_list"),
            reverse("tenants:unit_detail", args=[unit.pk]),
            reverse("tenants:resident_list"),
            reverse("tenants:resident_list") + "?q=5678&unit=3-1502",
            reverse("tenants:resident_detail", args=[resident.pk]),
            reverse("tenants:resident_edit", args=[resident.pk]),
            reverse("tenants:move_in", args=[unit.pk]) + "?q=%E5%BC%A0%E4%BC%9F+5678",
            reverse("complaints:list"),
            reverse("complaints:board"),
            reverse("complaints:daily"),
            reverse("complaints:detail", args=[complaint.pk]),
            reverse("complaints:detail", args=[visitor.pk]),
            reverse("complaints:print", args=[complaint.pk]),
            reverse("complaints:print", args=[visitor.pk]),
            reverse("workorders:list"),
            reverse("workorders:daily_closing"),
            reverse("workorders:my_today"),
            reverse("workorders:detail", args=[order.pk]),
            reverse("workorders:print", args=[order.pk]),
            reverse("workorders:detail", args=[residents_order.pk]),
            reverse("workorders:print", args=[residents_order.pk]),
            reverse("workorders:create_from_complaint", args=[complaint.pk]),
        ],
    }


@pytest.mark.parametrize("role", MASKED_ROLES)
def test_no_page_shows_a_contact_to_a_role_without_the_permission(world, client_for, role):
    client = client_for(world["users"][role])
    shown = []
    seen_pages = 0
    for url in world["pages"]:
        for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
            response = client.get(url, **headers)
            if response.status_code != 200:
                continue
            seen_pages += 1
            html = response.content.decode()
            shown += [(url, v) for v in [*CONTACTS.values(), VISITOR_PHONE] if v in html]
    assert seen_pages > 0
    calls = world["call_links"] if role == roles.TECHNICIAN else set()
    assert [item for item in shown if item not in calls] == []
    assert sorted(set(shown) & calls) == sorted(calls)
    # Each page that showed a call link (twice each: the page and its partial) is in the log.
    assert ContactReveal.objects.count() == len([item for item in shown if item in calls])


def test_the_manager_sees_them(world, client_for):
    client = client_for(world["users"][roles.MANAGER])
    html = "".join(client.get(url).content.decode() for url in world["pages"][:6])
    assert [v for v in CONTACTS.values() if v not in html] == []


def test_the_manager_sees_the_residents_phone_through_the_cases_link(world, client_for):
    client = client_for(world["users"][roles.MANAGER])
    complaint, order = world["complaint"], world["residents_order"]
    pages = [
        reverse("complaints:detail", args=[complaint.pk]),
        reverse("complaints:print", args=[complaint.pk]),
        reverse("workorders:detail", args=[order.pk]),
        reverse("workorders:print", args=[order.pk]),
    ]
    missing = [url for url in pages if CONTACTS["mobile"] not in client.get(url).content.decode()]
    assert missing == []
