"""The beat job through a real Celery worker (Redis) when REDIS_URL is set, eagerly otherwise.
(Complaint numbers under concurrent intake: tests/desk/test_numbering.py.)"""

import uuid
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connections
from django.utils import timezone

from complaints.models import Complaint, Notification
from complaints.tasks import escalate_overdue
from desk.celery import app as celery_app
from tests.factories import ComplaintFactory
from tests.migration_data import restore_migration_data


@pytest.fixture(scope="module", autouse=True)
def _roles_survive_the_flush(django_db_setup, django_db_blocker):
    """Transactional tests end with a flush that also empties the role groups the data
    migrations made; put them back before (a reused test database) and after this module,
    so the tests that follow, in this run or the next, still have their roles."""
    with django_db_blocker.unblock():
        restore_migration_data()
    yield
    with django_db_blocker.unblock():
        restore_migration_data()


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
