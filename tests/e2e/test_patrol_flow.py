"""Issue 10's patrol done-when, in a real browser: a rep on a 390 px wide phone walks a
public-area round (a point typed in, the items ticked with the thumb), reloads half-way
without losing what was ticked or typed, adds a finding with a photo and turns it into a
dispatched work order, submits; the supervisor reviews it from the queue with a comment,
then signs the day's other log (no finding) in bulk, and the queue is empty."""

import pytest
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from desk import roles
from inspections import services
from inspections.models import Finding, PatrolPoint, Round, RoundType
from tests.factories import BuildingFactory, EstateFactory, UserFactory
from workorders.models import WorkOrder

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
THUMB_PX = 44  # the smallest comfortable touch target


@pytest.fixture
def world():
    estate = EstateFactory(name="翠湖花园", name_en="Green Lake Garden", code="CH")
    building = BuildingFactory(estate=estate, number="3")
    points = [
        PatrolPoint.objects.create(
            estate=estate,
            round_type=RoundType.PUBLIC_AREA,
            building=building,
            name=name,
            position=i,
            code=f"CH3P{i}",
        )
        for i, name in enumerate(["大堂", "电梯厅"], start=1)
    ]

    def staff(username, name, role):
        return UserFactory(username=username, first_name=name, roles=[role], estates=[estate])

    return {
        "estate": estate,
        "building": building,
        "points": points,
        "rep": staff("rep", "李客服", roles.SERVICE_REP),
        "rep2": staff("rep2", "孙客服", roles.SERVICE_REP),
        "supervisor": staff("supervisor", "赵主管", roles.SUPERVISOR),
        "technician": staff("technician", "刘师傅", roles.TECHNICIAN),
    }


def submit(page, locator):
    with page.expect_navigation():
        locator.click()


def test_a_round_on_a_phone_with_a_finding_made_a_work_order_then_signed(
    page_for, world, artifacts, tmp_path
):
    # The day's other log: a signage round by another rep, without findings.
    other = services.round_start(
        estate=world["estate"],
        round_type=RoundType.SIGNAGE,
        by=world["rep2"],
        building=world["building"],
    )
    for item in other.checklist.items.all():
        services.round_check_item(round=other, item=item, ok=True, by=world["rep2"])
    services.round_submit(round=other, by=world["rep2"])

    # --- The rep, on a phone.
    phone = page_for(world["rep"], viewport=PHONE, is_mobile=True, has_touch=True)
    phone.goto(reverse("inspections:today"))
    line = phone.locator(".insp-due", has_text="Public area · Building 3")
    submit(phone, line.get_by_role("button", name="Start"))
    round_ = Round.objects.get(round_type=RoundType.PUBLIC_AREA)
    assert phone.url.endswith(reverse("inspections:round", args=[round_.pk]))

    # The first point's sticker, typed in.
    phone.fill("#scan-form input[name=code]", "ch3p1")
    submit(phone, phone.locator("#scan-form").get_by_role("button", name="Record"))
    expect(phone.locator(f"#point-{world['points'][0].pk}.insp-point-done")).to_have_count(1)

    items = list(round_.checklist.items.order_by("position"))
    ok = phone.locator(f"#item-{items[0].pk} button[name=ok][value='1']")
    box = ok.bounding_box()
    assert box["height"] >= THUMB_PX and box["width"] >= THUMB_PX
    for item in items[:3]:
        card = phone.locator(f"#item-{item.pk}")
        submit(phone, card.locator("button[name=ok][value='1']"))
    expect(phone.locator("#ticked")).to_have_text("3 of 6")

    # Half-way, the finding typed but not sent; the page reloads (a lost tab, a call).
    phone.fill("#finding-form textarea[name=description]", "电梯厅顶灯不亮")
    phone.fill("#finding-form input[name=location]", "电梯厅")
    phone.reload()
    expect(phone.locator("#ticked")).to_have_text("3 of 6")
    expect(phone.locator("#finding-form textarea[name=description]")).to_have_value(
        "电梯厅顶灯不亮"
    )
    expect(phone.locator("#finding-form input[name=location]")).to_have_value("电梯厅")

    photo = tmp_path / "lamp.jpg"
    Image.new("RGB", (40, 30), "gray").save(photo, "JPEG")
    phone.set_input_files("#finding-form input[name=photo]", str(photo))
    submit(phone, phone.locator("#finding-form").get_by_role("button", name="Add the finding"))
    finding = Finding.objects.get()
    card = phone.locator(f"#finding-{finding.pk}")
    expect(card).to_contain_text("电梯厅顶灯不亮")
    expect(card.get_by_role("link", name="Photo")).to_be_visible()
    # What was typed was sent: nothing is kept for the next finding.
    expect(phone.locator("#finding-form textarea[name=description]")).to_have_value("")

    # The finding's work order: the technician chosen, one tap to create and dispatch it.
    card.locator("select[name=assignee]").select_option(label="刘师傅")
    submit(phone, card.get_by_role("button", name="Make a work order"))
    order = WorkOrder.objects.get()
    expect(phone.locator(f"#finding-{finding.pk} .insp-order")).to_have_text(order.number)
    assert (order.status, order.assignee, order.source) == (
        "dispatched",
        world["technician"],
        "patrol",
    )

    for item in items[3:]:
        card = phone.locator(f"#item-{item.pk}")
        submit(phone, card.locator("button[name=ok][value='1']"))
    phone.screenshot(path=str(artifacts / "patrol-round-phone.png"), full_page=True)
    submit(phone, phone.locator("#submit-form").get_by_role("button", name="Submit the round"))
    assert phone.url.endswith(reverse("inspections:today"))
    round_.refresh_from_db()
    assert (round_.status, round_.finding_count, round_.points_missed) == ("submitted", 1, 1)

    # --- The supervisor's daily review: the queue, oldest first.
    desk = page_for(world["supervisor"])
    desk.goto(reverse("inspections:review_queue"))
    rows = desk.locator("#queue-table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Signage")
    # The round with a finding and a missed point is reviewed on its own.
    expect(desk.locator(f"#queue-{round_.pk} input[name=rounds]")).to_have_count(0)
    submit(desk, desk.locator(f"#queue-{round_.pk}").get_by_role("link", name="Review"))
    expect(desk.locator("#round")).to_contain_text("Points missed: 1")
    desk.fill("#id_comment", "灯已派单维修，电梯厅点位补巡。")
    submit(desk, desk.get_by_role("button", name="Review and sign"))
    desk.locator(f"#queue-{other.pk} input[name=rounds]").check()
    submit(desk, desk.get_by_role("button", name="Sign the selected rounds"))
    expect(desk.locator("#queue-table")).to_contain_text("Nothing waits for review.")

    assert set(Round.objects.values_list("status", "reviewed_by")) == {
        ("reviewed", world["supervisor"].pk)
    }
    assert Round.objects.get(pk=round_.pk).review_comment == "灯已派单维修，电梯厅点位补巡。"
