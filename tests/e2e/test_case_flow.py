"""Issue 3's done-when, in a real browser.

The receptionist takes a phone complaint; the rep gives the plan inside 30 minutes;
another complaint left unanswered shows as breached and escalated on the supervisor's
board; the rep turns the complaint into a work order; the technician finishes it on a
phone-sized screen; the rep verifies and records the return visit; the complaint closes.
"""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from complaints.models import Complaint
from complaints.services import complaint_receive, complaints_escalate_overdue
from desk import roles
from desk.clock import estate_year, local_date
from tenants.models import Occupancy, Unit
from tests.factories import (
    BuildingFactory,
    EstateFactory,
    OccupancyFactory,
    ResidentFactory,
    UnitFactory,
    UserFactory,
)
from workorders.models import WorkOrder

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
NUMBER = re.compile(r"TS-\d{4}-\d{6}")
THUMB_PX = 44  # the smallest comfortable touch target


@pytest.fixture
def world():
    estate = EstateFactory(name="翠湖花园", name_en="Green Lake Garden", code="CH")
    building = BuildingFactory(estate=estate, number="3")
    unit = UnitFactory(building=building, number="1502", floor=15, status=Unit.Status.OCCUPIED)
    occupant = ResidentFactory(estate=estate, name="张伟", mobile="13812345678")
    OccupancyFactory(unit=unit, resident=occupant, role=Occupancy.Role.OCCUPANT)

    def staff(username, name, role):
        return UserFactory(username=username, first_name=name, roles=[role], estates=[estate])

    return {
        "estate": estate,
        "unit": unit,
        "occupant": occupant,
        "front_desk": staff("frontdesk", "王芳", roles.FRONT_DESK),
        "rep": staff("rep", "李客服", roles.SERVICE_REP),
        "supervisor": staff("supervisor", "赵主管", roles.SUPERVISOR),
        "technician": staff("technician", "刘师傅", roles.TECHNICIAN),
    }


def submit(page, form, label):
    """Click a form's button and wait for the page the POST redirects to."""
    with page.expect_navigation():
        form.get_by_role("button", name=label).click()


