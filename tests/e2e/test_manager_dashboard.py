"""The manager's morning in a real browser: the dashboard's property-fee collection rate
against 95%, its 12-month trend drawn by Chart.js under the strict CSP (with the table
beside it), the rate followed to the month's collection statistics and exported to Excel;
then the last monthly workbook downloaded from the Reports page."""

import datetime
import io
from decimal import Decimal as D

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from playwright.sync_api import expect

from billing.models import BillLine
from billing.payment_services import payment_take
from desk import roles
from desk.clock import estate_today
from desk.monthly_report import previous_month, report_start
from tests.billing.ladder_fixtures import overdue_line
from tests.factories import (
    BuildingFactory,
    EstateFactory,
    FeeStandardFactory,
    OccupancyFactory,
    ResidentFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


def _download(page, click):
    with page.expect_download() as info:
        click()
    download = info.value
    return download.suggested_filename, load_workbook(
        io.BytesIO(open(download.path(), "rb").read())
    )


def test_the_manager_reads_the_dashboard_follows_the_rate_and_takes_the_workbooks(
    page_for, celery_eager, artifacts
):
    estate = EstateFactory(name="翠湖花园", name_en="Green Lake Garden", code="CH")
    unit = UnitFactory(building=BuildingFactory(estate=estate, number="3"), number="1502")
    OccupancyFactory(unit=unit, resident=ResidentFactory(estate=estate), role="owner")
    fee = FeeStandardFactory(estate=estate, name="物业管理费")
    today = estate_today(estate)
    last_year, last_month = previous_month(estate)
    # Last month's fee still unpaid; this month's 200, of which 150 is paid today: 75.0%.
    overdue_line(unit, fee, due=datetime.date(last_year, last_month, 15), amount="100.00")
    this_month = overdue_line(unit, fee, due=today.replace(day=15), amount="200.00")
    cashier = UserFactory(roles=[roles.CASHIER], estates=[estate])
    payment_take(unit=unit, amount=D("150.00"), method="cash", by=cashier, line_ids=[this_month.pk])
    manager = UserFactory(username="manager", roles=[roles.MANAGER], estates=[estate])
    run = report_start(estate=estate, year=last_year, month=last_month, by=manager)
    run.refresh_from_db()
    assert run.status == "done"

    violations = []
    page = page_for(manager)
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.reload()

    # The dashboard: the rate in red (below 95%), the trend drawn, its table for print.
    rate = page.locator("#home-collection [data-figure=collection-rate]")
    expect(rate).to_have_text("75.0%")
    expect(rate).to_have_class("home-figure link-danger")
    expect(page.locator("#home-collection canvas[data-drawn=true]")).to_have_count(1)
    table = page.locator("#home-collection table.desk-chart-table")
    expect(table.locator("tbody tr")).to_have_count(12)
    expect(table.locator("tbody tr").last).to_contain_text("75.0%")
    page.screenshot(path=artifacts / "manager-dashboard.png", full_page=True)
    assert violations == []

    # The rate opens the month's statistics, which say the same, and export them.
    rate.click()
    page.wait_for_url("**" + reverse("billing:statistics") + "?*")
    expect(page.locator("#by-kind tbody tr").first).to_contain_text("75.0")
    name, workbook = _download(page, lambda: page.click("#statistics-export"))
    assert name.startswith("collection-statistics-") and name.endswith(".xlsx")
    rows = list(workbook.active.values)
    fee_row = next(row for row in rows if row[0] == "Property management fee")
    assert (fee_row[1], fee_row[2], fee_row[3]) == (200, 150, 75)

    # The Reports page, from the top bar (under "More" at 1280 px): the last month's workbook.
    page.click("#main-menu-more > a")
    page.click("#main-menu >> text=Reports")
    page.wait_for_url("**" + reverse("reports"))
    name, workbook = _download(
        page, lambda: page.locator("#report-runs tbody tr").first.locator("text=Download").click()
    )
    assert name == f"monthly-CH-{last_year}-{last_month:02d}.xlsx"
    assert len(workbook.sheetnames) > 1  # the Summary, then a sheet per section
    assert BillLine.objects.filter(estate=estate).count() == 2
