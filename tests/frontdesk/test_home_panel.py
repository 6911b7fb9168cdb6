"""The front desk's home panel: today's visits and calls, what was passed on and is not
resolved (and how much of it is overdue), by value."""

from datetime import timedelta

import pytest
from django.utils import timezone

from frontdesk.models import LogEntry
from frontdesk.selectors import desk_home

pytestmark = pytest.mark.django_db


def test_the_day_and_the_open_entries_are_counted_whenever_they_were_logged(log_call, front_desk):
    now = timezone.now()
    days_ago = now - timedelta(days=3)

    def pass_on(at, resolve_by):
        return log_call(
            at=at,
            resolve_by=resolve_by,
            outcome=LogEntry.Outcome.PASSED_ON,
            purpose=LogEntry.Purpose.REPAIR,
            department="engineering",
        )

    log_call(at=now)  # today, answered
    log_call(at=days_ago)  # an old answered call: neither today nor open
    pass_on(now, now + timedelta(hours=2))  # today and open
    pass_on(days_ago, days_ago + timedelta(hours=4))  # open and overdue
    panel = desk_home(front_desk)
    assert (panel["today"], panel["passed_on"], panel["overdue"]) == (2, 2, 1)
