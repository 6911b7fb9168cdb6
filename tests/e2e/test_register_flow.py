"""The foundation's done-when, in a real browser.

A new user logs in, switches to 中文, finds unit 3-1502, sees its occupants with masked
phones as front desk and unmasked as manager, moves a resident out and another in, and
exports the tenant list.
"""

import re

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

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

UNMASKED_MOBILE = re.compile(r"1\d{10}")
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def register():
    estate = EstateFactory(name="翠湖花园", name_en="Green Lake Garden", code="CH")
    building = BuildingFactory(estate=estate, number="3")
    unit = UnitFactory(building=building, number="1502", floor=15, status=Unit.Status.OCCUPIED)
    UnitFactory(building=building, number="1501", floor=15)
    owner = ResidentFactory(estate=estate, name="张伟", mobile="13812345678")
    OccupancyFactory(unit=unit, resident=owner, role=Occupancy.Role.OWNER)
    front_desk = UserFactory(
        username="frontdesk", first_name="王芳", roles=[roles.FRONT_DESK], estates=[estate]
    )
    manager = UserFactory(
        username="manager", first_name="陈经理", roles=[roles.MANAGER], estates=[estate]
    )
    return {"unit": unit, "owner": owner, "front_desk": front_desk, "manager": manager}


def test_front_desk_works_the_register_in_chinese_and_the_manager_sees_phones(
    page_for, register, artifacts, tmp_path
):
    unit, owner = register["unit"], register["owner"]
    page = page_for(register["front_desk"])

    # Switch to 中文 with the navbar switcher (auto-submits through desk.js).
    expect(page.locator("nav")).to_contain_text("Units")
    with page.expect_navigation():
        page.select_option("select[name=language]", "zh-hans")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.locator("nav")).to_contain_text("房号")
    expect(page.locator("nav")).to_contain_text("业户")
    expect(page.locator("nav")).not_to_contain_text("Units")

    # The navbar search goes straight to the unit page.
    page.fill("nav input[name=q]", "3-1502")
    page.press("nav input[name=q]", "Enter")
    page.wait_for_url(re.compile(rf"/units/{unit.pk}/$"))
    expect(page.locator("h1")).to_contain_text("3-1502")
    current = page.locator("#current-occupants")
    expect(current).to_contain_text("张伟")
    expect(current).to_contain_text("业主")
    expect(current).to_contain_text("138****5678")
    expect(page.locator("main")).not_to_contain_text("13812345678")

    # Move the owner out.
    current.get_by_role("link", name="迁出").click()
    today = timezone.localdate().isoformat()
    page.fill("input[name=move_out]", today)
    page.fill("input[name=reason]", "房屋出售")
    page.get_by_role("button", name="迁出").click()
    page.wait_for_url(re.compile(rf"/units/{unit.pk}/$"))
    expect(page.locator(".alert-success")).to_contain_text("张伟已迁出 3-1502")
    expect(page.locator("#current-occupants")).to_contain_text("目前无人居住")

    # Move a new resident in.
    page.get_by_role("link", name="入住").click()
    page.select_option("select[name=role]", "occupant")
    page.fill("input[name=move_in]", today)
    page.fill("input[name=name]", "李娜")
    page.fill("input[name=mobile]", "13987654321")
    page.get_by_role("button", name="入住").click()
    page.wait_for_url(re.compile(rf"/units/{unit.pk}/$"))
    expect(page.locator(".alert-success")).to_contain_text("李娜已入住 3-1502")
    current = page.locator("#current-occupants")
    expect(current).to_contain_text("李娜")
    expect(current).to_contain_text("住户")
    expect(current).to_contain_text("139****4321")
    past = page.locator("#past-occupants")
    expect(past).to_contain_text("张伟")
    expect(past).to_contain_text("房屋出售")
    expect(page.locator("main")).not_to_contain_text(UNMASKED_MOBILE)

    page.screenshot(path=artifacts / "unit-page-zh-desktop.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=artifacts / "unit-page-zh-phone.png", full_page=True)
    page.set_viewport_size(DESKTOP)

    # Export the tenant list from the unit list: masked for the front desk.
    page.locator("nav").get_by_role("link", name="房号").click()
    page.wait_for_url(re.compile(r"/units/$"))
    with page.expect_download() as download_info:
        page.get_by_role("link", name="导出 Excel").click()
    download = download_info.value
    assert download.suggested_filename == "tenant-list.xlsx"
    workbook_path = tmp_path / "tenant-list.xlsx"
    download.save_as(workbook_path)
    sheet = openpyxl.load_workbook(workbook_path).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert sheet.title == "业户名单"
    assert rows[0][:2] == ["项目", "房号"]
    by_unit = {row[1]: row for row in rows[1:]}
    assert by_unit["3-1502"][5:7] == ["住户", "李娜"]
    assert by_unit["3-1502"][9] == "139****4321"
    assert by_unit["3-1501"][6] in ("", None)
    assert not any(UNMASKED_MOBILE.fullmatch(str(cell)) for row in rows for cell in row if cell)

    # The manager sees the phone numbers unmasked.
    manager_page = page_for(register["manager"])
    manager_page.goto(reverse("tenants:resident_detail", args=[owner.pk]))
    expect(manager_page.locator("#mobile")).to_have_text("13812345678")
    manager_page.goto(reverse("tenants:unit_detail", args=[unit.pk]))
    expect(manager_page.locator("#current-occupants")).to_contain_text("13987654321")
