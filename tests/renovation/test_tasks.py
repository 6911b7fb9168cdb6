"""The beat's two entries: the overdue rectifications hourly, the weekly report on
Saturdays; each a thin task over a service."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from desk.models import Notification
from renovation import services, tasks

pytestmark = pytest.mark.django_db


def test_the_schedule_has_the_renovation_entries():
    schedule = settings.CELERY_BEAT_SCHEDULE
    for name in ("renovation.report_overdue_rectifications", "renovation.weekly_reports"):
        assert schedule[name]["task"] == name
        assert schedule[name]["options"]["expires"] > 0


def test_the_hourly_task_reports_the_overdue_notices(active_permit, rep, supervisor, celery_eager):
    services.violation_record(permit=active_permit, by=rep, kind="facade", description="外窗")
    assert tasks.report_overdue_rectifications.delay().get() == 0
    from renovation.models import Violation

    Violation.objects.update(deadline=timezone.localdate() - datetime.timedelta(days=3))
    assert tasks.report_overdue_rectifications.delay().get() == 1
    assert Notification.objects.filter(recipient=supervisor).count() == 1
