"""The bill run's task and its place in the beat schedule."""

import datetime

import pytest
import time_machine
from celery.schedules import crontab
from django.conf import settings

from billing.models import Bill
from billing.tasks import generate_monthly_bills

pytestmark = pytest.mark.django_db


def test_the_beat_runs_the_bill_run_on_the_first_at_one_with_an_expiry():
    entry = settings.CELERY_BEAT_SCHEDULE["billing.generate_monthly_bills"]
    assert entry["task"] == "billing.generate_monthly_bills"
    assert entry["schedule"] == crontab(minute=0, hour=1, day_of_month=1)
    assert 0 < entry["options"]["expires"] < 24 * 60 * 60


# 2026-03-31 17:30 UTC is already 1 April 01:30 in Shanghai: the estate's new month.
@time_machine.travel(datetime.datetime(2026, 3, 31, 17, 30, tzinfo=datetime.UTC), tick=False)
def test_the_task_bills_each_estates_month_by_its_own_clock(
    estate, unit, occupancy, property_fee, celery_eager
):
    generate_monthly_bills.delay()

    assert list(Bill.objects.values_list("year", "month")) == [(2026, 4)]
