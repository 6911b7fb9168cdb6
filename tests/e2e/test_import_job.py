"""The register import in a browser: upload, preview, "Import", then the job's page, whose
progress bar follows the worker by htmx polling (strict CSP: no inline script or style)."""

import re

import pytest
from django.db import transaction
from django.urls import reverse
from openpyxl import Workbook
from playwright.sync_api import expect

from desk import roles
from desk.jobs import job_finish, job_progress
from desk.models import Job
from tenants import imports
from tenants.import_services import IMPORT_JOB
from tenants.models import Unit
from tests.factories import EstateFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def manager():
    estate = EstateFactory(name="翠湖花园", name_en="Green Lake Garden", code="CH")
    return UserFactory(username="manager", roles=[roles.MANAGER], estates=[estate])


def _register_file(path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([c.header for c in imports.COLUMNS])
    for number in ("101", "102", "201"):
        values = {"estate_code": "CH", "building": "7", "unit": number, "floor": int(number[0])}
        sheet.append(
            [values.get(c.key, 75 if c.key == "floor_area" else None) for c in imports.COLUMNS]
        )
    workbook.save(path)
    return path


def test_the_import_runs_as_a_job_and_its_page_says_what_it_did(
    page_for, manager, celery_eager, artifacts, tmp_path
):
    page = page_for(manager)
    page.goto(reverse("tenants:import"))
    page.set_input_files("input[name=file]", str(_register_file(tmp_path / "register.xlsx")))
    page.get_by_role("button", name="Check and preview").click()
    expect(page.locator("#import-counts")).to_be_visible()

    page.locator("#import-commit").click()

    page.wait_for_url(re.compile(r"/jobs/\d+/$"))
    expect(page.locator("h1")).to_have_text("Register import · register.xlsx")
    expect(page.locator("#job-done")).to_contain_text("Imported 3 rows.")
    expect(page.locator("#import-counts")).to_contain_text("Units")
    page.screenshot(path=artifacts / "import-job-done.png", full_page=True)
    page.locator("#job-next").click()
    page.wait_for_url(re.compile(r"/units/$"))
    assert sorted(Unit.objects.values_list("number", flat=True)) == ["101", "102", "201"]


def test_the_job_page_follows_the_progress_until_the_job_is_done(page_for, manager, artifacts):
    estate = manager.estates.get()
    job = Job.objects.create(
        kind=IMPORT_JOB,
        estate=estate,
        created_by=manager,
        status=Job.Status.RUNNING,
        params={"name": "register.xlsx"},
    )
    job_progress(job.pk, 2, 10, message="Checking the rows…")
    page = page_for(manager)
    console_errors = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)

    page.goto(reverse("desk:job", args=[job.pk]))
    bar = page.locator("#job-progress .progress-bar")
    expect(bar).to_have_text("20%")
    expect(page.locator("#job-count")).to_have_text("2 of 10")

    job_progress(job.pk, 6, 10, message="Saving to the register…")
    expect(bar).to_have_text("60%")  # polled, no reload
    expect(page.locator("#job-message")).to_have_text("Saving to the register…")
    width = bar.evaluate("el => el.getBoundingClientRect().width")
    track = page.locator("#job-progress .progress").evaluate(
        "el => el.getBoundingClientRect().width"
    )
    assert 0.55 < width / track < 0.65  # the class sets the width: no inline style needed
    page.screenshot(path=artifacts / "import-job-running.png", full_page=True)

    with transaction.atomic():
        job_finish(job, result={"rows": 10, "units": {"created": 10, "updated": 0}, "changes": 10})
    expect(page.locator("#job-done")).to_be_visible()
    expect(page.locator("#job-progress")).not_to_have_attribute("hx-trigger", "every 1s")
    assert console_errors == []  # nothing refused by the CSP
