"""Issue 9's receptionist's day in one browser story: a call logged and turned into a
complaint, three parcels registered in one go, one collected by its code, and the shift
handover listing the other two, acknowledged by the next receptionist in her own session."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from complaints.models import Complaint
from desk import roles
from frontdesk.models import Handover, LogEntry
from mailroom.models import MailItem
from tenants.models import Occupancy, Unit
from tests.factories import (
    BuildingFactory,
    EstateFactory,
    OccupancyFactory,
    ResidentFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)
TRACKING = ["SF1000000001", "SF1000000002", "YT2000000003"]


@pytest.fixture
def world():
    estate = EstateFactory(name="翠湖花园", name_en="Green Lake Garden", code="CH")
    building = BuildingFactory(estate=estate, number="3")
    unit = UnitFactory(building=building, number="1502", floor=15, status=Unit.Status.OCCUPIED)
    owner = ResidentFactory(estate=estate, name="张伟", mobile="13812345678")
    OccupancyFactory(unit=unit, resident=owner, role=Occupancy.Role.OWNER)

    def staff(username, name):
        return UserFactory(
            username=username, first_name=name, roles=[roles.FRONT_DESK], estates=[estate]
        )

    return {"owner": owner, "day": staff("desk-day", "王芳"), "evening": staff("desk-eve", "陈静")}


def _sign(page):
    box = page.locator("#signature-canvas").bounding_box()
    page.mouse.move(box["x"] + 30, box["y"] + 40)
    page.mouse.down()
    for step in range(1, 10):
        page.mouse.move(box["x"] + 30 + step * 25, box["y"] + 40 + (step % 3) * 30)
    page.mouse.up()


def test_a_receptionists_day_from_a_call_to_the_acknowledged_handover(page_for, world, artifacts):
    desk = page_for(world["day"])

    # A call, logged and turned into a complaint.
    desk.goto(reverse("frontdesk:log"))
    expect(desk.locator("input[name=unit_label]")).to_be_focused()
    desk.keyboard.type("3-1502")
    expect(desk.locator("select[name=resident] option", has_text="张伟")).to_have_count(1)
    desk.select_option("select[name=resident]", label="张伟")
    desk.select_option("select[name=purpose]", value="complaint")
    desk.fill("[name=summary]", "楼上每晚装修到十一点")
    with desk.expect_navigation():
        desk.keyboard.press("Control+Enter")
    entry = LogEntry.objects.get()
    with desk.expect_navigation():
        desk.keyboard.press("Alt+c")  # the entry just logged becomes a complaint
    desk.select_option("select[name=category]", value="noise")
    with desk.expect_navigation():
        desk.keyboard.press("Control+Enter")
    complaint = Complaint.objects.get()
    assert (complaint.resident, complaint.description) == (world["owner"], entry.summary)

    # Three parcels from one courier, one submit.
    desk.goto(reverse("mailroom:register"))
    for row, tracking in enumerate(TRACKING):
        expect(desk.locator(f"input[name=rows-{row}-unit_label]")).to_be_focused()
        desk.keyboard.type("3-1502")
        expect(desk.locator(f"#rows-{row}-check")).to_contain_text("张伟")
        for _field in range(4):  # to the recipient, kind, shelf, then the tracking number
            desk.keyboard.press("Enter")
        expect(desk.locator(f"input[name=rows-{row}-tracking_number]")).to_be_focused()
        desk.keyboard.type(tracking)
        desk.keyboard.press("Enter")  # the scanner's Enter: the next row
    assert MailItem.objects.count() == 0
    with desk.expect_navigation():
        desk.keyboard.press("Control+Enter")
    expect(desk.locator("#mail-done")).to_contain_text("3 items registered")
    items = {item.tracking_number: item for item in MailItem.objects.all()}
    assert sorted(items) == sorted(TRACKING)

    # The resident collects the first one by its code.
    collected = items[TRACKING[0]]
    desk.goto(reverse("mailroom:pickup"))
    expect(desk.locator("#id_q")).to_be_focused()  # autofocus, before typing
    desk.keyboard.type(collected.pickup_code)
    with desk.expect_navigation():
        desk.keyboard.press("Enter")
    _sign(desk)
    with desk.expect_navigation():
        desk.click("#step-submit")
    expect(desk.locator("#mail-status")).to_have_text("Collected")

    # The handover lists the complaint waiting and the two parcels still at the desk.
    desk.goto(reverse("frontdesk:handover_new"))
    sections = desk.locator("#handover-sections")
    expect(sections.locator("[data-section='frontdesk.complaints']")).to_contain_text(
        complaint.number
    )
    expect(sections.locator("#handover-mail")).to_contain_text("2 items of mail wait at the desk")
    with desk.expect_navigation():
        desk.get_by_role("button", name="Hand over").click()
    handover = Handover.objects.get()

    evening = page_for(world["evening"])
    evening.goto(reverse("frontdesk:handover_list"))
    evening.locator("#handovers-waiting a").first.click()
    expect(evening.locator("#handover-mail")).to_contain_text("2 items of mail wait at the desk")
    with evening.expect_navigation():
        evening.click("#handover-acknowledge")
    handover.refresh_from_db()
    assert handover.acknowledged_by == world["evening"]
    evening.screenshot(path=str(artifacts / "desk-day-handover.png"), full_page=True)
