"""The register import as a job: queued by "Import", run by the worker with progress, once
per upload, the upload deleted afterwards; and once through a real Celery worker on Redis."""

import time
import uuid

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections
from django.test import TestCase
from django.urls import reverse

from desk.celery import app as celery_app
from desk.jobs import job_start
from desk.models import Job
from desk.tasks import run_job
from tenants import import_services, import_store
from tenants.models import Resident, Unit
from tests.machine import NEEDS_REDIS
from tests.tenants.test_import import GOOD_ROWS, _preview, _stored_files, _xlsx

# The worker test below is transactional.
pytestmark = pytest.mark.usefixtures("roles_survive_the_flush")


@pytest.fixture
def previewed(client_for, manager, unit, celery_eager):
    """A manager's client and the token of a previewed good file."""
    client = client_for(manager)
    preview = _preview(client, _xlsx(GOOD_ROWS))
    return client, preview.context["token"]


def _press_import(client, token, *, run=True):
    with TestCase.captureOnCommitCallbacks(execute=run) as queued:
        response = client.post(reverse("tenants:import_commit"), {"token": token})
    return response, queued


def test_import_goes_to_the_job_page_which_shows_what_was_done(previewed, estate, settings):
    client, token = previewed

    response, _queued = _press_import(client, token)
    page = client.get(response["Location"])

    job = Job.objects.get()
    assert response["Location"] == reverse("desk:job", args=[job.pk])
    assert (job.kind, job.key, job.estate, job.status, job.message) == (
        import_services.IMPORT_JOB,
        token,
        estate,
        "done",
        "Imported 4 rows.",
    )
    assert job.result == {
        "rows": 4,
        "buildings": {"created": 1, "updated": 0},
        "units": {"created": 2, "updated": 1},
        "residents": {"created": 3, "updated": 0},
        "occupancies": {"created": 3, "updated": 0},
        "changes": 10,
    }
    html = page.content.decode()
    assert '<h1 class="h4">Register import · register.xlsx</h1>' in html
    assert '<td class="text-end">2</td><td class="text-end">1</td>' in html  # units
    assert f'id="job-next" href="{reverse("tenants:unit_list")}"' in html
    assert "hx-trigger" not in html
    assert _stored_files(settings) == []


def test_the_job_reports_its_reading_then_its_saving(previewed, monkeypatch):
    client, token = previewed
    reports = []
    real = import_services.job_progress

    def spy(job_id, done, total, *, message=None):
        reports.append((done, total, message))
        return real(job_id, done, total, message=message)

    monkeypatch.setattr(import_services, "job_progress", spy)

    _press_import(client, token)

    total = round(4 / import_services.READ_SHARE)
    assert reports == [
        (0, total, "Checking the rows…"),
        (1, total, None),
        (2, total, None),
        (3, total, None),
        (4, total, None),
        (4, total, "Saving to the register…"),
    ]
    assert Job.objects.get().percent == 100


def test_the_same_upload_is_imported_once_even_when_two_clicks_race(previewed, manager):
    client, token = previewed
    _response, queued = _press_import(client, token, run=False)
    job = Job.objects.get()

    # The second click got past its session before the first one saved the token's job.
    with TestCase.captureOnCommitCallbacks(execute=True) as queued_again:
        again = job_start(kind=import_services.IMPORT_JOB, by=manager, estate=None, key=token)

    assert (again, queued_again, len(queued)) == (job, [], 1)


def test_an_upload_gone_before_the_job_runs_fails_it_with_a_message(previewed, settings):
    client, token = previewed
    response, queued = _press_import(client, token, run=False)
    import_store.upload_discard(token)

    queued[0]()

    job = Job.objects.get()
    assert (job.status, job.message) == (
        "failed",
        "The uploaded file is no longer there (files are kept for a day). Upload it again.",
    )
    html = client.get(response["Location"]).content.decode()
    assert job.message in html and f'id="job-again" href="{reverse("tenants:import")}"' in html
    assert Unit.objects.count() == 1


def test_a_starter_who_lost_the_permission_imports_nothing(previewed, manager, settings):
    client, token = previewed
    _response, queued = _press_import(client, token, run=False)
    manager.groups.clear()

    queued[0]()

    job = Job.objects.get()
    assert (job.status, job.message) == ("failed", "You may no longer import the register.")
    assert (Unit.objects.count(), _stored_files(settings)) == (1, [])


# --- through a real worker ----------------------------------------------------------------


@pytest.mark.skipif(not django_settings.REDIS_URL, reason=NEEDS_REDIS)
@pytest.mark.django_db(transaction=True)
def test_the_import_job_runs_in_a_celery_worker(manager, unit, estate, settings):
    from celery.contrib.testing.worker import start_worker

    token = import_store.upload_keep(SimpleUploadedFile("register.xlsx", _xlsx(GOOD_ROWS)))
    job = Job.objects.create(
        kind=import_services.IMPORT_JOB,
        key=token,
        estate=estate,
        created_by=manager,
        params={"token": token, "name": "register.xlsx", "rows": 4},
    )
    # A queue of our own: another test run on the same Redis cannot take our task.
    queue = f"test-import-{uuid.uuid4().hex}"
    with start_worker(
        celery_app, perform_ping_check=False, pool="solo", queues=[queue], shutdown_timeout=30
    ):
        run_job.apply_async(kwargs={"job_id": job.pk}, queue=queue, expires=60)
        deadline = time.monotonic() + 30
        while Job.objects.get(pk=job.pk).is_active and time.monotonic() < deadline:
            time.sleep(0.2)
    connections.close_all()

    job.refresh_from_db()
    assert (job.status, job.message, job.done, job.total) == ("done", "Imported 4 rows.", 4, 13)
    assert job.started_at is not None and job.finished_at is not None
    assert sorted(Resident.objects.values_list("name", flat=True)) == [
        "李小雷",
        "李雷",
        "绿湖科技有限公司",
    ]
    assert _stored_files(settings) == []
