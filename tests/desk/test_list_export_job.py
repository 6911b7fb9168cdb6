"""A long list is exported by a job in the worker, with a progress page and a download."""

from io import BytesIO

import pytest
from django.test import TestCase
from django.urls import reverse
from openpyxl import load_workbook

from desk import list_exports
from desk.models import Job
from tests.factories import ComplaintFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _small_lists(monkeypatch, celery_eager):
    """Three rows are "long" here, and the job runs in this process."""
    monkeypatch.setattr(list_exports, "ROWS_IN_REQUEST", 2)


def _export(client, name, data=None):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.get(reverse(name), data or {})


def _workbook_rows(client, job):
    response = client.get(reverse("desk:job_file", args=[job.pk]))
    book = load_workbook(BytesIO(b"".join(response.streaming_content)))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_a_long_export_runs_as_a_job_and_its_file_is_the_list(client_for, front_desk, unit):
    for n in range(3):
        ComplaintFactory(unit=unit, number=f"TS-2026-00000{n + 1}", category="noise")
    ComplaintFactory(unit=unit, number="TS-2026-000009", category="fees")
    client = client_for(front_desk)

    response = _export(client, "complaints:export", {"category": "noise"})

    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert (job.kind, job.status, job.done, job.total) == ("desk.list_export", "done", 3, 3)
    assert job.message == "Exported 3 rows."
    rows = _workbook_rows(client, job)
    # The starter's filters, in the list's order, masked as the starter sees phones.
    assert [r["Number"] for r in rows] == ["TS-2026-000003", "TS-2026-000002", "TS-2026-000001"]
    assert {r["Phone"] for r in rows} == {"138****5678"}
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Download the result" in page and "complaints-" in page


def test_only_the_starter_sees_the_export_job(client_for, front_desk, manager, unit):
    for _ in range(3):
        ComplaintFactory(unit=unit)
    _export(client_for(front_desk), "complaints:export")
    job = Job.objects.get()
    assert client_for(manager).get(job.get_absolute_url()).status_code in (403, 404)
    assert client_for(manager).get(reverse("desk:job_file", args=[job.pk])).status_code in (
        403,
        404,
    )


def test_a_starter_who_lost_the_list_gets_a_failed_job_and_no_file(client_for, estate, unit):
    clerk = UserFactory(roles=["front_desk"], estates=[estate])
    for _ in range(3):
        ComplaintFactory(unit=unit)
    client = client_for(clerk)
    with TestCase.captureOnCommitCallbacks() as callbacks:  # queued, not yet run
        client.get(reverse("complaints:export"))
    clerk.groups.clear()
    for callback in callbacks:
        callback()

    job = Job.objects.get()
    assert (job.status, job.message) == ("failed", "You may no longer export this list.")
    assert not job.result_file


def test_a_short_export_is_answered_at_once(client_for, manager, unit):
    ComplaintFactory(unit=unit)
    response = _export(client_for(manager), "complaints:export")
    assert response.status_code == 200 and not Job.objects.exists()
