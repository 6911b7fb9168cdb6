"""Jobs that scheduled work can rely on: a failed or abandoned key runs again as a new
attempt (every attempt kept, one attempt even when two starts race), the beat starts jobs
with no person, and a kind says who may download its result."""

import threading
import time
import uuid
from datetime import timedelta

import pytest
from celery import shared_task
from celery.beat import ScheduleEntry, Scheduler
from celery.schedules import crontab
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.db import connection, connections, transaction
from django.urls import reverse
from django.utils import timezone

from desk import jobs
from desk.celery import app as celery_app
from desk.models import Estate, Job
from desk.tasks import run_job as run_job_task
from tests.desk.test_jobs import SAMPLE

# The concurrency and worker tests below are transactional.
pytestmark = pytest.mark.usefixtures("roles_survive_the_flush")

NIGHTLY = "tests.nightly_sample"  # the beat entry's name, as in CELERY_BEAT_SCHEDULE

REPORT = jobs.register_job_kind(
    "tests.report",
    work="tests.desk.test_jobs.sample_work",
    label="Sample report",
    permission="tenants.import_register",  # the supervisor and the manager see it
    download_permission="desk.manage_staff",  # the manager alone downloads it
)


@shared_task(name=NIGHTLY, ignore_result=True)
def start_nightly_sample():
    """A scheduled task the way billing's bill run is one: a job per estate, keyed by the
    night, started by the schedule (no person)."""
    for estate in Estate.objects.order_by("pk"):
        jobs.job_start(
            kind=SAMPLE.name,
            estate=estate,
            schedule=NIGHTLY,
            key=f"{estate.code}-{timezone.localdate():%Y-%m-%d}",
        )


def _beat_fires(**options):
    """What beat does when the entry is due (celery.beat.Scheduler.apply_entry)."""
    entry = ScheduleEntry(
        name=NIGHTLY, task=NIGHTLY, schedule=crontab(), options=options, app=celery_app
    )
    Scheduler(celery_app, lazy=True).apply_async(entry, advance=False)


def _attempts(key):
    return list(Job.objects.filter(key=key).order_by("attempt").values_list("attempt", "status"))


@pytest.fixture
def queued(monkeypatch):
    calls = []
    monkeypatch.setattr(run_job_task, "apply_async", lambda **options: calls.append(options))
    return calls


# --- attempts -----------------------------------------------------------------------------


def test_a_failed_job_runs_again_to_success_and_both_attempts_are_kept(
    manager, estate, celery_eager, client_for, django_capture_on_commit_callbacks
):
    def start(**params):
        with django_capture_on_commit_callbacks(execute=True):
            return jobs.job_start(
                kind=SAMPLE.name, by=manager, estate=estate, key="2026-11", **params
            )

    first = start(fail=True)
    second = start()
    third = start()  # done now: the same job, nothing runs again

    first.refresh_from_db(), second.refresh_from_db()
    assert (first.status, first.message) == ("failed", "The month is not closed yet.")
    assert (second.status, second.result, second.attempt) == ("done", {"ran": 2}, 2)
    assert third == second
    assert _attempts("2026-11") == [(1, "failed"), (2, "done")]
    html = client_for(manager).get(reverse("desk:job", args=[second.pk])).content.decode()
    assert f"Started by {manager.display_name}" in html and " · attempt 2</p>" in html
    assert (
        f'<li><a href="{reverse("desk:job", args=[first.pk])}">Attempt 1</a> · Failed</li>' in html
    )
    assert "<li><strong>Attempt 2</strong> · Done</li>" in html


