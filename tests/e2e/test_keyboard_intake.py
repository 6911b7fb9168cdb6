"""A phone complaint logged with the keyboard only, from the home page, in at most 12
actions (each key chord, field typed or selection counts one), and saved with the right
unit, resident and category; the shortcuts' help on "?" with this platform's chords; the
assignee picker filtering by pinyin initials."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from complaints.models import Complaint
from desk import roles
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
MAX_ACTIONS = 12


@pytest.fixture
def world():
    estate = EstateFactory(name="翠湖花园", name_en="Green Lake Garden", code="CH")
    building = BuildingFactory(estate=estate, number="3")
    unit = UnitFactory(building=building, number="1502", status=Unit.Status.OCCUPIED)
    occupant = ResidentFactory(estate=estate, name="张伟", mobile="13812345678")
    OccupancyFactory(unit=unit, resident=occupant, role=Occupancy.Role.OWNER)
    desk = UserFactory(
        username="frontdesk", first_name="王芳", roles=[roles.FRONT_DESK], estates=[estate]
    )
    for username, name in (("rep1", "李娜"), ("rep2", "张伟"), ("rep3", "赵强")):
        UserFactory(username=username, first_name=name, roles=[roles.SERVICE_REP], estates=[estate])
    return {"estate": estate, "unit": unit, "occupant": occupant, "desk": desk}


class Keyboard:
    """The receptionist's hands: every call is one counted action."""

    def __init__(self, page):
        self.page, self.actions = page, []

    def press(self, chord):
        self.actions.append(chord)
        self.page.keyboard.press(chord)

    def type(self, text):
        self.actions.append(text)
        self.page.keyboard.type(text)


def test_a_phone_complaint_from_the_home_page_in_at_most_12_actions(page_for, world):
    page = page_for(world["desk"])
    expect(page).to_have_url(re.compile(r"/$"))  # the home page
    keys = Keyboard(page)

    keys.press("Alt+C")  # the intake, from any page; the cursor waits in the unit field
    page.wait_for_url("**" + reverse("complaints:new"))
    expect(page.locator("#id_unit_label")).to_be_focused()
    keys.type("3-1502")
    expect(page.locator("#id_resident option", has_text="张伟")).to_have_count(1)
    keys.press("Tab")
    keys.press("ArrowDown")  # the unit's occupant
    keys.press("Tab")  # past the name and phone the resident already gives
    expect(page.locator("#id_subject")).to_be_focused()
    keys.type("楼上装修噪音")
    keys.press("Tab")
    keys.press("n")  # Noise
    keys.press("Tab")
    keys.type("每天早上七点开始电钻施工，影响休息。")
    keys.press("Control+Enter")
    page.wait_for_url(re.compile(r"/complaints/\d+/$"))

    assert len(keys.actions) <= MAX_ACTIONS, keys.actions
    complaint = Complaint.objects.get()
    assert (complaint.unit, complaint.resident, complaint.category, complaint.channel) == (
        world["unit"],
        world["occupant"],
        Complaint.Category.NOISE,
        Complaint.Channel.PHONE,
    )
    assert complaint.subject == "楼上装修噪音"


def test_question_mark_lists_the_shortcuts_with_this_platforms_chords(page_for, world):
    page = page_for(world["desk"])
    page.keyboard.press("?")
    help = page.locator("#shortcut-help")
    expect(help).to_be_visible()
    expect(help).to_contain_text("Alt+C")
    expect(help.locator("dd", has_text="New complaint")).to_have_count(1)
    expect(help).to_contain_text("Ctrl+Enter")

    mac = page_for(
        world["desk"],
        user_agent="Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/537.36 Chrome/156",
    )
    mac.keyboard.press("?")
    expect(mac.locator("#shortcut-help")).to_contain_text("⌥C")
    expect(mac.locator("#shortcut-help")).to_contain_text("⌘↩")


def test_the_assignee_picker_finds_a_colleague_by_pinyin_initials(page_for, world):
    page = page_for(world["desk"])
    page.goto(reverse("complaints:new"))
    page.locator("#id_assignee").focus()
    page.keyboard.type("zq")
    expect(page.locator("#id_assignee option:checked")).to_contain_text("赵强")
    page.keyboard.type("x")  # "zqx": nobody; the pick stays
    expect(page.locator("#id_assignee option:checked")).to_contain_text("赵强")
    page.wait_for_timeout(1100)  # a pause starts a new search
    page.keyboard.type("zhangw")
    expect(page.locator("#id_assignee option:checked")).to_contain_text("张伟")