def test_a_phone_complaint_goes_from_intake_through_a_work_order_to_closed(
    page_for, world, artifacts, tmp_path
):
    unit = world["unit"]

    # --- The receptionist takes the call.
    desk = page_for(world["front_desk"])
    desk.goto(reverse("complaints:list"))
    desk.click("#new-complaint")
    desk.select_option("select[name=channel]", "phone")
    desk.locator("input[name=unit_label]").press_sequentially("3-1502")
    # htmx swaps in the unit's occupants.
    expect(desk.locator("select[name=resident] option", has_text="张伟")).to_have_count(1)
    desk.select_option("select[name=resident]", label="张伟")
    desk.fill("input[name=subject]", "楼上装修噪音")
    desk.select_option("select[name=category]", "noise")
    desk.fill("textarea[name=description]", "晚上十点以后楼上还在电钻施工，影响休息。")
    submit(desk, desk.locator("#intake-form"), "Receive the complaint")
    expect(desk.locator(".alert-success")).to_contain_text(NUMBER)
    number = NUMBER.search(desk.locator("h1").inner_text()).group(0)
    received = Complaint.objects.get(number=number).received_at
    assert number == f"TS-{estate_year(world['estate'], received)}-{number[-6:]}"
    facts = desk.locator("#complaint-facts")
    expect(facts).to_contain_text("3-1502")
    expect(facts).to_contain_text("张伟")
    expect(facts).to_contain_text("Phone")
    expect(facts).to_contain_text("Noise")
    expect(desk.locator("#complaint-status")).to_have_text("Received")

    # --- The rep gives the handling plan within the 30 minutes.
    rep = page_for(world["rep"])
    rep.goto(reverse("complaints:list"))
    rep.get_by_role("link", name=number).click()
    # The live countdown: well inside the 30 minutes.
    expect(rep.locator("#complaint-clock")).to_contain_text(re.compile(r"\b2\d min \d\d s left"))
    actions = rep.locator("#complaint-actions")
    actions.locator("textarea[name=plan]").fill("今晚联系楼上业主停工，明天上午派工检查施工许可。")
    submit(rep, actions, "Give the handling plan")
    expect(rep.locator("#complaint-status")).to_have_text("Responded")
    expect(rep.locator("#complaint-clock")).to_contain_text("Answered in time")
    expect(rep.locator("#timeline")).to_contain_text("Handling plan given")

    # --- Another complaint, received 45 minutes ago, was never answered.
    received_at = timezone.now() - timedelta(minutes=45)
    late = complaint_receive(
        estate=world["estate"],
        unit=unit,
        channel=Complaint.Channel.IN_PERSON,
        category=Complaint.Category.PARKING,
        complainant_name="陈先生",
        subject="车位被占",
        description="固定车位被外来车辆占用。",
        occurred_on=local_date(world["estate"], received_at),  # the day it was received
        by=world["front_desk"],
        received_at=received_at,
    )
    assert complaints_escalate_overdue() == 1  # what the Celery task runs every minute

    supervisor = page_for(world["supervisor"])
    supervisor.goto(reverse("complaints:list"))
    supervisor.locator("#complaint-nav").get_by_role("link", name="Board").click()
    breached = supervisor.locator("#board-breached")
    expect(breached.get_by_role("row").filter(has_text=late.number)).to_contain_text("Breached")
    # Its live clock reads in words, not as "15:02" (which reads as hours).
    expect(breached.get_by_role("row").filter(has_text=late.number)).to_contain_text(
        re.compile(r"overdue 1\d min \d\d s")
    )
    expect(breached).not_to_contain_text(number)
    expect(supervisor.locator("#board-escalated")).to_contain_text(late.number)
    expect(supervisor.locator("#inbox-unread")).to_have_text("1")  # the bell in the top bar
    supervisor.locator("#inbox-bell").click()
    expect(supervisor.locator("#notifications")).to_contain_text(
        f"{late.number}: no handling plan by"
    )
    supervisor.locator("#notifications").get_by_role("button", name="Open").click()
    expect(supervisor.locator("#escalation")).to_contain_text("Escalated: Supervisor")
    expect(supervisor.locator("#timeline")).to_contain_text("escalated to the supervisor")

    # --- The rep turns the complaint into a work order and dispatches it.
    rep.get_by_role("link", name="Create work order").click()
    rep.select_option("select[name=trade]", "civil")
    expect(rep.locator("textarea[name=description]")).to_have_value(re.compile("电钻施工"))
    submit(rep, rep.locator("main form"), "Create work order")
    expect(rep.locator(".alert-success")).to_contain_text("created")
    order = WorkOrder.objects.get(complaint__number=number)
    expect(rep.locator("#order-facts")).to_contain_text(number)
    rep.locator("#order-actions").get_by_role("link", name="Dispatch").click()
    rep.select_option("select[name=assignee]", label="刘师傅")
    submit(rep, rep.locator("main form"), "Dispatch")
    expect(rep.locator("h1 .wo-status")).to_have_text("Dispatched")
    expect(rep.locator("#order-facts")).to_contain_text("刘师傅")

    # --- The technician does the work, on a phone.
    tech = page_for(world["technician"], viewport=PHONE, is_mobile=True, has_touch=True)
    tech.goto(reverse("workorders:list"))
    tech.get_by_role("link", name="My orders today").click()
    card = tech.locator(f"#order-{order.pk}")
    expect(card).to_contain_text("3-1502")
    submit(tech, card, "Start")
    expect(card.locator(".wo-status")).to_have_text("In progress")
    card.locator("textarea[name=work_notes]").fill("已与楼上业主沟通停工，检查楼板无损坏。")
    photo = tmp_path / "after.png"
    Image.new("RGB", (64, 48), (40, 120, 200)).save(photo)
    card.locator("input[name=photos]").set_input_files(photo)
    tech.screenshot(path=artifacts / "technician-phone.png", full_page=True)
    done_button = card.get_by_role("button", name="Work done")
    box = done_button.bounding_box()
    assert box["height"] >= THUMB_PX
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert tech.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    with tech.expect_navigation():
        done_button.tap()
    expect(tech.locator(".alert-success")).to_contain_text(f"{order.number} done")
    expect(card.locator(".wo-status")).to_have_text("Done")

    # --- The rep checks with the resident and closes the order.
    rep.reload()
    expect(rep.locator("h1 .wo-status")).to_have_text("Done")
    expect(rep.locator("#order-photos img")).to_have_count(1)
    rep.locator("#order-actions").get_by_role("link", name="Verify with resident").click()
    rep.check("input[name=satisfaction][value='5']")
    submit(rep, rep.locator("main form"), "Save")
    expect(rep.locator("h1 .wo-status")).to_have_text("Verified")
    submit(rep, rep.locator("#order-actions"), "Close")
    expect(rep.locator("h1 .wo-status")).to_have_text("Closed")

    # --- Back on the complaint: investigation, the supervisor's ruling, resolution.
    rep.locator("#order-facts").get_by_role("link", name=number).click()
    expect(rep.locator("#complaint-work-orders")).to_contain_text(order.number)
    expect(rep.locator("#complaint-work-orders")).to_contain_text("Closed")
    submit(rep, rep.locator("#complaint-actions"), "Start the investigation")
    expect(rep.locator("#complaint-status")).to_have_text("Investigating")

    supervisor.goto(reverse("complaints:detail", args=[order.complaint_id]))
    rule = supervisor.locator("#rule-form")
    rule.locator("input[name=validity][value=valid]").check()
    rule.locator("select[name=severity]").select_option("general")
    rule.locator("textarea[name=reason]").fill("夜间施工违反装修管理规定。")
    submit(supervisor, rule, "Rule")
    expect(supervisor.locator("#ruling")).to_contain_text("Valid · General")

    rep.reload()
    actions = rep.locator("#complaint-actions")
    actions.locator("textarea[name=resolution]").fill("楼上已停止夜间施工，楼板检查无损坏。")
    submit(rep, actions, "Resolve")
    expect(rep.locator("#complaint-status")).to_have_text("Resolved")
    actions.locator("input[name=satisfaction][value='5']").check()
    actions.locator("textarea[name=comment]").fill("业主表示满意。")
    submit(rep, actions, "Record the return visit")
    expect(rep.locator("#complaint-status")).to_have_text("Return visit done")
    expect(rep.locator("#complaint-facts")).to_contain_text("5/5 · 业主表示满意。")
    submit(rep, actions, "Close")

    expect(rep.locator("#complaint-status")).to_have_text("Closed")
    expect(rep.locator("#complaint-actions")).to_have_count(0)
    steps = rep.locator("#timeline > li strong")
    expect(steps).to_have_text(
        [
            "Received",
            "Handling plan given",
            "Investigation started",
            "Ruled",
            "Resolved",
            "Return visit",
            "Closed",
        ]
    )
