"""The monthly statistics workbook: the Summary's targets from the apps' own selectors, the
sheets' craft, every run kept on the Reports page, the beat entry and a real worker."""

import datetime
import io
import time
import uuid

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connections
from django.urls import reverse
from openpyxl import load_workbook

from complaints.analysis import monthly_analysis
from desk.models import Job
from desk.monthly_report import JOB_KIND, SCHEDULE, build_workbook
from desk.reports import report_sections
from tests.factories import ComplaintFactory, WorkOrderFactory
from tests.machine import NEEDS_REDIS

UTC = datetime.UTC
OCTOBER = (2026, 10)


def _at(day, hour):
    return datetime.datetime(2026, 10, day, hour, 0, tzinfo=UTC)


@pytest.fixture
def october(unit):
    """Three complaints in October: answered in 10 minutes, answered after 45, never."""
    for day, answered_after in ((3, 10), (9, 45), (20, None)):
        received = _at(day, 2)
        ComplaintFactory(
            unit=unit,
            received_at=received,
            responded_at=received + datetime.timedelta(minutes=answered_after)
            if answered_after
            else None,
            status="responded" if answered_after else "received",
        )
    # Two work orders done in October: one within its due time, one after it.
    for done_after in (5, 30):
        WorkOrderFactory(
            unit=unit,
            status="done",
            created_at=_at(5, 1),
            due_at=_at(5, 1) + datetime.timedelta(hours=24),
            done_at=_at(5, 1) + datetime.timedelta(hours=done_after),
        )
    return unit.estate


def _workbook(estate):
    out = io.BytesIO()
    build_workbook(out, estate=estate, year=OCTOBER[0], month=OCTOBER[1])
    out.seek(0)
    return load_workbook(out)


def _summary(book):
    sheet = book["Summary"]
    return {row[0].value: row for row in sheet.iter_rows(min_row=2) if row[0].value}


def test_the_summary_shows_each_target_against_its_goal_computed_by_hand(october):
    book = _workbook(october)
    assert book.sheetnames[0] == "Summary"
    assert book.sheetnames[1:] == [str(s.title)[:31] for s in report_sections()]
    summary = _summary(book)
    in_time = summary["Complaints answered within 30 minutes"]
    assert in_time[1].value == pytest.approx(1 / 3, abs=0.001)  # one of three, by hand
    assert in_time[1].number_format == "0.0%"
    assert (in_time[2].value, in_time[3].value) == ("≥ 100%", "no")
    assert in_time[1].fill.fgColor.rgb.endswith("FFC7CE")  # red
    on_time = summary["Work orders finished on time"]
    assert on_time[1].value == pytest.approx(0.5)  # one of two, by hand


def test_the_workbook_and_the_page_read_the_same_selectors(october):
    analysis = monthly_analysis(october, *OCTOBER)
    summary = _summary(_workbook(october))
    assert summary["Complaints answered within 30 minutes"][1].value == pytest.approx(
        analysis.in_time_share / 100
    )
    complaints = _workbook(october)["Complaints"]
    figures = {
        row[0].value: row[1].value for row in complaints.iter_rows(min_row=2) if row[0].value
    }
    assert figures["Complaints received"] == analysis.total == 3
    assert figures["Answered in time"] == analysis.answered_in_time == 1


def test_each_sheet_has_a_bold_frozen_header_a_filter_and_prints_landscape_fit_to_width(
    october,
):
    book = _workbook(october)
    for name in ("Summary", "Complaints", "Work orders"):
        sheet = book[name]
        assert sheet["A1"].font.b, name
        assert sheet.freeze_panes == "A2", name
        assert sheet.auto_filter.ref.startswith("A1:"), name
        assert sheet.print_title_rows == "$1:$1", name
        assert sheet.page_setup.orientation == "landscape", name
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, name
        assert sheet.column_dimensions["A"].width >= 10, name


