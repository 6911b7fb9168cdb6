"""The beat job through a real Celery worker (Redis) when REDIS_URL is set, eagerly otherwise.
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

pytestmark = pytest.mark.usefixtures("roles_survive_the_flush")


@pytest.mark.django_db(transaction=True)
def test_escalate_overdue_runs_as_a_celery_task(unit, supervisor):
    overdue = ComplaintFactory(unit=unit, received_at=timezone.now() - timedelta(minutes=31))
    if settings.REDIS_URL:
        from celery.contrib.testing.worker import start_worker

        # A queue of our own: another test run on the same Redis cannot take our task.
        queue = f"test-complaints-{uuid.uuid4().hex}"
        with start_worker(
            celery_app, perform_ping_check=False, pool="solo", queues=[queue], shutdown_timeout=30
        ):
            result = escalate_overdue.apply_async(queue=queue, expires=60)
            assert result.get(timeout=30) == 1
        connections.close_all()
    else:
        assert escalate_overdue.delay().get(timeout=30) == 1
    overdue.refresh_from_db()
    assert overdue.escalation_level == Complaint.Escalation.SUPERVISOR
    assert list(Notification.objects.values_list("recipient", flat=True)) == [supervisor.pk]
