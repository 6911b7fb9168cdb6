"""The demo seeds permits at every stage, and every renovating unit has its active permit."""

from io import StringIO

import pytest
from django.core.management import call_command

from renovation.models import Acceptance, Patrol, Permit, Violation
from tenants.models import Unit

pytestmark = pytest.mark.django_db


def test_the_demo_has_permits_at_every_stage_and_a_consistent_unit_status():
    call_command("seed_demo", stdout=StringIO())
    assert set(Permit.objects.values_list("status", flat=True)) == set(Permit.Status.values)
    renovating = set(Unit.objects.filter(status="renovating").values_list("pk", flat=True))
    assert renovating
    assert renovating == set(Permit.objects.active().values_list("unit_id", flat=True))
    assert Patrol.objects.exists()
    assert Violation.objects.filter(severity="major").exclude(notice_number="").exists()
    closed = Permit.objects.filter(status="closed")
    assert Acceptance.objects.filter(permit__in=closed).count() == closed.count()
    assert not closed.filter(refund__isnull=True).exists()
