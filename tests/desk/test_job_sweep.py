"""The beat's sweep marks stale jobs failed even when nobody opens their page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from desk import jobs
from desk.models import Job
from desk.tasks import fail_stale_jobs
from tenants.import_services import IMPORT_JOB

pytestmark = pytest.mark.django_db


def _job(manager, estate, status, *, age, progress_age=None):
    now = timezone.now()
    return Job.objects.create(
        kind=IMPORT_JOB,
        created_by=manager,
        estate=estate,
        status=status,
        created_at=now - age,
        started_at=None if status == Job.Status.QUEUED else now - age,
        progress_at=None if progress_age is None else now - progress_age,
    )


def test_the_sweep_fails_only_the_stale_jobs(manager, estate):
    minute = timedelta(minutes=1)
    never_taken = _job(manager, estate, Job.Status.QUEUED, age=jobs.QUEUED_TIMEOUT + minute)
    waiting = _job(manager, estate, Job.Status.QUEUED, age=timedelta(minutes=5))
    silent = _job(
        manager,
        estate,
        Job.Status.RUNNING,
        age=timedelta(hours=1),
        progress_age=jobs.RUNNING_TIMEOUT + minute,
    )
    reporting = _job(
        manager, estate, Job.Status.RUNNING, age=timedelta(hours=1), progress_age=minute
    )
    done = _job(manager, estate, Job.Status.DONE, age=timedelta(days=1), progress_age=minute)

    assert fail_stale_jobs() == 2

    status = dict(Job.objects.values_list("pk", "status"))
    assert status == {
        never_taken.pk: Job.Status.FAILED,
        waiting.pk: Job.Status.QUEUED,
        silent.pk: Job.Status.FAILED,
        reporting.pk: Job.Status.RUNNING,
        done.pk: Job.Status.DONE,
    }
    assert jobs.jobs_fail_stale() == 0  # a second sweep finds nothing more


def test_the_sweep_is_in_the_beat_schedule(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["desk.fail_stale_jobs"]
    assert entry["task"] == "desk.fail_stale_jobs"
    assert entry["options"]["expires"] < 5 * 60


def test_every_scheduled_task_is_a_registered_task(settings):
    from desk.celery import app

    app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert scheduled <= set(app.tasks), scheduled - set(app.tasks)
