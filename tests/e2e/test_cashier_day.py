"""The cashier's day in a real browser: the building's meter readings (typed on the sheet,
and next month from an Excel file with its preview), the month run, the payment notice
printed with its number, a partial then a full payment with the receipt, the day closed and
signed; and the manager sees the collection rate move on the collection statistics."""

import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import Workbook
from playwright.sync_api import expect

from billing.models import CashUp, MeterReading, Payment
from desk import roles
from tenants.models import Unit
from tests.factories import (
    BuildingFactory,
    EstateFactory,
    FeeStandardFactory,
    MeterReadingFactory,
    OccupancyFactory,
    ResidentFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


def _readings_file(path, rows):
    book = Workbook()
    sheet = book.active
    sheet.append(["房号", "读数"])
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    path.write_bytes(out.getvalue())
    return path


def test_readings_month_notice_payments_receipt_and_cash_up(
    page_for, celery_eager, artifacts, tmp_path
):
    estate = EstateFactory(name="翠湖花园", code="CH")
    building = BuildingFactory(estate=estate, number="3")
    units = [
        UnitFactory(building=building, number=n, floor=15, status=Unit.Status.OCCUPIED)
        for n in ("1501", "1502")
    ]
    for unit in units:
        OccupancyFactory(unit=unit, resident=ResidentFactory(estate=estate), role="owner")
        MeterReadingFactory(unit=unit, year=2026, month=2, start=0, reading=Decimal("100"))
    FeeStandardFactory(estate=estate, name="物业管理费", rate=Decimal("2.00"))
    FeeStandardFactory(estate=estate, name="水费", kind="water", rate=Decimal("3.00"))
    cashier = UserFactory(username="cashier", roles=[roles.CASHIER], estates=[estate])
    manager = UserFactory(username="manager", roles=[roles.MANAGER], estates=[estate])
    page = page_for(cashier)

    # March's readings typed on the building's sheet, from the keyboard.
    page.goto(reverse("billing:readings") + f"?building={building.pk}&kind=water&period=2026-03")
    page.locator(f"input[name=r{units[0].pk}]").focus()
    page.keyboard.type("110")
    page.keyboard.press("Enter")
    page.keyboard.type("120.5")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".alert-success")).to_contain_text("2 readings")

    # April's from Excel: the preview flags nothing and names no error; then saved.
    page.goto(reverse("billing:reading_import"))
    page.select_option("select[name=kind]", "water")
    page.fill("input[name=period]", "2026-04")
    page.set_input_files(
        "input[name=file]",
        str(_readings_file(tmp_path / "april.xlsx", [("3-1501", 118), ("3-1502", "131")])),
    )
    page.click("#reading-preview")
    expect(page.locator("#reading-summary")).to_contain_text("2 readings to save")
    expect(page.locator("#reading-preview-rows")).to_contain_text("10.50")
    page.click("#reading-save")
    expect(page.locator(".alert-success")).to_contain_text("2 readings of 2026-04 saved")
    assert MeterReading.objects.filter(month=4).count() == 2

    # March is run as a job.
    page.goto(reverse("billing:run"))
    page.fill("input[name=period]", "2026-03")
    page.click("#start-bill-run")
    expect(page.locator("#bill-run-summary")).to_contain_text("2 bills with 4 lines made")

    # The manager's collection statistics of this month: March's 449.50 (3-1502's 240.50 and
    # 3-1501's 209.00) is arrears brought forward, none of it recovered yet.
    boss = page_for(manager)
    boss.goto(reverse("billing:statistics"))
    total = boss.locator("#by-kind tfoot tr")
    expect(total.locator("td").nth(3)).to_have_text("449.50")
    expect(total.locator("td").nth(5)).to_have_text("0.0%")

    # The building's notices, two A5 to the sheet; then 3-1502's own from its account.
    page.goto(reverse("billing:notice_batch"))
    page.select_option("select[name=building]", str(building.pk))
    page.fill("input[name=period]", "2026-03")
    page.click("#print-notices")
    expect(page.locator(".pf-notice")).to_have_count(2)
    page.goto(reverse("billing:cashier"))
    page.fill("input[name=unit]", "3-1502")
    page.keyboard.press("Enter")
    expect(page.locator("#to-pay")).to_have_text("240.50")
    page.click("#print-notice")
    notice = page.locator(".pf-sheet")
    expect(notice.locator(".pf-notice")).to_have_count(2)  # the payer's and the fee centre's
    expect(notice).to_contain_text("Total to pay (CNY)")
    expect(notice).to_contain_text("240.50")
    expect(notice).to_contain_text("How to pay")
    expect(notice.locator(".pf-number").first).to_have_text(re.compile(r"^JF-CH-\d{4}-\d{6}$"))
    page.screenshot(path=artifacts / "payment-notice.png", full_page=True)
    page.click("text=Back")

    # A partial payment, then the rest by WeChat Pay; the receipt in two copies.
    page.fill("input[name=amount]", "100")
    page.click("#payment-form button[type=submit]")
    expect(page.locator(".pf-sheet")).to_contain_text("SJ-CH-")
    page.click("text=Back")
    expect(page.locator("#to-pay")).to_have_text("140.50")
    page.select_option("select[name=method]", "wechat")
    page.fill("input[name=reference]", "WX20260310001")
    page.click("#payment-form button[type=submit]")
    receipt = page.locator(".pf-sheet")
    expect(receipt).to_contain_text("壹佰肆拾元伍角")
    expect(receipt.locator(".pf-half")).to_have_count(2)

    # The day: 100 in cash, 140.50 by WeChat; counted and signed.
    page.goto(reverse("billing:cashup"))
    expect(page.locator("#cashup-expected")).to_have_text("240.50")
    page.fill("input[name=counted_cash]", "100")
    page.fill("input[name=counted_wechat]", "140.50")
    page.fill("input[name=signed_name]", "王收费")
    page.click("#cashup-form button[type=submit]")
    expect(page.locator(".alert-success")).to_contain_text("closed and signed")
    expect(page.locator("#cashup-counted")).to_have_text("240.50")

    # The manager sees the rate move: 240.50 of the 449.50 recovered today, 53.5%.
    boss.reload()
    expect(total.locator("td").nth(4)).to_have_text("240.50")
    expect(total.locator("td").nth(5)).to_have_text("53.5%")
    boss.screenshot(path=artifacts / "collection-statistics.png", full_page=True)

    assert [p.amount for p in Payment.objects.order_by("taken_at")] == [
        Decimal("100.00"),
        Decimal("140.50"),
    ]
    closed = CashUp.objects.get()
    assert (closed.expected, closed.counted) == (Decimal("240.50"), Decimal("240.50"))
