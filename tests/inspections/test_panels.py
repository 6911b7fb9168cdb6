"""The home panels, the monthly workbook's patrol sheet, the seeder and the privacy of the
patrol pages."""

import pytest
from django.db.models import F
from django.urls import reverse

from desk import reports, roles
from inspections.models import Finding, Round
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_reps_home_shows_todays_due_rounds(client_for, rep, building):
    html = client_for(rep).get(reverse("home")).content.decode()
    assert 'id="home-patrols-today"' in html
    assert reverse("inspections:today") in html and "Public area" in html


def test_the_supervisors_home_shows_the_queue_and_yesterdays_gaps(
    client_for, supervisor, make_round
):
    make_round()
    html = client_for(supervisor).get(reverse("home")).content.decode()
    assert "1 round waits for review" in html
    assert "Yesterday:" in html and reverse("inspections:coverage") in html
    assert 'id="home-patrols-today"' not in html


def test_the_housekeeping_supervisors_home_shows_the_days_checks(
    client_for, housekeeping, make_round
):
    make_round(by=housekeeping, round_type="cleaning", findings=1)
    html = client_for(housekeeping).get(reverse("home")).content.decode()
    assert 'id="home-patrols-housekeeping"' in html
    assert "1 non-conformity open" in html
    assert "Cleaning" in html and "Pest control" in html


class Sheet:
    def __init__(self):
        self.rows = []

    def append(self, row):
        self.rows.append(list(row))


def test_the_monthly_sheet_counts_rounds_findings_and_review_waits(
    estate, make_round, supervisor, at
):
    from inspections import services

    reviewed = make_round(started_at=at(2026, 3, 31, 23, 0), findings=1)  # March's, 15:00 UTC
    services.round_review(round=reviewed, by=supervisor, comment="好", now=at(2026, 4, 1, 9, 30))
    make_round(started_at=at(2026, 4, 1, 0, 30))  # April's
    (section,) = [s for s in reports.report_sections() if s.name == "inspections.patrols"]
    sheet = Sheet()
    section.write(sheet, estate=estate, year=2026, month=3)
    assert ["Public area", 1, 1, 1, 10.0] in sheet.rows
    assert ["Open", 1] in sheet.rows


def test_the_tiny_seed_makes_rounds_findings_and_reviews(db):
    from desk import seeding

    ctx, ran = seeding.run(scale="tiny")
    assert "inspections" in ran
    rounds = Round.objects.all()
    assert rounds.count() == ctx.sizes["patrol_rounds"]
    assert all(r.checks.count() == r.checklist.items.count() for r in rounds)
    assert not rounds.filter(reviewed_by=F("by")).exists()
    assert Finding.objects.exists() and rounds.filter(status="reviewed").exists()


def test_no_patrol_page_shows_a_residents_contact(client_for, estate, occupancy, make_round):
    from tenants.models import Resident

    Resident.objects.filter(pk=occupancy.resident_id).update(mobile="13812345678")
    round_ = make_round(findings=1)
    finding = Finding.objects.get()
    pages = [
        reverse(name)
        for name in (
            "inspections:today",
            "inspections:list",
            "inspections:review_queue",
            "inspections:coverage",
            "inspections:findings",
            "inspections:vacant_units",
        )
    ] + [reverse("inspections:round", args=[round_.pk]), reverse("home")]
    for role in [r for r in roles.ROLES if r != roles.MANAGER]:
        client = client_for(UserFactory(roles=[role], estates=[estate]))
        for url in pages:
            assert "13812345678" not in client.get(url).content.decode(), (role, url)
    assert finding.pk
