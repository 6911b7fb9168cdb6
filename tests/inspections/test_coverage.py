"""Coverage against a hand-built calendar, across a month end in the estate's zone."""

import datetime

import pytest

from inspections import coverage
from inspections.models import CoverageRule, RoundType
from tests.factories import BuildingFactory, UnitFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def rules(estate):
    for round_type, per, times, period in [
        (RoundType.PUBLIC_AREA, "building", 1, "day"),
        (RoundType.SIGNAGE, "estate", 2, "day"),
        (RoundType.VACANT_UNIT, "vacant_unit", 1, "week"),
    ]:
        CoverageRule.objects.create(
            estate=estate, round_type=round_type, per=per, times=times, period=period
        )


def test_coverage_matches_a_hand_built_calendar(estate, building, rules, make_round, at, rep):
    other = BuildingFactory(estate=estate, number="5")
    vacant = [UnitFactory(building=building, number=f"{n}01", floor=n) for n in (1, 2)]
    # 31 March (Tuesday) and 1 April in Shanghai: a round at 23:50 on the 31st is the 31st's
    # (15:50 UTC), one at 00:10 on the 1st is the 1st's (16:10 UTC on the 31st).
    make_round(started_at=at(2026, 3, 31, 23, 50), building=building)
    make_round(started_at=at(2026, 4, 1, 0, 10), building=building)
    make_round(started_at=at(2026, 4, 1, 9, 0), building=other)
    make_round(started_at=at(2026, 3, 31, 8, 0), round_type=RoundType.SIGNAGE)
    make_round(started_at=at(2026, 3, 31, 16, 0), round_type=RoundType.SIGNAGE)
    make_round(started_at=at(2026, 4, 1, 8, 0), round_type=RoundType.SIGNAGE)
    make_round(started_at=at(2026, 3, 30, 8, 0), round_type=RoundType.VACANT_UNIT, unit=vacant[0])
    make_round(started_at=at(2026, 4, 2, 8, 0), round_type=RoundType.VACANT_UNIT, unit=vacant[0])
    make_round(started_at=at(2026, 4, 1, 9, 30), submit=False, building=other)  # a draft

    result = coverage.estate_coverage(estate, D(2026, 3, 31), D(2026, 4, 1))

    table = {
        (line.rule.round_type, str(line.building or "")): [(c.done, c.required) for c in line.cells]
        for line in result.daily
    }
    assert table == {
        ("public_area", str(building)): [(1, 1), (1, 1)],
        ("public_area", str(other)): [(0, 1), (1, 1)],
        ("signage", ""): [(2, 2), (1, 2)],
    }
    (weekly,) = result.weekly
    assert result.weeks == [D(2026, 3, 30)]
    assert [(c.done, c.required) for c in weekly.cells] == [(1, 2)]
    assert result.gaps == 1 + 1 + 1


def test_an_estate_without_rules_has_the_defaults(estate, building):
    result = coverage.estate_coverage(estate, D(2026, 4, 1), D(2026, 4, 1))
    types = [line.rule.round_type for line in result.daily]
    assert "public_area" in types and "manager" in types
    signage = next(line for line in result.daily if line.rule.round_type == "signage")
    assert signage.cells[0].required == 2


def test_review_waits_per_day(estate, make_round, supervisor, at):
    from inspections import services

    reviewed = make_round(started_at=at(2026, 4, 1, 8, 0))
    services.round_review(round=reviewed, by=supervisor, now=at(2026, 4, 1, 18, 30))
    make_round(started_at=at(2026, 4, 1, 9, 0))
    (delay,) = coverage.review_delays(estate, D(2026, 4, 1), D(2026, 4, 1))
    assert (delay.submitted, delay.waiting, delay.longest) == (2, 1, datetime.timedelta(hours=10))