def test_a_waiting_or_running_job_of_the_key_is_returned_not_run_twice(
    manager, estate, queued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        waiting = jobs.job_start(kind=SAMPLE.name, by=manager, estate=estate, key="k")
    Job.objects.filter(pk=waiting.pk).update(status=Job.Status.RUNNING, progress_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        again = jobs.job_start(kind=SAMPLE.name, by=manager, estate=estate, key="k")

    assert (again, len(queued), _attempts("k")) == (waiting, 1, [(1, "running")])


def test_an_abandoned_job_is_given_up_and_its_key_runs_again(
    manager, estate, queued, django_capture_on_commit_callbacks
):
    silent = timezone.now() - jobs.RUNNING_TIMEOUT - timedelta(minutes=1)
    stuck = Job.objects.create(
        kind=SAMPLE.name,
        key="k",
        estate=estate,
        created_by=manager,
        status=Job.Status.RUNNING,
        created_at=silent,
        started_at=silent,
        progress_at=silent,
    )
    with django_capture_on_commit_callbacks(execute=True):
        again = jobs.job_start(kind=SAMPLE.name, by=manager, estate=estate, key="k")

    assert again != stuck
    assert _attempts("k") == [(1, "failed"), (2, "queued")]
    assert queued == [{"kwargs": {"job_id": again.pk}}]


@pytest.mark.skipif(
    "postgresql" not in django_settings.DATABASES["default"]["ENGINE"],
    reason="two connections writing at once need PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("earlier", [None, Job.Status.FAILED])
def test_two_starts_of_a_key_at_once_make_one_attempt(manager, estate, queued, earlier):
    if earlier:
        Job.objects.create(
            kind=SAMPLE.name, key="k", estate=estate, created_by=manager, status=earlier
        )
    both_looked = threading.Barrier(2, timeout=10)
    looked = threading.local()
    real = jobs._latest_attempt

    def latest_then_wait(kind, key):
        found = real(kind, key)
        if not getattr(looked, "once", False):  # both have seen the same latest attempt
            looked.once = True
            both_looked.wait()
        return found

    started, errors = [], []

    def start():
        try:
            with transaction.atomic():
                started.append(jobs.job_start(kind=SAMPLE.name, by=manager, estate=estate, key="k"))
                time.sleep(0.2)  # the other start's insert waits on this one's commit
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    jobs._latest_attempt = latest_then_wait
    try:
        threads = [threading.Thread(target=start) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=20)
    finally:
        jobs._latest_attempt = real

    attempt = 2 if earlier else 1
    assert errors == []
    assert [job.pk for job in started] == [started[0].pk] * 2
    assert _attempts("k") == ([(1, "failed")] if earlier else []) + [(attempt, "queued")]
    assert len(queued) == 1


# --- started by the schedule --------------------------------------------------------------


def test_the_beat_starts_a_job_with_no_person_and_its_page_names_the_schedule(
    estate, other_estate, supervisor, celery_eager, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _beat_fires()
    with django_capture_on_commit_callbacks(execute=True):
        _beat_fires()  # the same night again (a beat restarted): nothing runs twice

    ours = Job.objects.get(estate=estate)
    assert Job.objects.filter(estate=other_estate).count() == 1
    assert (ours.created_by, ours.schedule, ours.status, ours.result, ours.attempt) == (
        None,
        NIGHTLY,
        "done",
        {"ran": 1},
        1,
    )
    html = client_for(supervisor).get(reverse("desk:job", args=[ours.pk])).content.decode()
    assert f"Started by the schedule “{NIGHTLY}”, " in html


@pytest.mark.django_db(transaction=True)
def test_the_beat_started_job_runs_in_a_celery_worker(estate, settings):
    if not django_settings.REDIS_URL:
        with transaction.atomic():  # no worker without a broker: in-process, on commit
            settings.CELERY_TASK_ALWAYS_EAGER = True
            _beat_fires()
    else:
        from celery.contrib.testing.worker import start_worker

        # A queue of our own, for the scheduled task and for the job it starts: another
        # test run on the same Redis cannot take them.
        queue = f"test-beat-{uuid.uuid4().hex}"
        settings.JOBS_QUEUE = queue
        with start_worker(
            celery_app, perform_ping_check=False, pool="solo", queues=[queue], shutdown_timeout=30
        ):
            _beat_fires(queue=queue, expires=60)
            deadline = time.monotonic() + 30
            while (
                time.monotonic() < deadline
                and not Job.objects.filter(status=Job.Status.DONE).exists()
            ):
                time.sleep(0.2)
        connections.close_all()

    job = Job.objects.get()
    assert (job.created_by, job.schedule, job.status, job.result) == (
        None,
        NIGHTLY,
        "done",
        {"ran": 1},
    )


# --- downloads ----------------------------------------------------------------------------


def test_the_result_file_is_downloaded_only_by_the_roles_its_kind_allows(
    client_for, manager, supervisor, estate
):
    job = Job.objects.create(
        kind=REPORT.name,
        estate=estate,
        schedule=NIGHTLY,
        status=Job.Status.RUNNING,
        started_at=timezone.now(),
        progress_at=timezone.now(),
    )
    with transaction.atomic():
        jobs.job_finish(job, file_name="month.xlsx", content=ContentFile(b"workbook"))
    url = reverse("desk:job_file", args=[job.pk])
    page = reverse("desk:job", args=[job.pk])

    downloaded = client_for(manager).get(url)
    refused = client_for(supervisor).get(url)

    assert (downloaded.status_code, b"".join(downloaded.streaming_content)) == (200, b"workbook")
    assert refused.status_code == 403
    assert 'id="job-file"' in client_for(manager).get(page).content.decode()
    seen = client_for(supervisor).get(page)
    assert seen.status_code == 200 and 'id="job-file"' not in seen.content.decode()
