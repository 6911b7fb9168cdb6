"""Issue 11's done-when, in a real browser: a rep on a 390 px wide phone records a visit with
two opinions, turns one into a work order and answers the other; a resident answers a survey
by the link printed on their sheet on a phone-sized screen (no login, nothing of the unit
shown, once); the manager sees the return rate move."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from desk import roles
from desk.clock import estate_today
from tests.factories import (
    BuildingFactory,
    EstateFactory,
    OccupancyFactory,
    ResidentFactory,
    UnitFactory,
    UserFactory,
)
from visits.models import Opinion, SurveyResponse, Visit
from visits.survey_services import QuestionSpec, sheet_token, survey_create
from workorders.models import WorkOrder

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def world():
    estate = EstateFactory(name="翠湖花园", name_en="Green Lake Garden", code="CH")
    building = BuildingFactory(estate=estate, number="3")
    unit = UnitFactory(building=building, number="1502", floor=15)
    neighbour = UnitFactory(building=building, number="1602", floor=16)
    resident = ResidentFactory(estate=estate, name="张伟", mobile="13812345678")
    OccupancyFactory(unit=unit, resident=resident)
    OccupancyFactory(unit=neighbour, resident=ResidentFactory(estate=estate, name="李娜"))

    def staff(username, name, role):
        return UserFactory(username=username, first_name=name, roles=[role], estates=[estate])

    manager = staff("manager", "周经理", roles.MANAGER)
    today = estate_today(estate)
    survey = survey_create(
        estate=estate,
        title="下半年业户满意度调查",
        starts_on=today - datetime.timedelta(days=2),
        ends_on=today + datetime.timedelta(days=20),
        scope="estate",
        questions=[
            QuestionSpec(kind="score", service="cleaning"),
            QuestionSpec(kind="score", service="security"),
            QuestionSpec(kind="yes_no", text="您是否愿意推荐？", text_en="Would you recommend us?"),
        ],
        by=manager,
    )
    return {
        "estate": estate,
        "unit": unit,
        "rep": staff("rep", "李客服", roles.SERVICE_REP),
        "manager": manager,
        "survey": survey,
        "sheet": survey.sheets.get(unit=unit),
    }


def submit(page, locator):
    with page.expect_navigation():
        locator.click()


def test_a_rep_records_a_visit_on_a_phone_and_closes_both_opinions(page_for, world, artifacts):
    phone = page_for(world["rep"], viewport=PHONE, is_mobile=True, has_touch=True)
    phone.goto(reverse("visits:find_unit"))
    phone.fill("input[name=unit_label]", "3-1502")
    submit(phone, phone.get_by_role("button", name="Go to the unit"))
    assert phone.url.endswith(reverse("visits:new", args=[world["unit"].pk]))

    phone.get_by_label("张伟").check()
    phone.fill("textarea[name=opinion-0-text]", "卫生间天花板渗水")
    phone.select_option("select[name=opinion-0-category]", "repairs")
    phone.fill("textarea[name=opinion-1-text]", "希望增加快递柜")
    phone.select_option("select[name=opinion-1-category]", "suggestion")
    # Nothing wider than the phone: no sideways scrolling.
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    submit(phone, phone.get_by_role("button", name="Record the visit"))
    visit = Visit.objects.get()
    assert (visit.unit, visit.met.name, visit.visited_by) == (
        world["unit"],
        "张伟",
        world["rep"],
    )
    leak, suggestion = visit.opinions.order_by("pk")
    expect(phone.locator(".opinion")).to_have_count(2)

    item = phone.locator(f".opinion[data-opinion='{leak.pk}']")
    submit(phone, item.get_by_role("link", name="Turn into a work order"))
    phone.select_option("select[name=trade]", "plumbing")
    submit(phone, phone.get_by_role("button", name="Create work order"))
    order = WorkOrder.objects.get()
    expect(phone.locator(f".opinion[data-opinion='{leak.pk}'] .opinion-state")).to_contain_text(
        order.number
    )

    item = phone.locator(f".opinion[data-opinion='{suggestion.pk}']")
    submit(phone, item.get_by_role("link", name="Answer"))
    phone.fill("textarea[name=answer]", "已向物业公司提出，明年一季度安装")
    submit(phone, phone.get_by_role("button", name="Save the answer"))
    expect(
        phone.locator(f".opinion[data-opinion='{suggestion.pk}'] .opinion-state")
    ).to_contain_text("明年一季度安装")
    phone.screenshot(path=str(artifacts / "visit-on-phone.png"), full_page=True)
    assert Opinion.objects.open().count() == 0
    assert (order.unit, order.description) == (world["unit"], "卫生间天花板渗水")


def test_a_resident_answers_by_the_link_and_the_manager_sees_the_return_rate_move(
    browser, live_server, page_for, world, artifacts
):
    survey, sheet = world["survey"], world["sheet"]
    desk = page_for(world["manager"])
    desk.goto(reverse("visits:survey_detail", args=[survey.pk]))
    expect(desk.locator("#return-rate")).to_have_text("0.0%")
    expect(desk.locator("#answered")).to_have_text("0 / 2")

    # The resident: no login, on a phone, the link of their sheet.
    context = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, locale="en-US", base_url=live_server.url
    )
    try:
        resident = context.new_page()
        link = reverse("visits:survey_answer", args=[sheet.code, sheet_token(sheet)])
        resident.goto(link)
        expect(resident.get_by_role("heading", name="下半年业户满意度调查")).to_be_visible()
        body = resident.locator("main").inner_text()
        assert "1502" not in body and "张伟" not in body and "翠湖" not in body
        cleaning, security, recommend = survey.questions.order_by("position")
        resident.locator(f"input[name=q{cleaning.pk}][value='2']").check()
        resident.locator(f"input[name=q{security.pk}][value='5']").check()
        resident.locator(f"input[name=q{recommend.pk}][value='yes']").check()
        assert resident.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        resident.screenshot(path=str(artifacts / "survey-on-phone.png"), full_page=True)
        submit(resident, resident.get_by_role("button", name="Send my answer"))
        expect(resident.locator("#survey-thanks")).to_be_visible()
        # Once: the link is closed now.
        resident.goto(link)
        expect(resident.locator("#survey-refused")).to_contain_text("answered already")
    finally:
        context.close()

    response = SurveyResponse.objects.get()
    assert (response.sheet, response.channel) == (sheet, "phone")
    desk.reload()
    expect(desk.locator("#return-rate")).to_have_text("50.0%")
    expect(desk.locator("#answered")).to_have_text("1 / 2")
    # The low score waits for an answer, on the survey's page.
    expect(desk.locator("#survey-opinions .opinion")).to_have_count(1)
    desk.goto(reverse("home"))
    expect(desk.locator("#home-return-rate")).to_have_text("50.0%")
