"""The handling rate and the half-year visit rate against hand-computed values, on a fixture
that straddles the half-year (and month) boundary in the estate's zone (UTC+8): a visit at
23:30 on 30 June is the first half's, one at 00:10 on 1 July the second's, though both are
30 June in UTC."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from tests.factories import BuildingFactory, OccupancyFactory, ResidentFactory, UnitFactory
from visits import rates, services
from visits.models import Opinion, Visit

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
LAST_OF_JUNE = datetime.datetime(2026, 6, 30, 23, 30, tzinfo=SHANGHAI)
FIRST_OF_JULY = datetime.datetime(2026, 7, 1, 0, 10, tzinfo=SHANGHAI)
AUGUST = datetime.datetime(2026, 8, 3, 10, 0, tzinfo=SHANGHAI)


def _visit(unit, by, at, *, met=None, kind="routine", opinions=()):
    visit = Visit.objects.create(
        estate=unit.estate, unit=unit, met=met, kind=kind, at=at, visited_by=by
    )
    for text in opinions:
        Opinion.objects.create(
            estate=unit.estate,
            unit=unit,
            visit=visit,
            text=text,
            category="other",
            raised_at=at,
            answer_due=at + datetime.timedelta(days=3),
        )
    return visit


@pytest.fixture
def fixture(estate, unit, occupancy, area, rep, manager):
    """东区 holds building 3 (3-1502 and 3-1602, both lived in); building 5 is in no area
    (5-101 lived in, 5-102 empty: not due a visit)."""
    assert estate.time_zone == "Asia/Shanghai"
    second = UnitFactory(building=unit.building, number="1602", floor=16)
    second_resident = ResidentFactory(estate=estate, name="李娜")
    OccupancyFactory(unit=second, resident=second_resident)
    five = BuildingFactory(estate=estate, number="5")
    lone = UnitFactory(building=five, number="101", floor=1)
    lone_resident = ResidentFactory(estate=estate, name="王强")
    OccupancyFactory(unit=lone, resident=lone_resident)
    UnitFactory(building=five, number="102", floor=1)

    june = _visit(
        unit, manager, LAST_OF_JUNE, met=occupancy.resident, kind="director", opinions=["a"]
    )
    july = _visit(second, rep, FIRST_OF_JULY, met=second_resident, opinions=["b", "c"])
    _visit(lone, rep, FIRST_OF_JULY, met=None, opinions=["d"])  # nobody home
    _visit(unit, rep, AUGUST, met=occupancy.resident)
    services.opinion_answer(opinion=june.opinions.get(), answer="已处理", by=rep)
    b, _c = july.opinions.order_by("pk")
    services.opinion_answer(opinion=b, answer="已解释", by=rep)
    d = Opinion.objects.get(text="d")
    services.opinion_to_work_order(opinion=d, trade="plumbing", priority="normal", by=rep)
    return {"area": area, "lone": lone, "second": second}


def _rows(rows):
    return [(r.label, r.whole, r.part, r.rate) for r in rows]


def test_the_handling_rate_per_month_and_area(fixture, estate):
    june, june_total = rates.handling_rates(estate, 2026, 6, no_area_label="none")
    assert _rows(june) == [("东区", 1, 1, Decimal("100.0"))]
    july, july_total = rates.handling_rates(estate, 2026, 7, no_area_label="none")
    assert _rows(july) == [("东区", 2, 1, Decimal("50.0")), ("none", 1, 1, Decimal("100.0"))]
    assert (july_total.whole, july_total.part, july_total.rate) == (3, 2, Decimal("66.7"))
    assert july_total.overdue == 1 and not july_total.on_target and june_total.on_target
    assert rates.handling_rates(estate, 2026, 5, no_area_label="none") == (
        [],
        rates.RateRow("", "total"),
    )


def test_the_half_year_plan_for_the_director_and_each_area(fixture, estate):
    first = rates.half_year_plan(estate, 2026, 1, estate_label="all", no_area_label="none")
    assert _rows(first) == [
        ("all", 3, 1, Decimal("33.3")),
        ("东区", 2, 1, Decimal("50.0")),
        ("none", 1, 0, Decimal("0.0")),
    ]
    second = rates.half_year_plan(estate, 2026, 2, estate_label="all", no_area_label="none")
    assert _rows(second) == [
        ("all", 3, 0, Decimal("0.0")),
        ("东区", 2, 2, Decimal("100.0")),
        ("none", 1, 0, Decimal("0.0")),  # nobody home is not a visit of the household
    ]
    assert [u.label for u in second[0].missing] == ["3-1502", "3-1602", "5-101"]
    assert second[1].on_target and second[1].target == Decimal(98)


def test_the_target_is_the_estates(fixture, estate, manager):
    services.visit_settings_update(estate=estate, by=manager, answer_days=3, half_year_target=50)
    rows = rates.half_year_plan(estate, 2026, 1, estate_label="all", no_area_label="none")
    assert [r.on_target for r in rows] == [False, True, False]


def test_the_pages_show_the_rates_and_the_households_not_yet_visited(
    fixture, client_for, manager, estate
):
    client = client_for(manager)
    html = client.get(reverse("visits:handling"), {"month": "2026-07"}).content.decode()
    assert "50.0%" in html and "66.7%" in html
    response = client.get(reverse("visits:plan"), {"half": "2026-2", "plan": "director"})
    html = response.content.decode()
    assert "33.3%" not in html and "100.0%" in html
    assert [u.label for b, units in response.context["missing_by_building"] for u in units] == [
        "3-1502",
        "3-1602",
        "5-101",
    ]
    response = client.get(
        reverse("visits:plan"), {"half": "2026-1", "plan": str(fixture["area"].pk)}
    )
    assert [u.label for b, units in response.context["missing_by_building"] for u in units] == [
        "3-1602"
    ]


def test_the_plan_reads_the_same_queries_for_few_households_or_many(
    fixture, client_for, manager, estate
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(manager)
    url = reverse("visits:plan")
    query = {"half": "2026-2", "plan": "director"}
    client.get(url, query)
    with CaptureQueriesContext(connection) as few:
        response = client.get(url, query)
    assert sum(len(units) for b, units in response.context["missing_by_building"]) == 3
    for number in ("7", "8"):
        building = BuildingFactory(estate=estate, number=number)
        for floor in (1, 2):
            unit = UnitFactory(building=building, number=f"{floor}01", floor=floor)
            resident = ResidentFactory(estate=estate, name=f"住户{number}{floor}")
            OccupancyFactory(unit=unit, resident=resident)
            _visit(unit, manager, AUGUST, met=resident, kind="director" if floor == 1 else "fees")
    with CaptureQueriesContext(connection) as many:
        response = client.get(url, query)
    assert [r.whole for r in response.context["rows"]] == [7, 2, 5]
    assert sum(len(units) for b, units in response.context["missing_by_building"]) == 5
    assert len(many) == len(few)
