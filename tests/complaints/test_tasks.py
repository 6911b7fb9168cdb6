"""The beat job through a real Celery worker on Redis (skipped, and named in the run's last
lines, where no Redis answers; the escalation itself: test_escalation.py).
(Complaint numbers under concurrent intake: tests/desk/test_numbering.py.)"""

import uuid
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connections
from django.utils import timezone

from complaints.models import Complaint
from complaints.tasks import escalate_overdue
from desk.celery import app as celery_app
from desk.models import Notification
from tests.factories import ComplaintFactory
from tests.machine import NEEDS_REDIS

pytestmark = pytest.mark.usefixtures("roles_survive_the_flush")


@pytest.mark.skipif(not settings.REDIS_URL, reason=NEEDS_REDIS)
@pytest.mark.django_db(transaction=True)
def test_escalate_overdue_runs_as_a_celery_task(unit, supervisor):
    from celery.contrib.testing.worker import start_worker

    overdue = ComplaintFactory(unit=unit, received_at=timezone.now() - timedelta(minutes=31))
    # A queue of our own: another test run on the same Redis cannot take our task.
    queue = f"test-complaints-{uuid.uuid4().hex}"
    with start_worker(
        celery_app, perform_ping_check=False, pool="solo", queues=[queue], shutdown_timeout=30
    ):
        result = escalate_overdue.apply_async(queue=queue, expires=60)
        assert result.get(timeout=30) == 1
    connections.close_all()
    overdue.refresh_from_db()
    assert overdue.escalation_level == Complaint.Escalation.SUPERVISOR
    assert list(Notification.objects.values_list("recipient", flat=True)) == [supervisor.pk]
