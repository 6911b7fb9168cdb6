"""The monthly workbook's Mail sheet and its Summary target: the month's mail registered,
handed out, and what waited past the estate's days at the month's end, the same counts as
the register's filters give on that day."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from desk.clock import day_bounds
from mailroom.models import MailItem
from mailroom.services import mail_hand_out
from tests.monthly_sheets import built_workbook, figures, sheet_rows, summary

pytestmark = pytest.mark.django_db
LAST_DAY = datetime.date(2026, 10, 31)
UNCOLLECTED = "Mail uncollected for 7 days or more at the month's end"


def _received(item, estate, day, hour=10):
    at = day_bounds(estate, day)[0] + datetime.timedelta(hours=hour)
    MailItem.objects.filter(pk=item.pk).update(received_at=at)


@pytest.fixture
def last_evening(estate):
    at = day_bounds(estate, LAST_DAY)[0] + datetime.timedelta(hours=20)
    with time_machine.travel(at, tick=False):
        yield at


@pytest.fixture
def october(last_evening, estate, register_one, front_desk):
    """Registered in October: a parcel on the 2nd and a letter on the 24th still waiting,
    flagged on the 31st (the letter has waited seven whole days, the 25th to the 31st); a
    parcel of the 25th still waiting, not flagged (its 7th day is the 31st itself, not yet
    whole); one of the 10th collected. A parcel of 20 September still waits too (flagged,
    not October's)."""
    at = lambda day: datetime.date(2026, 10, day)  # noqa: E731
    for day, kind in ((2, "parcel"), (24, "letter"), (25, "parcel")):
        _received(register_one(kind=kind), estate, at(day))
    collected = register_one()
    mail_hand_out(item=collected, by=front_desk, code=collected.pickup_code, signed_name="张伟")
    _received(collected, estate, at(10))
    _received(register_one(), estate, datetime.date(2026, 9, 20))
    return estate


def test_the_sheet_and_the_register_count_the_same_mail(october, last_evening, client_for, manager):
    client = client_for(manager)

    def listed(**params):
        return client.get(reverse("mailroom:list"), params).context["paginator"].count

    book = built_workbook(october, 2026, 10)
    sheet = figures(sheet_rows(book, "Mail"))
    month = {"received_after": "2026-10-01", "received_before": "2026-10-31"}
    assert sheet["Mail received"] == listed(**month) == 4  # by hand: four in October
    assert sheet["Collected"] == listed(**month, status="collected") == 1
    assert sheet["Waiting at the desk at the month's end"] == listed(status="awaiting") == 4
    flagged = listed(age="flagged")
    assert sheet["Of them uncollected for 7 days or more"] == flagged == 3  # 20 Sep, 2 and 24 Oct
    value, goal, met = summary(book)[UNCOLLECTED]
    assert (value, goal, met) == (3, "≤ 0", "no")


def test_a_month_with_nothing_left_meets_the_target(estate, register_one, front_desk, last_evening):
    item = register_one()
    mail_hand_out(item=item, by=front_desk, code=item.pickup_code, signed_name="张伟")
    assert summary(built_workbook(estate, 2026, 10))[UNCOLLECTED] == (0, "≤ 0", "yes")
