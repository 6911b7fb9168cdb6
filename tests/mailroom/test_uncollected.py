"""Uncollected mail: flagged after the estate's days on the estate's calendar, reminded
again every few days, counted in the front desk's inbox, listed to return after M days."""

import datetime

import pytest
import time_machine
from django.core import mail as outbox
from django.test import TestCase
from django.urls import reverse

from desk.clock import day_bounds
from desk.models import Notification
from mailroom.models import MailItem, MailSettings
from mailroom.reminders import mail_remind_uncollected
from mailroom.selectors import waiting_by_age

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 5, 20)


def _received(item, when):
    MailItem.objects.filter(pk=item.pk).update(received_at=when)


@pytest.fixture
def noon(estate):
    with time_machine.travel(day_bounds(estate, DAY)[0] + datetime.timedelta(hours=12), tick=False):
        yield


def test_flagged_on_the_seventh_of_the_estates_days_not_before(noon, estate, register_one):
    start = day_bounds(estate, DAY - datetime.timedelta(days=6))[0]  # 7 days of the estate
    seven, six = register_one(), register_one()
    _received(seven, start - datetime.timedelta(minutes=1))  # 23:59 the day before: 7 days
    _received(six, start + datetime.timedelta(minutes=1))  # 00:01: 6 days
    counts = waiting_by_age([estate])
    assert (counts["total"], counts["flagged"], counts["to_return"]) == (2, 1, 0)


def test_the_estates_own_days_count(noon, estate, register_one):
    MailSettings.objects.create(estate=estate, flag_after_days=2, return_after_days=5)
    item = register_one()
    _received(item, day_bounds(estate, DAY - datetime.timedelta(days=5))[0])
    assert (waiting_by_age([estate])["flagged"], waiting_by_age([estate])["to_return"]) == (1, 1)


def test_the_round_reminds_again_every_few_days_and_tells_the_desk(
    noon, estate, register_one, front_desk, resident, occupancy
):
    resident.email = "zhangwei@example.com"
    resident.save()
    item = register_one()
    _received(item, day_bounds(estate, DAY - datetime.timedelta(days=10))[0])
    outbox.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert mail_remind_uncollected(estate=estate) == 1
        assert mail_remind_uncollected(estate=estate) == 0  # the same day: nobody twice
    assert len(outbox.outbox) == 1 and "Reminder" in outbox.outbox[0].subject
    [note] = Notification.objects.filter(recipient=front_desk, kind="mailroom.uncollected")
    assert note.values == {"count": 1, "days": 7, "to_return": 0}
    assert "1 items of mail uncollected for 7 days" in note.text
    assert note.url == f"{reverse('mailroom:list')}?age=flagged&estate={estate.pk}"
    item.refresh_from_db()
    assert item.reminders == 1
    with time_machine.travel(datetime.timedelta(days=3)):
        assert mail_remind_uncollected(estate=estate) == 1


def test_the_list_filters_the_flagged(noon, client_for, front_desk, estate, register_one):
    old = register_one(tracking_number="OLD")
    register_one(tracking_number="NEW")
    _received(old, day_bounds(estate, DAY - datetime.timedelta(days=8))[0])
    html = client_for(front_desk).get(reverse("mailroom:list"), {"age": "flagged"}).content
    assert b"OLD" in html and b"NEW" not in html and b"table-warning" in html
