"""The reminder run as the beat sends it: to a real Celery worker on Redis, its effect
read in PostgreSQL (skipped, and named in the run's last lines, where no Redis answers)."""

import datetime
import uuid

import pytest
from django.conf import settings
from django.db import connections

from billing.models import ArrearsCase, LadderStep, Stage
from billing.tasks import send_overdue_reminders
from desk.celery import app as celery_app
from tests.billing.ladder_fixtures import overdue_line
from tests.machine import NEEDS_REDIS

pytestmark = pytest.mark.usefixtures("roles_survive_the_flush")


@pytest.mark.skipif(not settings.REDIS_URL, reason=NEEDS_REDIS)
@pytest.mark.django_db(transaction=True)
def test_the_reminder_run_goes_through_a_real_worker_and_twice_sends_once(
    estate, unit, property_fee
):
    from celery.contrib.testing.worker import start_worker

    overdue_line(unit, property_fee, due=datetime.date(2026, 11, 15))
    queue = f"test-billing-{uuid.uuid4().hex}"  # our own: no other run takes our task
    with start_worker(
        celery_app, perform_ping_check=False, pool="solo", queues=[queue], shutdown_timeout=30
    ):
        first = send_overdue_reminders.apply_async(
            kwargs={"day": "2026-11-16"}, queue=queue, expires=60
        )
        again = send_overdue_reminders.apply_async(
            kwargs={"day": "2026-11-16"}, queue=queue, expires=60
        )
        assert first.get(timeout=30)[estate.code]["steps"] == {Stage.REMINDER.value: 1}
        assert again.get(timeout=30)[estate.code]["steps"] == {}
    connections.close_all()
    assert list(LadderStep.objects.values_list("unit_id", "stage", "reached_on")) == [
        (unit.pk, Stage.REMINDER.value, datetime.date(2026, 11, 16))
    ]
    assert ArrearsCase.objects.get().stage == Stage.REMINDER
