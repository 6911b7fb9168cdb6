"""The beat job through a real Celery worker (Redis) when REDIS_URL is set, eagerly otherwise;
and complaint numbers that never repeat under concurrent intake."""

import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection, connections
from django.utils import timezone

from complaints.models import Complaint, Notification
from complaints.services import complaint_number_allocate
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


@pytest.mark.django_db(transaction=True)
def test_numbers_never_repeat_under_concurrent_intake():
    def allocate(_):
        try:
            return [complaint_number_allocate(year=2031) for _ in range(5)]
        finally:
            connection.close()

    if connection.vendor == "postgresql":
        with ThreadPoolExecutor(max_workers=6) as pool:
            numbers = [n for batch in pool.map(allocate, range(6)) for n in batch]
    else:  # SQLite serialises writers; the demo database runs the same code one at a time
        numbers = [n for i in range(6) for n in allocate(i)]
    assert sorted(numbers) == [f"TS-2031-{i:06d}" for i in range(1, 31)]
