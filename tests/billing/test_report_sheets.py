"""Billing's sheets of the monthly workbook: the Fees sheet is the collection statistics
page of the month, the Arrears sheet the receivable-unpaid list, the Summary's targets and
the 12-month trend the same figures; totals checked against values computed by hand."""

import datetime
import io
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from billing.arrears import collection_statistics, monthly_trend
from billing.ladder import reminder_run
from billing.ladder_services import step_outcome_record
from billing.models import BillLine, FeeKind, LadderStep, Reason, Stage
from billing.payment_services import payment_take
from desk.monthly_report import build_workbook
from tests.billing.ladder_fixtures import at_ten, overdue_line
from tests.factories import BuildingFactory, FeeStandardFactory, UnitFactory

pytestmark = pytest.mark.django_db

MARCH = (2026, 3)


@pytest.fixture
def march(estate, unit, cashier, rep):
    """Building 3, unit 1502: February's property fee 100 and March's 100, March's water 30;
    on 20 March it pays 150 (February's 100 and 50 of March's) and the water. Building 5,
    unit 0801: January's property fee 80 and March's 200, nothing paid; the rep's visit
    heard it cannot pay until 10 April."""
    fee = FeeStandardFactory(estate=estate, name="物业费")
    water = FeeStandardFactory(estate=estate, name="水费", kind=FeeKind.WATER, order=200)
    other = UnitFactory(building=BuildingFactory(estate=estate, number="5"), number="0801")
    overdue_line(unit, fee, due=datetime.date(2026, 2, 15), amount="100.00")
    overdue_line(unit, fee, due=datetime.date(2026, 3, 15), amount="100.00")
    overdue_line(unit, water, due=datetime.date(2026, 3, 15), amount="30.00")
    overdue_line(other, fee, due=datetime.date(2026, 1, 15), amount="80.00")
    overdue_line(other, fee, due=datetime.date(2026, 3, 15), amount="200.00")
    for day in (1, 2, 3):  # 1502 reaches the deadline notice, 0801 the rep's visit
        reminder_run(estate=estate, today=datetime.date(2026, 3, day))
    visit = LadderStep.objects.get(unit=other, stage=Stage.REP_VISIT)
    step_outcome_record(
        step=visit,
        reason=Reason.HARDSHIP,
        expected_on=datetime.date(2026, 4, 10),
        note="",
        by=rep,
    )
    with at_ten(datetime.date(2026, 3, 20)):
        payment_take(unit=unit, amount=D("150.00"), method="cash", by=cashier)
        water_line = BillLine.objects.get(kind=FeeKind.WATER)
        payment_take(
            unit=unit, amount=D("30.00"), method="cash", by=cashier, line_ids=[water_line.pk]
        )
    return {"unit": unit, "other": other}


def _book(estate, language="en"):
    out = io.BytesIO()
    with translation.override(language):
        build_workbook(out, estate=estate, year=MARCH[0], month=MARCH[1])
    out.seek(0)
    return load_workbook(out)


def _rows(sheet):
    return {row[0].value: row for row in sheet.iter_rows(min_row=2) if row[0].value}


def test_the_fees_sheet_is_the_statistics_page_of_the_month(estate, march, manager, client_for):
    query = f"?estate={estate.pk}&year=2026&period=month&number=3"
    stats = client_for(manager).get(reverse("billing:statistics") + query).context["stats"]

    rows = _rows(_book(estate)["Fees"])

    for f in [*stats.by_kind, stats.total]:
        row = rows[str(f.label or "Total")]
        assert [row[1].value, row[2].value] == [float(f.receivable), float(f.collected)]
        assert row[3].value == pytest.approx(float(f.rate) / 100)
        assert [row[6].value, row[7].value] == [float(f.arrears), float(f.recovered)]
    for b in stats.by_building:
        row = rows[f"Building {b.label}"]
        assert [row[1].value, row[2].value] == [float(b.receivable), float(b.collected)]
    # By hand: the property fee 300 receivable (100 + 200), 50 collected: 16.7%; the arrears
    # brought in 180 (February's 100, January's 80), 100 of them recovered: 55.6%.
    prop = rows["Property management fee"]
    assert [c.value for c in prop[1:]] == [300, 50, 0.167, 0.95, "no", 180, 100, 0.556]
    assert (prop[1].number_format, prop[3].number_format) == ("¥#,##0.00", "0.0%")
    assert [c.value for c in rows["Water"][1:6]] == [30, 30, 1.0, 1.0, "yes"]
    assert [c.value for c in rows["Total"][1:3]] == [330, 80]
    assert [c.value for c in rows["Building 3"][1:3]] == [130, 80]
    assert [c.value for c in rows["Building 5"][1:8]] == [200, 0, 0.0, 0.95, "no", 80, 0]
    assert [c.value for c in rows["Building 3 · Water"][1:3]] == [30, 30]


