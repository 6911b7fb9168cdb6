"""The mail room in a real browser: a receptionist registers a parcel from the keyboard (the
scanner's Enter after the tracking number goes to the next row, never submits), then hands
it out against its pickup code with a signature drawn on the screen."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from desk import roles
from mailroom.models import MailItem
from tests.factories import (
    BuildingFactory,
    EstateFactory,
    OccupancyFactory,
    ResidentFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_parcel_registered_from_the_keyboard_is_handed_out_against_its_code(page_for, artifacts):
    estate = EstateFactory(name="翠湖花园", code="CH")
    unit = UnitFactory(building=BuildingFactory(estate=estate, number="3"), number="1502", floor=15)
    OccupancyFactory(unit=unit, resident=ResidentFactory(estate=estate, name="张伟"))
    desk = UserFactory(username="desk", roles=[roles.FRONT_DESK], estates=[estate])
    page = page_for(desk)

    page.goto(reverse("mailroom:register"))
    unit_field = page.locator("input[name=rows-0-unit_label]")
    expect(unit_field).to_be_focused()
    page.keyboard.type("3-1502")
    expect(page.locator("#rows-0-check")).to_contain_text("张伟")  # found as it is typed
    page.keyboard.press("Enter")
    expect(page.locator("input[name=rows-0-recipient_name]")).to_be_focused()
    for _ in range(3):  # recipient (the owner), kind (as above), shelf
        page.keyboard.press("Enter")
    expect(page.locator("input[name=rows-0-tracking_number]")).to_be_focused()
    page.keyboard.type("SF1234567890")
    page.keyboard.press("Enter")  # the scanner's Enter: the next row, not a submit
    expect(page.locator("input[name=rows-1-unit_label]")).to_be_focused()
    assert MailItem.objects.count() == 0
    with page.expect_navigation():
        page.keyboard.press("Control+Enter")  # the sheet is registered
    expect(page.locator("#mail-done")).to_contain_text("1 item registered")
    item = MailItem.objects.get()
    assert (item.tracking_number, item.resident.name, item.received_by) == (
        "SF1234567890",
        "张伟",
        desk,
    )

    # The hand-out: the code shown, Enter; a signature; Sign for.
    page.goto(reverse("mailroom:pickup"))
    expect(page.locator("#id_q")).to_be_focused()  # autofocus, before typing
    page.keyboard.type(item.pickup_code)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("input[name=code]")).to_have_value(item.pickup_code)
    box = page.locator("#signature-canvas").bounding_box()
    page.mouse.move(box["x"] + 30, box["y"] + 40)
    page.mouse.down()
    for step in range(1, 12):
        page.mouse.move(box["x"] + 30 + step * 25, box["y"] + 40 + (step % 3) * 30)
    page.mouse.up()
    page.screenshot(path=artifacts / "mail_sign_for.png")
    with page.expect_navigation():
        page.click("#step-submit")
    expect(page.locator("#mail-status")).to_have_text("Collected")
    expect(page.locator("#mail-signature")).to_be_visible()
    item.refresh_from_db()
    assert (item.status, item.handed_by, item.collector_name) == ("collected", desk, "张伟")
    assert item.signature.read().startswith(b"\x89PNG")
