"""The monthly workbook's Patrols and Contractors sheets and their Summary targets: the
coverage page's figures for the month, the reviews against the end of the next day, and the
contractors' scores and notices as their list shows them."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from inspections import contractors, services
from inspections.models import CoverageRule, RoundType
from tests.monthly_sheets import built_workbook, figures, sheet_rows, summary

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def last_evening(at):
    with time_machine.travel(at(2026, 10, 31, 20, 0), tick=False):
        yield


@pytest.fixture
def october(estate, building, make_round, supervisor, at):
    """One rule: a public-area round of the building every day. Rounds on 1 to 10 October
    (two on the 10th) and on the 31st: 11 of the 31 days. Reviewed: 1-6 the next morning (in
    time), 7-8 on the 12th (late); 9 and both of the 10th never (past due); the 31st's not
    yet due. The round of the 3rd found one problem."""
    CoverageRule.objects.create(
        estate=estate, round_type=RoundType.PUBLIC_AREA, per="building", times=1, period="day"
    )
    days = [*range(1, 11), 10, 31]
    rounds = [
        make_round(started_at=at(2026, 10, day, 9 + i % 2, 0), findings=int(day == 3))
        for i, day in enumerate(days)
    ]
    for round_, day in zip(rounds, days, strict=True):
        if day <= 6:
            when = at(2026, 10, day + 1, 10, 0)
        elif day <= 8:
            when = at(2026, 10, 12, 10, 0)
        else:
            continue
        services.round_review(round=round_, by=supervisor, comment="已阅", now=when)
    return estate


def test_the_patrols_sheet_and_the_coverage_page_agree(october, last_evening, client_for, manager):
    page = client_for(manager).get(
        reverse("inspections:coverage"),
        {"estate": october.pk, "first": "2026-10-01", "last": "2026-10-31"},
    )
    shown = page.context["coverage"]
    book = built_workbook(october, 2026, 10)
    rows = sheet_rows(book, "Patrols")
    assert rows[0][:5] == [
        "Round type",
        "Rounds required",
        "Rounds done",
        "Rounds missing",
        "Coverage",
    ]
    (line,) = shown.daily
    done_on_page = sum(min(c.done, c.required) for c in line.cells)
    assert rows[1][:4] == [f"Public area · {line.building}", 31, done_on_page, line.gaps]
    assert rows[2][0] == "All" and rows[2][3] == shown.gaps == 20  # by hand: 31 - 11
    assert rows[2][4] == pytest.approx(11 / 31)
    reviews = figures(rows)
    assert reviews["Rounds submitted"] == sum(d.submitted for d in shown.reviews) == 12
    waiting = reviews["Waiting past the end of the next day"] + reviews["Waiting, not yet due"]
    assert waiting == sum(d.waiting for d in shown.reviews) == 4
    # By hand: 6 in time, 2 late, 3 past due, 1 not yet due.
    assert [reviews[k] for k in ("Reviewed by the end of the next day", "Reviewed later")] == [6, 2]
    assert reviews["Review timeliness"] == pytest.approx(6 / 11)
    assert reviews["Open"] == 1  # the finding of the 3rd
    targets = summary(book)
    assert targets["Patrol coverage"][0] == pytest.approx(11 / 31)
    assert targets["Patrol coverage"][1:] == ("≥ 100%", "no")
    assert targets["Patrol reviews by the end of the next day"][0] == pytest.approx(6 / 11)


def test_a_month_every_round_done_and_reviewed_in_time_is_green(estate, make_round, supervisor, at):
    CoverageRule.objects.create(
        estate=estate, round_type=RoundType.SIGNAGE, per="estate", times=1, period="day"
    )
    with time_machine.travel(at(2026, 2, 28, 22, 0), tick=False):
        for day in range(1, 29):
            round_ = make_round(round_type=RoundType.SIGNAGE, started_at=at(2026, 2, day, 8, 0))
            services.round_review(round=round_, by=supervisor, now=at(2026, 2, day, 18, 0))
        targets = summary(built_workbook(estate, 2026, 2))
    assert targets["Patrol coverage"] == (1.0, "≥ 100%", "yes")
    assert targets["Patrol reviews by the end of the next day"] == (1.0, "≥ 100%", "yes")


@pytest.fixture
def scored(estate, housekeeping, at):
    """Two contractors scored for October (84.0 and 90.0) and their notices: the cleaners'
    of the 5th put right on the 8th and of the 20th still open past its deadline (the 25th);
    the gardeners' of 25 September still open, due in November. A third, inactive and
    never scored nor noticed, is left out."""
    cleaners = contractors.contractor_add(estate=estate, name="洁美保洁", service="cleaning")
    gardeners = contractors.contractor_add(estate=estate, name="绿源园林", service="greening")
    gone = contractors.contractor_add(estate=estate, name="旧虫控", service="pest_control")
    gone.active = False
    gone.save(update_fields=["active"])

    def notice(contractor, when, deadline):
        with time_machine.travel(when, tick=False):
            return contractors.notice_issue(
                contractor=contractor, problem="整改", deadline=deadline, by=housekeeping
            )

    put_right = notice(cleaners, at(2026, 10, 5, 10, 0), D(2026, 10, 10))
    with time_machine.travel(at(2026, 10, 8, 10, 0), tick=False):
        contractors.notice_close(notice=put_right, by=housekeeping)
    notice(cleaners, at(2026, 10, 20, 10, 0), D(2026, 10, 25))
    notice(gardeners, at(2026, 9, 25, 10, 0), D(2026, 11, 5))
    with time_machine.travel(at(2026, 10, 30, 10, 0), tick=False):
        for contractor, scores in (
            (cleaners, [("地面清洁", 60, 90), ("垃圾清运", 40, 75)]),
            (gardeners, [("绿化", 100, 90)]),
        ):
            contractors.evaluation_record(
                contractor=contractor, year=2026, month=10, scores=scores, by=housekeeping
            )
    return cleaners, gardeners


def test_the_contractors_sheet_and_the_contractor_list_agree(
    scored, estate, last_evening, client_for, manager
):
    page = client_for(manager).get(reverse("inspections:contractors"))
    listed = {c.name: c for c in page.context["contractors"]}
    rows = sheet_rows(built_workbook(estate, 2026, 10), "Contractors")
    assert rows[0][:3] == ["Contractor", "Contracted service", "Score of the month"]
    sheet = {row[0]: row for row in rows[1:] if row}
    assert list(sheet) == ["洁美保洁", "绿源园林", "All"]  # the inactive one left out
    for name in ("洁美保洁", "绿源园林"):
        assert Decimal(str(sheet[name][2])) == listed[name].last_total
        assert sheet[name][5] == listed[name].open_notices
    # By hand: 0.6 × 90 + 0.4 × 75 = 84.0; issued 1 + 0 (September's is not October's).
    assert sheet["洁美保洁"][2:] == [84.0, 2, 1, 1, 1]
    assert sheet["绿源园林"][2:] == [90.0, 0, 0, 1, 0]
    assert sheet["All"][2:] == [87.0, 2, 1, 2, 1]
