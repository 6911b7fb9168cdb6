"""Long jobs: claimed once, progress written cheaply, failures in plain words, stuck jobs
given up, and one page per job that only the right people can read."""

import importlib
import logging
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import Resolver404, clear_url_caches, resolve, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

import desk.urls
from desk import jobs
from desk.errors import BusinessRuleError
from desk.models import Estate, Job
from desk.tasks import run_job as run_job_task
from tenants.import_services import IMPORT_JOB


def sample_work(job):
    """The sample kind's registered work: fails while its parameters say so."""
    if job.params.get("fail"):
        raise BusinessRuleError("The month is not closed yet.")
    return {"ran": job.attempt}


SAMPLE = jobs.register_job_kind(
    "tests.sample",
    work="tests.desk.test_jobs.sample_work",
    label="Sample job",
    permission="tenants.import_register",
    next_url="tenants:unit_list",
    next_label="On to the units",
    again_url="tenants:import",
    again_label="Try again",
)


@pytest.fixture(autouse=True)
def _no_remembered_progress(monkeypatch):
    """The progress throttle remembers job ids for half a second; SQLite gives a rolled-back
    test's ids out again, so one test's job must not inherit another's last write."""
    monkeypatch.setattr(jobs, "_last_write", {})


def _job(*, by, estate, status=Job.Status.RUNNING, kind=SAMPLE.name, **values):
    now = timezone.now()
    if status != Job.Status.QUEUED:
        values.setdefault("started_at", now)
        values.setdefault("progress_at", now)
    return Job.objects.create(kind=kind, created_by=by, estate=estate, status=status, **values)


def _progress(job):
    job.refresh_from_db()
    return (job.status, job.done, job.total, job.message)


@pytest.fixture
def queued(monkeypatch):
    """The jobs `job_start` queued on `desk.run_job` (instead of a broker), in order."""
    calls = []
    monkeypatch.setattr(run_job_task, "apply_async", lambda **options: calls.append(options))
    return calls


def _htmx_get(client, job):
    return client.get(reverse("desk:job", args=[job.pk]), headers={"HX-Request": "true"})


# --- progress -----------------------------------------------------------------------------


def test_progress_is_written_at_most_every_half_second(manager, estate, monkeypatch):
    job = _job(by=manager, estate=estate)
    clock = iter([100.0, 100.2, 100.6, 100.7])
    monkeypatch.setattr(jobs, "monotonic", lambda: next(clock))

    assert jobs.job_progress(job.pk, 1, 10) is True
    first = _progress(job)
    assert jobs.job_progress(job.pk, 2, 10) is True  # 0.2 s later: not written
    skipped = _progress(job)
    jobs.job_progress(job.pk, 3, 10)
    third = _progress(job)
    jobs.job_progress(job.pk, 10, 10)  # the end is always written

    assert [first, skipped, third, _progress(job)] == [
        ("running", 1, 10, ""),
        ("running", 1, 10, ""),
        ("running", 3, 10, ""),
        ("running", 10, 10, ""),
    ]


def test_a_new_message_is_written_at_once_and_done_never_passes_total(manager, estate):
    job = _job(by=manager, estate=estate)
    jobs.job_progress(job.pk, 1, 10)

    jobs.job_progress(job.pk, 12, 10, message="Saving")

    assert _progress(job) == ("running", 10, 10, "Saving")


def test_progress_of_a_job_that_no_longer_runs_is_refused(manager, estate):
    job = _job(by=manager, estate=estate, status=Job.Status.FAILED, message="Given up")

    assert jobs.job_progress(job.pk, 5, 10) is False
    assert _progress(job) == ("failed", 0, 0, "Given up")


# --- running a job ------------------------------------------------------------------------


def test_run_job_claims_reports_and_keeps_the_summary(manager, estate):
    job = _job(by=manager, estate=estate, status=Job.Status.QUEUED)

    def work(job):
        for done in range(1, 5):
            jobs.job_progress(job.pk, done, 4)
        return {"rows": 4}

    jobs.job_run(job.pk, work=work)

    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.result, job.percent) == (
        "done",
        4,
        4,
        {"rows": 4},
        100,
    )
    assert job.started_at <= job.finished_at


