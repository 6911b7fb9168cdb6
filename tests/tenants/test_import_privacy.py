"""The import preview tells a role that sees contacts masked nothing the mask hides.

Residents are matched by (estate, name, mobile): counting new and updated residents (or
new occupancies) would tell a supervisor whether a guessed number is a resident's, one
try per upload with no trace. Only roles that see contacts get those counts."""

import re

import pytest
from django.test import TestCase
from django.urls import reverse

from desk.models import Job
from tests.factories import OccupancyFactory, ResidentFactory
from tests.tenants.test_import import _preview, _row, _upload, _xlsx


@pytest.fixture(autouse=True)
def _jobs_in_process(celery_eager):
    pass


@pytest.fixture
def known(estate, unit):
    resident = ResidentFactory(estate=estate, name="张伟", mobile="13812345678")
    OccupancyFactory(unit=unit, resident=resident, role="owner")
    unit.status = unit.Status.OCCUPIED
    unit.save(update_fields=["status"])
    return resident


def _file(mobile):
    return _xlsx(
        [
            _row(
                estate_code="CH",
                building="3",
                unit="1502",
                floor=15,
                floor_area=89.5,
                name="张伟",
                mobile=mobile,
                role="owner",
                move_in="2021-01-01",
            )
        ]
    )


def _shown(response):
    """The preview as its reader sees it, without the parts that differ per upload."""
    html = response.content.decode()
    html = re.sub(r'name="(token|csrfmiddlewaretoken)" value="[^"]*"', "", html)
    return re.sub(r'"X-CSRFToken": "[^"]*"', "", html)


def _counts_table(response):
    html = response.content.decode()
    return html[
        html.index('id="import-counts"') : html.index("</table>", html.index("import-counts"))
    ]


def test_a_masked_role_sees_the_same_preview_for_the_right_and_a_wrong_number(
    client_for, supervisor, unit, known
):
    client = client_for(supervisor)
    right = client.post(reverse("tenants:import"), {"file": _upload(_file("13812345678"))})
    wrong = client.post(reverse("tenants:import"), {"file": _upload(_file("13812340000"))})
    # What the import would do differs (the wrong number makes a new resident) ...
    assert right.context["result"].residents.created == 0
    assert wrong.context["result"].residents.created == 1
    # ... but the page says the same.
    assert _shown(right) == _shown(wrong)
    assert "Residents" not in _counts_table(right)
    assert 'id="import-counts-masked"' in right.content.decode()
    assert "already matches" not in right.content.decode()


def test_a_role_that_sees_contacts_gets_the_resident_counts(client_for, manager, unit, known):
    client = client_for(manager)
    right = _preview(client, _file("13812345678"))
    wrong = _preview(client, _file("13812340000"))
    assert "Residents" in _counts_table(right)
    assert "The register already matches this file." in right.content.decode()
    assert _shown(right) != _shown(wrong)


def test_the_import_job_page_keeps_the_counts_from_a_masked_role(
    client_for, supervisor, unit, known
):
    client = client_for(supervisor)
    preview = _preview(client, _file("13812340000"))
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("tenants:import_commit"), {"token": preview.context["token"]})
    job = Job.objects.get()
    assert job.status == "done"
    page = client.get(job.get_absolute_url()).content.decode()
    assert 'id="import-counts"' in page and 'id="import-counts-masked"' in page
    assert "Residents" not in _counts_table(client.get(job.get_absolute_url()))
