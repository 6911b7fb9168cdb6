"""The inbox in a real browser: a technician on a phone sees the unread count in the top bar
(not hidden in the collapsed menu) and follows the notification to the work order."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from desk import roles
from tests.factories import BuildingFactory, EstateFactory, UnitFactory, UserFactory
from workorders import services
from workorders.models import Source, Trade

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


def test_a_technician_on_a_phone_sees_and_follows_a_notification(page_for, artifacts):
    estate = EstateFactory(name="翠湖花园", name_en="Green Lake Garden", code="CH")
    unit = UnitFactory(building=BuildingFactory(estate=estate, number="3"), number="1502")
    rep = UserFactory(username="rep", roles=[roles.SERVICE_REP], estates=[estate])
    technician = UserFactory(
        username="tech", first_name="李师傅", roles=[roles.TECHNICIAN], estates=[estate]
    )
    order = services.workorder_create(
        estate=estate,
        unit=unit,
        source=Source.REPAIR_CALL,
        trade=Trade.PLUMBING,
        description="厨房水管漏水",
        by=rep,
    )
    services.workorder_dispatch(order=order, assignee=technician, by=rep)

    page = page_for(technician, viewport=PHONE, is_mobile=True, has_touch=True)
    expect(page.locator("#mainnav")).to_be_hidden()  # the menu is collapsed
    expect(page.locator("#inbox-unread")).to_be_visible()
    expect(page.locator("#inbox-unread")).to_have_text("1")
    page.screenshot(path=artifacts / "inbox-phone-top-bar.png")

    page.locator("#inbox-bell").click()
    expect(page.locator("#notifications")).to_contain_text(
        f"Work order {order.number} is yours: 3-1502."
    )
    page.screenshot(path=artifacts / "inbox-phone.png", full_page=True)
    page.locator("#notifications").get_by_role("button", name="Open").click()
    page.wait_for_url(f"**{reverse('workorders:detail', args=[order.pk])}")
    expect(page.locator("#inbox-unread")).to_have_count(0)

    # On a desktop the bell closes the top bar, after the menu and the account.
    desk = page_for(technician)
    expect(desk.locator("#inbox-bell")).to_be_visible()
    desk.screenshot(path=artifacts / "inbox-desktop-top-bar.png")
