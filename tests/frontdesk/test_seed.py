"""The demo's front desk: a realistic day of calls, one overdue, and handed-over shifts."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone

from frontdesk.models import Handover, Incident, LogEntry, ReleasePass, StaffMessage

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_day_of_the_desk():
    call_command("seed_demo", stdout=StringIO())
    now = timezone.now()
    assert LogEntry.objects.count() > 100
    assert not LogEntry.objects.filter(at__gt=now).exists()
    assert LogEntry.objects.overdue(now).exists()
    assert set(LogEntry.objects.values_list("purpose", flat=True)) >= {"inquiry", "repair", "mail"}
    assert Handover.objects.exists()
    assert not Handover.objects.filter(acknowledged_by=F("handed_by")).exists()
    assert [i.is_active(now) for i in Incident.objects.all()] == [True]
    assert StaffMessage.objects.exists() and ReleasePass.objects.count() == 1
