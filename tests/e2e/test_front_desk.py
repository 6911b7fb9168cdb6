"""Issue 9's front desk in a real browser: a call logged with the keyboard only while an
outage is on, turned into a complaint with the keyboard; the shift handover shows what is
open and the next receptionist acknowledges it in her own session."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from complaints.models import Complaint
from desk import roles
from frontdesk import services
from frontdesk.models import Handover, LogEntry
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

    day, evening = staff("desk-day", "王芳"), staff("desk-evening", "陈静")
    now = timezone.now()
    incident = services.incident_announce(
        estate=estate,
        kind="water",
        title="3号楼停水",
        buildings=[building],
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=4),
        script="水箱清洗，预计16点恢复供水",
        by=day,
    )
    return {"unit": unit, "owner": owner, "day": day, "evening": evening, "incident": incident}


def test_a_call_logged_by_keyboard_becomes_a_complaint_and_the_shift_is_handed_over(
    page_for, world, artifacts
):
    desk = page_for(world["day"])
    desk.goto(reverse("frontdesk:log"))
    unit_field = desk.locator("input[name=unit_label]")
    expect(unit_field).to_be_focused()  # the quick entry starts in the unit
    desk.keyboard.type("3-1502")
    # The outage of building 3 shows as soon as the unit is typed, with what to say.
    expect(desk.locator("#unit-alerts")).to_contain_text("水箱清洗，预计16点恢复供水")
    expect(desk.locator("select[name=resident] option", has_text="张伟")).to_have_count(1)
    desk.keyboard.press("Tab")
    expect(desk.locator("select[name=resident]")).to_be_focused()
    desk.keyboard.press("ArrowDown")  # the unit's one occupant
    desk.keyboard.press("Tab")  # name (not a resident)
    desk.keyboard.press("Tab")  # phone
    desk.keyboard.press("Tab")  # purpose
    desk.keyboard.type("c")  # Complaint
    desk.keyboard.press("Tab")
    desk.keyboard.type("楼上每晚装修到十一点")
    with desk.expect_navigation():
        desk.keyboard.press("Control+Enter")
    entry = LogEntry.objects.get()
    assert (entry.resident, entry.purpose, entry.summary) == (
        world["owner"],
        "complaint",
        "楼上每晚装修到十一点",
    )
    expect(desk.locator("#logged")).to_contain_text("张伟")
    expect(unit_field).to_be_focused()  # the form stays, ready for the next call
    desk.screenshot(path=str(artifacts / "frontdesk-log.png"), full_page=True)

    with desk.expect_navigation():
        desk.keyboard.press("Alt+c")  # turn the entry just logged into a complaint
    expect(desk.locator("select[name=category]")).to_be_focused()
    desk.keyboard.type("n")  # Noise
    desk.keyboard.press("Tab")
    with desk.expect_navigation():
        desk.keyboard.press("Enter")
    complaint = Complaint.objects.get()
    assert (complaint.category, complaint.description, complaint.resident) == (
        "noise",
        "楼上每晚装修到十一点",
        world["owner"],
    )
    expect(desk.locator("#case-origin")).to_be_visible()  # linked back to the log

    # The day shift hands over: the waiting complaint and the outage are listed.
    desk.goto(reverse("frontdesk:handover_new"))
    sections = desk.locator("#handover-sections")
    expect(sections.locator("[data-section='frontdesk.complaints']")).to_contain_text(
        complaint.number
    )
    expect(sections.locator("[data-section='frontdesk.incidents']")).to_contain_text("3号楼停水")
    desk.fill("textarea[name=notes]", "1502 投诉待回复")
    with desk.expect_navigation():
        desk.get_by_role("button", name="Hand over").click()
    handover = Handover.objects.get()
    expect(desk.locator("#handover-acknowledge")).to_have_count(0)  # not by its author

    # The evening receptionist, in her own session, acknowledges it.
    evening = page_for(world["evening"])
    evening.goto(reverse("frontdesk:handover_list"))
    evening.locator("#handovers-waiting a").first.click()
    expect(evening.locator("[data-section='frontdesk.complaints']")).to_contain_text(
        complaint.number
    )
    with evening.expect_navigation():
        evening.click("#handover-acknowledge")
    expect(evening.locator("#handover-acknowledged")).to_contain_text("陈静")
    handover.refresh_from_db()
    assert handover.acknowledged_by == world["evening"]
    evening.screenshot(path=str(artifacts / "frontdesk-handover.png"), full_page=True)