def test_a_job_runs_once_even_if_its_task_comes_twice(manager, estate):
    job = _job(by=manager, estate=estate, status=Job.Status.QUEUED)
    runs = []

    jobs.job_run(job.pk, work=lambda job: runs.append(job.pk))
    jobs.job_run(job.pk, work=lambda job: runs.append(job.pk))  # e.g. redelivered after a restart

    assert runs == [job.pk]


def test_a_business_rule_error_is_the_failure_message(manager, estate):
    job = _job(by=manager, estate=estate, status=Job.Status.QUEUED)

    def work(job):
        raise BusinessRuleError("The month is closed.")

    jobs.job_run(job.pk, work=work)

    assert _progress(job) == ("failed", 0, 0, "The month is closed.")


def test_the_message_is_in_the_language_of_whoever_started_the_job(manager, estate):
    job = _job(by=manager, estate=estate, status=Job.Status.QUEUED, language="zh-hans")

    def work(job):
        raise BusinessRuleError(_("The resident belongs to another estate."))

    jobs.job_run(job.pk, work=work)

    assert _progress(job)[3] == "该业户属于其他项目。"


def test_an_unexpected_error_is_logged_and_the_page_shows_no_traceback(
    manager, estate, client_for, caplog
):
    job = _job(by=manager, estate=estate, status=Job.Status.QUEUED)

    def work(job):
        raise RuntimeError("password=hunter2 in /srv/secret.py")

    with caplog.at_level(logging.ERROR, logger="desk.jobs"):
        jobs.job_run(job.pk, work=work)

    page = client_for(manager).get(reverse("desk:job", args=[job.pk])).content.decode()
    message = (
        f"The job stopped on an unexpected error. Try again, or tell the administrator "
        f"(job {job.pk})."
    )
    assert _progress(job) == ("failed", 0, 0, message)
    assert message in page and 'id="job-again"' in page
    assert "hunter2" not in page and "Traceback" not in page
    assert "hunter2" in caplog.text and "Traceback" in caplog.text


def test_finishing_a_job_that_was_given_up_rolls_its_work_back(manager, estate):
    job = _job(by=manager, estate=estate, status=Job.Status.QUEUED)

    def work(job):
        # Meanwhile its page found it silent for too long and gave it up.
        Job.objects.filter(pk=job.pk).update(status=Job.Status.FAILED, message="Stuck")
        with transaction.atomic():
            Estate.objects.create(name="新项目", code="NEW")
            jobs.job_finish(job, result={"estates": 1})

    jobs.job_run(job.pk, work=work)

    assert _progress(job) == ("failed", 0, 0, "Stuck")
    assert not Estate.objects.filter(code="NEW").exists()


# --- queueing -----------------------------------------------------------------------------