def test_the_arrears_sheet_is_the_receivable_unpaid_list_aged_at_the_months_end(
    estate, march, manager, client_for
):
    with at_ten(datetime.date(2026, 3, 31)):
        page = client_for(manager).get(reverse("billing:arrears_list"))
    listed = [
        (u.label, u.age_30, u.age_90, u.arrears, u.stage) for u in page.context["object_list"]
    ]

    sheet = _book(estate)["Arrears"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]

    assert values[0][:8] == [
        "Building",
        "Unit",
        "0–30 days",
        "31–90 days",
        "91–180 days",
        "Over 180 days",
        "Total (CNY)",
        "Stage",
    ]
    body = values[1:3]
    assert [(r[1], r[2], r[3], r[6]) for r in body] == [
        (label, float(a30), float(a90), float(total)) for label, a30, a90, total, _s in listed
    ]
    # By hand on 31 March: 0801 owes March's 200 (16 days) and January's 80 (75 days), at
    # the rep's visit, which heard hardship and 10 April; 1502 owes 50 of March's fee.
    assert body == [
        [
            "5",
            "5-0801",
            200,
            80,
            0,
            0,
            280,
            "Home visit by the rep",
            "Cannot pay at the moment",
            datetime.datetime(2026, 4, 10),
        ],
        ["3", "3-1502", 50, 0, 0, 0, 50, "Deadline notice", None, None],
    ]
    assert sheet.cell(2, 3).number_format == "¥#,##0.00"
    assert sheet.cell(2, 10).number_format == "yyyy-mm-dd"
    total = next(r for r in values if r[0] == "Total")
    assert total[1:7] == ["2 units", 250, 80, 0, 0, 330]


def test_the_summary_shows_the_collection_targets_and_the_twelve_month_trend(estate, march):
    book = _book(estate)
    summary = _rows(book["Summary"])

    prop = summary["Property-fee collection rate"]
    assert (prop[1].value, prop[2].value, prop[3].value) == (0.167, "≥ 95%", "no")
    assert prop[1].fill.fgColor.rgb.endswith("FFC7CE")  # red
    utilities = summary["Utilities collection rate"]
    assert (utilities[1].value, utilities[2].value, utilities[3].value) == (1.0, "≥ 100%", "yes")
    assert summary["Other fees and paid services collection rate"][1].value == "—"
    assert summary["Arrears recovery rate"][1].value == 0.556
    # The trend: twelve months to March, each the month's own property-fee rate.
    trend = {
        key: row[1].value
        for key, row in summary.items()
        if isinstance(key, str) and key[:4] in ("2025", "2026")
    }
    assert list(trend) == [f"2025-{m:02d}" for m in range(4, 13)] + [
        "2026-01",
        "2026-02",
        "2026-03",
    ]
    assert (trend["2026-01"], trend["2026-02"], trend["2026-03"]) == (0.0, 0.0, 0.167)
    assert trend["2025-12"] is None  # nothing billed
    assert book["Summary"]._charts  # the chart is drawn


def test_the_trend_reads_each_month_as_the_statistics_do(estate, march):
    lines = BillLine.objects.filter(estate=estate)
    [figures] = monthly_trend(lines, year=2026, month=3, months=3).values()
    for f in figures:
        year, month = (int(part) for part in f.label.split("-"))
        stats = collection_statistics(lines, year=year, first_month=month, last_month=month)
        [prop] = [k for k in stats.by_kind if k.kind == FeeKind.PROPERTY]
        assert (f.receivable, f.collected, f.rate) == (prop.receivable, prop.collected, prop.rate)
    assert [(f.label, f.rate) for f in figures] == [
        ("2026-01", D("0.0")),
        ("2026-02", D("0.0")),
        ("2026-03", D("16.7")),
    ]


def test_the_summary_and_the_fees_sheet_sum_the_months_statistics_once(
    estate, march, django_assert_num_queries
):
    from django.core.cache import cache

    from billing.report_sheets import month_statistics

    cache.clear()
    first = month_statistics(estate, *MARCH)
    with django_assert_num_queries(1):  # the figures' version: nothing moved since
        again = month_statistics(estate, *MARCH)
    assert (again.total.receivable, again.total.collected) == (
        first.total.receivable,
        first.total.collected,
    )


def test_the_sheets_read_in_the_estates_language(estate, march):
    book = _book(estate, "zh-hans")
    assert book.sheetnames[1:3] == ["收费", "应收未收明细"]
    assert book["收费"]["A1"].value == "收费项目／楼栋"  # noqa: RUF001
    assert _rows(book["收费"])["物业管理费"][5].value == "否"
    assert book["应收未收明细"]["H2"].value == "客务代表上门走访"
