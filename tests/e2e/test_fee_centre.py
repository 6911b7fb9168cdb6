"""The fee centre in a real browser: the cashier types a building's meter readings from the
keyboard, runs the month, takes a partial then a full payment and prints the receipt."""

from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from billing.models import BillLine, FeeKind, MeterReading, Payment
from desk import roles
from tenants.models import Occupancy, Unit
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


def test_the_cashier_reads_the_meters_runs_the_month_and_takes_payments(
    page_for, celery_eager, artifacts
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
    FeeStandardFactory(estate=estate, name="水费", kind=FeeKind.WATER, rate=Decimal("3.00"))
    cashier = UserFactory(username="cashier", roles=[roles.CASHIER], estates=[estate])
    page = page_for(cashier)

    # The sheet: type a reading, Enter, the next; Enter in the last saves the sheet.
    page.goto(reverse("billing:readings") + f"?building={building.pk}&kind=water&period=2026-03")
    first = page.locator(f"input[name=r{units[0].pk}]")
    first.focus()
    page.keyboard.type("110")
    page.keyboard.press("Enter")
    expect(page.locator(f"input[name=r{units[1].pk}]")).to_be_focused()
    page.keyboard.type("120.5")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".alert-success")).to_contain_text("2 readings")
    assert MeterReading.objects.filter(month=3).count() == 2

    # The month, as a job with its page.
    page.goto(reverse("billing:run"))
    page.fill("input[name=period]", "2026-03")
    page.click("#start-bill-run")
    expect(page.locator("#bill-run-summary")).to_contain_text("2 bills with 4 lines made")

    # 3-1502: 89.50 m² × 2.00 + 20.5 m³ × 3.00 = 179.00 + 61.50 = 240.50. Pay 100, then the rest.
    page.goto(reverse("billing:cashier"))
    page.fill("input[name=unit]", "3-1502")
    page.keyboard.press("Enter")
    expect(page.locator("#to-pay")).to_have_text("240.50")
    page.fill("input[name=amount]", "100")
    page.click("#payment-form button[type=submit]")
    expect(page.locator(".pf-sheet")).to_contain_text("SJ-CH-")
    page.click("text=Back")
    expect(page.locator("#to-pay")).to_have_text("140.50")
    page.select_option("select[name=method]", "wechat")
    page.fill("input[name=reference]", "WX20260310001")
    page.click("#payment-form button[type=submit]")  # the amount is filled in: what is open
    sheet = page.locator(".pf-sheet")
    expect(sheet).to_contain_text("壹佰肆拾元伍角")
    expect(sheet.locator(".pf-half")).to_have_count(2)
    page.screenshot(path=artifacts / "fee-centre-receipt.png", full_page=True)

    assert [p.amount for p in Payment.objects.order_by("taken_at")] == [
        Decimal("100.00"),
        Decimal("140.50"),
    ]
    assert not BillLine.objects.filter(unit=units[1], status="open").exists()
    assert Occupancy.objects.count() == 2