def test_a_manager_builds_a_month_and_every_run_is_kept_with_its_file(
    client_for, manager, front_desk, october, celery_eager, django_capture_on_commit_callbacks
):
    client = client_for(manager)
    for _run in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("reports"), {"estate": october.pk, "month": "2026-10"})
        assert response.status_code == 302
    runs = list(Job.objects.filter(kind=JOB_KIND).order_by("pk"))
    assert [(j.status, j.params, j.created_by) for j in runs] == [
        ("done", {"year": 2026, "month": 10}, manager)
    ] * 2
    assert runs[0].result_file.name != runs[1].result_file.name
    page = client.get(reverse("reports")).content.decode()
    assert page.count(reverse("desk:job_file", args=[runs[0].pk])) == 1
    download = client.get(reverse("desk:job_file", args=[runs[0].pk]))
    assert download.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    assert book.sheetnames[0] == "Summary"
    desk = client_for(front_desk)
    assert desk.get(reverse("reports")).status_code == 403
    assert desk.get(reverse("desk:job_file", args=[runs[0].pk])).status_code == 403


def test_a_month_not_begun_is_refused_and_nothing_runs(client_for, manager, estate):
    response = client_for(manager).post(
        reverse("reports"), {"estate": estate.pk, "month": "2099-01"}
    )
    assert response.status_code == 200
    assert "That month has not begun yet." in response.content.decode()
    assert not Job.objects.exists()


def test_the_command_builds_the_month_as_a_kept_job(october, celery_eager):
    call_command("build_monthly_report", "2026-10", estate=october.code)
    job = Job.objects.get(kind=JOB_KIND)
    assert (job.status, job.schedule, job.created_by) == (
        "done",
        "manage.py build_monthly_report",
        None,
    )
    assert job.result_file.name.endswith(f"monthly-{october.code}-2026-10.xlsx")


def test_the_beat_builds_it_on_the_first_at_two():
    entry = django_settings.CELERY_BEAT_SCHEDULE["desk.build_monthly_report"]
    assert entry["task"] == "desk.build_monthly_report"
    schedule = entry["schedule"]
    assert (schedule.minute, schedule.hour, schedule.day_of_month) == ({0}, {2}, {1})
    from desk.celery import app

    assert "desk.build_monthly_report" in app.tasks


@pytest.mark.skipif(not django_settings.REDIS_URL, reason=NEEDS_REDIS)
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("roles_survive_the_flush")
def test_the_beat_task_builds_each_estates_last_month_in_a_real_worker(october, settings):
    from celery.contrib.testing.worker import start_worker

    from desk.celery import app as celery_app
    from desk.tasks import build_monthly_report

    queue = f"test-reports-{uuid.uuid4().hex}"
    settings.JOBS_QUEUE = queue
    with start_worker(
        celery_app, perform_ping_check=False, pool="solo", queues=[queue], shutdown_timeout=30
    ):
        assert build_monthly_report.apply_async(queue=queue, expires=60).get(timeout=30) >= 1
        deadline = time.monotonic() + 60
        while (
            Job.objects.filter(kind=JOB_KIND).exclude(status="done").exists()
            and time.monotonic() < deadline
        ):
            time.sleep(0.2)
    connections.close_all()
    job = Job.objects.get(kind=JOB_KIND, estate=october)
    assert (job.status, job.schedule) == ("done", SCHEDULE)
    assert job.result_file


def test_the_reports_page_reads_the_same_queries_for_one_run_or_three(client_for, manager, estate):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def runs(n):
        for _ in range(n):
            Job.objects.create(
                kind=JOB_KIND,
                estate=estate,
                created_by=manager,
                status="done",
                params={"year": 2026, "month": 10},
            )

    client = client_for(manager)
    runs(1)
    client.get(reverse("reports"))
    with CaptureQueriesContext(connection) as one:
        assert client.get(reverse("reports")).status_code == 200
    runs(2)
    with CaptureQueriesContext(connection) as three:
        page = client.get(reverse("reports"))
    assert len(one) == len(three)
    assert page.content.decode().count("2026-10") == 3


def test_text_a_person_typed_is_written_as_text_never_as_a_formula():
    from openpyxl import Workbook

    from desk.monthly_report import _cell

    sheet = Workbook(write_only=True).create_sheet()
    typed = _cell(sheet, '=HYPERLINK("http://x","点我")')
    assert (typed.data_type, typed.value) == ("s", '=HYPERLINK("http://x","点我")')
    assert _cell(sheet, "楼道灯不亮").data_type == "s"
    assert _cell(sheet, 3).data_type == "n"
