"""The weekly report (every Saturday, the estate's Monday-to-Sunday week) against a
hand-built week: permits, patrols done against due, violations, acceptances."""

import datetime
from io import BytesIO

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from renovation import services, weekly
from tests.factories import OccupancyFactory, UnitFactory
from tests.renovation.conftest import acceptance_ok, all_ok, apply_for

pytestmark = pytest.mark.django_db

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))
MONDAY = datetime.date(2027, 3, 1)


def _on(day, hour=10):
    when = datetime.datetime.combine(MONDAY + datetime.timedelta(days=day), datetime.time(hour))
    return time_machine.travel(when.replace(tzinfo=SHANGHAI), tick=False)


@pytest.fixture
def week(building, front_desk, manager, rep):
    """Two permits approved on Monday; one patrolled Mon, Tue, Thu; the other every day and
    accepted on Saturday. A major violation on Tuesday, still open; a minor one Thursday.
    A third application on Wednesday, awaiting approval."""
    units = [UnitFactory(building=building, number=f"{n}01", floor=n) for n in (2, 3, 4)]
    owners = [OccupancyFactory(unit=unit).resident for unit in units]
    with _on(0, 9):
        first, second = (
            services.permit_approve(
                permit=apply_for(unit, owner, front_desk, planned_start=MONDAY), by=manager
            )
            for unit, owner in zip(units[:2], owners[:2], strict=True)
        )
    for day in range(6):
        with _on(day):
            if day in (0, 1, 3):
                services.patrol_record(permit=first, by=rep, checklist=all_ok())
            services.patrol_record(permit=second, by=rep, checklist=all_ok())
            if day == 1:
                services.violation_record(
                    permit=first, by=rep, kind="load_bearing", description="承重墙"
                )
            if day == 2:
                apply_for(units[2], owners[2], front_desk, planned_start=MONDAY)
            if day == 3:
                services.violation_record(permit=first, by=rep, kind="noise", description="噪音")
    with _on(5, 16):
        services.acceptance_record(
            permit=second,
            by=manager,
            engineer="孙工",
            checklist=acceptance_ok(),
            result="passed",
            owner_name="业主",
            lead_name="陈师傅",
        )
    return first, second


def test_the_week_as_built_by_hand(week):
    first, second = week
    estate = first.estate
    with _on(5, 18):  # Saturday evening: the report's day
        report = weekly.weekly_report(estate, MONDAY + datetime.timedelta(days=3))
        assert weekly.last_saturday(estate) == MONDAY
    assert (report.monday, report.saturday, report.counted_until) == (
        MONDAY,
        datetime.date(2027, 3, 6),
        datetime.date(2027, 3, 6),
    )
    assert (report.applied, report.approved, report.rejected, report.active) == (3, 2, 0, 2)
    # first: due Mon–Sat (6), done 3; second: due Mon–Fri (closed Saturday), done 6 → 5.
    assert (report.patrols_due, report.patrols_done) == (11, 8)
    assert report.patrol_rate == round(100 * 8 / 11, 1)
    assert (report.violations_found, report.major_found) == (2, 1)
    assert (report.violations_open, report.violations_closed) == (1, 0)
    assert report.acceptances == {"passed": 1}
    rows = {row.permit: (row.due, row.done, row.found, row.open) for row in report.rows}
    assert rows == {first: (6, 3, 2, 1), second: (5, 6, 0, 0)}


def test_before_saturday_the_last_report_is_the_week_before(week):
    with _on(4):  # Friday
        assert weekly.last_saturday(week[0].estate) == MONDAY - datetime.timedelta(days=7)


def test_the_page_and_the_workbook(week, client_for, supervisor):
    with _on(5, 18):
        client = client_for(supervisor)  # logged in then: a session outlives no 12 hours
        page = client.get(reverse("renovation:weekly"), {"week": "2027-03-01"})
        export = client.get(reverse("renovation:weekly_export"), {"week": "2027-03-03"})
    html = page.content.decode()
    assert "2027-03-01 – 2027-03-07" in html and week[0].number in html
    book = load_workbook(BytesIO(b"".join(export.streaming_content)))
    summary = dict(book["Summary"].iter_rows(min_row=2, values_only=True))
    assert (summary["Patrols due"], summary["Patrols done"]) == (11, 8)
    permits = list(book["Permits"].iter_rows(min_row=2, values_only=True))
    assert sorted(row[0] for row in permits) == sorted([week[0].number, week[1].number])


def test_the_saturday_schedule_keeps_each_estates_workbook_once(week, client_for, supervisor):
    from desk.jobs import job_run
    from desk.models import Job

    estate = week[0].estate
    with _on(4, 18):  # Friday: not yet
        assert weekly.weekly_reports_start() == []
    with _on(5, 18):
        (job,) = weekly.weekly_reports_start()
        assert (job.schedule, job.key, job.params["monday"]) == (
            weekly.SCHEDULE,
            f"{estate.code}-2027-03-01",
            "2027-03-01",
        )
        job_run(job.pk)
        assert weekly.weekly_reports_start() == [job]  # once per estate and week
        job.refresh_from_db()
        assert job.status == Job.Status.DONE
        assert (job.result["patrols_due"], job.result["patrols_done"]) == (11, 8)
        client = client_for(supervisor)
        page = client.get(reverse("renovation:weekly"), {"week": "2027-03-01"})
        assert reverse("desk:job", args=[job.pk]) in page.content.decode()
        book = load_workbook(
            BytesIO(b"".join(client.get(reverse("desk:job_file", args=[job.pk])).streaming_content))
        )
    assert dict(book["Summary"].iter_rows(min_row=2, values_only=True))["Patrols done"] == 8
