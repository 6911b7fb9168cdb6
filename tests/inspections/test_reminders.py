"""The daily reminder of the rounds waiting past their review target: a job per estate and
day, started by the beat; through a real Celery worker where Redis answers."""

import time
import uuid

import pytest
from django.conf import settings as django_settings
from django.db import connections

from desk.models import Job, Notification
from inspections import reminders
from inspections.models import Round
from tests.machine import NEEDS_REDIS


@pytest.mark.django_db
def test_the_reminder_runs_once_a_day_per_estate(
    make_round, supervisor, estate, at, celery_eager, django_capture_on_commit_callbacks
):
    old = make_round()
    Round.objects.filter(pk=old.pk).update(
        submitted_at=at(2020, 1, 1, 9, 0), started_at=at(2020, 1, 1, 8, 0)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.review_reminders_start() == 1
    with django_capture_on_commit_callbacks(execute=True):
        reminders.review_reminders_start()  # the same day again: the done job, nothing run
    job = Job.objects.get()
    assert (job.status, job.schedule, job.result) == (
        "done",
        reminders.SCHEDULE,
        {"waiting": 1},
    )
    note = Notification.objects.get()
    assert (note.recipient, note.kind, note.values["count"]) == (
        supervisor,
        "inspections.review_overdue",
        1,
    )


@pytest.mark.skipif(not django_settings.REDIS_URL, reason=NEEDS_REDIS)
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("roles_survive_the_flush")
def test_the_beat_task_runs_in_a_celery_worker(make_round, supervisor, estate, at, settings):
    from celery.contrib.testing.worker import start_worker

    from desk.celery import app as celery_app
    from inspections.tasks import remind_overdue_reviews

    old = make_round()
    Round.objects.filter(pk=old.pk).update(submitted_at=at(2020, 1, 1, 9, 0))
    # A queue of our own, for the beat's task and the job it queues.
    queue = f"test-inspections-{uuid.uuid4().hex}"
    settings.JOBS_QUEUE = queue
    with start_worker(
        celery_app, perform_ping_check=False, pool="solo", queues=[queue], shutdown_timeout=30
    ):
        result = remind_overdue_reviews.apply_async(queue=queue, expires=60)
        assert result.get(timeout=30) == 1
        deadline = time.monotonic() + 30
        while not Job.objects.filter(status="done").exists() and time.monotonic() < deadline:
            time.sleep(0.2)
    connections.close_all()
    assert list(Job.objects.values_list("status", "result")) == [("done", {"waiting": 1})]
    assert list(Notification.objects.values_list("recipient", flat=True)) == [supervisor.pk]