def test_a_job_is_queued_after_the_commit_and_once_per_key(
    manager, estate, queued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.job_start(
            kind=SAMPLE.name, by=manager, estate=estate, key="upload-1", name="a.xlsx"
        )
        assert queued == []  # not before the commit
    with django_capture_on_commit_callbacks(execute=True):
        again = jobs.job_start(kind=SAMPLE.name, by=manager, estate=estate, key="upload-1")

    assert again == job
    assert queued == [{"kwargs": {"job_id": job.pk}}]
    assert (job.status, job.params, job.created_by, job.language, job.attempt) == (
        "queued",
        {"name": "a.xlsx"},
        manager,
        "en",
        1,
    )


def test_a_job_that_cannot_be_queued_fails_with_a_message(
    manager, estate, monkeypatch, django_capture_on_commit_callbacks
):
    def refuse(**options):
        raise ConnectionError("redis")

    monkeypatch.setattr(run_job_task, "apply_async", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.job_start(kind=SAMPLE.name, by=manager, estate=estate)

    assert _progress(job) == ("failed", 0, 0, "The job could not be queued. Try again in a minute.")


def test_a_job_is_started_by_a_person_or_by_a_schedule_never_both_or_neither(manager, estate):
    with pytest.raises(ValueError):
        jobs.job_start(kind=SAMPLE.name, by=manager, schedule="nightly", estate=estate)
    with pytest.raises(ValueError):
        jobs.job_start(kind=SAMPLE.name, estate=estate)
    with pytest.raises(LookupError):
        jobs.job_start(kind="tests.unregistered", by=manager, estate=estate)
    assert not Job.objects.exists()


# --- who sees a job -----------------------------------------------------------------------


def test_another_estates_job_is_not_found(client_for, outsider, manager, estate):
    job = _job(by=manager, estate=estate)

    assert client_for(outsider).get(reverse("desk:job", args=[job.pk])).status_code == 404


def test_someone_elses_job_needs_the_permission_of_its_kind(
    client_for, manager, supervisor, front_desk, estate
):
    theirs = _job(by=manager, estate=estate)
    own = _job(by=front_desk, estate=estate)

    def status(user, job):
        return client_for(user).get(reverse("desk:job", args=[job.pk])).status_code

    assert [status(supervisor, theirs), status(front_desk, theirs), status(front_desk, own)] == [
        200,
        403,
        200,
    ]


def test_a_job_of_no_estate_is_seen_by_its_starter_only(client_for, manager, supervisor):
    job = _job(by=manager, estate=None)

    assert client_for(manager).get(reverse("desk:job", args=[job.pk])).status_code == 200
    assert client_for(supervisor).get(reverse("desk:job", args=[job.pk])).status_code == 404


# --- the page -----------------------------------------------------------------------------


def test_the_polling_partial_shows_the_progress(client_for, manager, estate):
    job = _job(by=manager, estate=estate, done=4, total=10, message="Checking the rows…")

    response = _htmx_get(client_for(manager), job)

    html = response.content.decode()
    assert response.templates[0].name == "desk/partials/job_progress.html"
    assert "<html" not in html
    assert f'hx-get="{reverse("desk:job", args=[job.pk])}" hx-trigger="every 1s"' in html
    assert 'aria-valuenow="40"' in html and "job-bar-40" in html and ">40%<" in html
    assert '<p class="small text-muted" id="job-count">4 of 10</p>' in html
    assert '<span id="job-message">Checking the rows…</span>' in html
    assert "style=" not in html and "<script" not in html


def test_a_queued_job_says_it_waits_for_the_worker(client_for, manager, estate):
    job = _job(by=manager, estate=estate, status=Job.Status.QUEUED)

    html = _htmx_get(client_for(manager), job).content.decode()

    assert '<span class="badge text-bg-secondary" id="job-status">Waiting</span>' in html
    assert "Waiting for the worker to take the job…" in html and "job-bar-0" in html


def test_a_finished_job_stops_polling_and_links_onwards(client_for, manager, estate):
    job = _job(by=manager, estate=estate, done=3, total=3)
    with transaction.atomic():
        jobs.job_finish(job, result={"rows": 3}, message="Imported 3 rows.")

    html = _htmx_get(client_for(manager), job).content.decode()

    assert "hx-trigger" not in html
    assert '<i class="bi bi-check-circle"></i> Imported 3 rows.</div>' in html
    assert (
        f'<a class="btn btn-primary" id="job-next" href="{reverse("tenants:unit_list")}">'
        "On to the units</a>"
    ) in html


def test_the_full_page_names_the_job_and_who_started_it(client_for, manager, estate):
    job = _job(by=manager, estate=estate, params={"name": "register.xlsx"})

    response = client_for(manager).get(reverse("desk:job", args=[job.pk]))

    assert response.templates[0].name == "desk/job.html"
    assert '<h1 class="h4">Sample job · register.xlsx</h1>' in response.content.decode()
    assert f"Started by {manager.display_name}" in response.content.decode()


# --- stuck jobs ---------------------------------------------------------------------------


def test_a_running_job_that_stopped_reporting_shows_as_failed(client_for, manager, estate):
    silent = timezone.now() - jobs.RUNNING_TIMEOUT - timedelta(seconds=1)
    job = _job(by=manager, estate=estate, progress_at=silent, done=2, total=10)

    html = _htmx_get(client_for(manager), job).content.decode()

    message = (
        "The job stopped without finishing, perhaps because the worker was restarted. "
        "Start it again."
    )
    assert _progress(job) == ("failed", 2, 10, message)
    assert message in html and "hx-trigger" not in html
    # The worker, if it comes back, finds it failed and applies nothing.
    with pytest.raises(jobs.JobAbandoned), transaction.atomic():
        jobs.job_finish(job, result={"rows": 10})
    assert _progress(job)[0] == "failed"


def test_a_running_job_that_reports_is_not_stuck(client_for, manager, estate):
    recent = timezone.now() - jobs.RUNNING_TIMEOUT + timedelta(minutes=1)
    job = _job(by=manager, estate=estate, progress_at=recent, done=2, total=10)

    _htmx_get(client_for(manager), job)

    assert _progress(job)[0] == "running"


def test_a_job_no_worker_took_fails_after_half_an_hour(client_for, manager, estate):
    old = _job(
        by=manager,
        estate=estate,
        status=Job.Status.QUEUED,
        created_at=timezone.now() - jobs.QUEUED_TIMEOUT - timedelta(seconds=1),
    )
    young = _job(
        by=manager,
        estate=estate,
        status=Job.Status.QUEUED,
        created_at=timezone.now() - timedelta(minutes=5),
    )
    client = client_for(manager)

    _htmx_get(client, old), _htmx_get(client, young)

    assert [_progress(old)[::3], _progress(young)[::3]] == [
        ("failed", "The job was never started: no worker took it. Start it again."),
        ("queued", ""),
    ]
    ran = []
    jobs.job_run(old.pk, work=ran.append)  # the task arrives late: nothing happens
    assert ran == []


# --- result files and media ---------------------------------------------------------------


def test_a_result_file_is_downloaded_by_who_may_see_the_job(
    client_for, manager, front_desk, outsider, estate, settings
):
    job = _job(by=manager, estate=estate)
    with transaction.atomic():
        jobs.job_finish(job, file_name="report.xlsx", content=ContentFile(b"workbook"))
    url = reverse("desk:job_file", args=[job.pk])

    response = client_for(manager).get(url)

    assert b"".join(response.streaming_content) == b"workbook"
    assert response["Content-Disposition"] == 'attachment; filename="report.xlsx"'
    job.refresh_from_db()
    assert (
        job.result_file.name.startswith("jobs/")
        and (settings.MEDIA_ROOT / job.result_file.name).is_file()
    )
    assert [client_for(u).get(url).status_code for u in (front_desk, outsider)] == [403, 404]


def test_a_job_without_a_file_has_no_download(client_for, manager, estate):
    job = _job(by=manager, estate=estate)

    assert client_for(manager).get(reverse("desk:job_file", args=[job.pk])).status_code == 404


def test_media_is_never_served_not_even_with_debug(settings):
    settings.DEBUG = True
    try:
        urls = importlib.reload(desk.urls)
        for path in ("/media/imports/0c9a.xlsx", "/media/jobs/2026/05/1-report.xlsx"):
            with pytest.raises(Resolver404):
                resolve(path, urlconf=urls)
    finally:
        settings.DEBUG = False
        importlib.reload(desk.urls)
        clear_url_caches()


def test_the_import_kind_is_registered():
    kind = jobs.job_kind(IMPORT_JOB)

    assert (kind.work, kind.permission, kind.next_url, kind.again_url) == (
        "tenants.import_services.register_import_job",
        "tenants.import_register",
        "tenants:unit_list",
        "tenants:import",
    )
