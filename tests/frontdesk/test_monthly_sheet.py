"""The monthly workbook's Front desk sheet: the month's visits and calls by purpose, made
into cases, passed on and overdue, and the shift handovers; the same counts as the log's
and the handovers' pages give."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from desk import roles
from desk.clock import day_bounds
from frontdesk import services
from frontdesk.models import LogEntry
from tests.factories import UserFactory
from tests.monthly_sheets import built_workbook, sheet_rows

pytestmark = pytest.mark.django_db
HEADER = [
    "Purpose",
    "Visits at the desk",
    "Calls at the desk",
    "Total",
    "Made complaints",
    "Made work orders",
    "Converted to cases",
    "Passed to a department",
    "Overdue at the month's end",
]


def _at(estate, day, hour, month=10):
    return day_bounds(estate, datetime.date(2026, month, day))[0] + datetime.timedelta(hours=hour)


def _on(estate, day, hour, month=10):
    return time_machine.travel(_at(estate, day, hour, month), tick=False)


@pytest.fixture
def october(estate, unit, occupancy, front_desk):
    """In October: an inquiry call answered; a complaint visit made a complaint; two repair
    calls passed to engineering, one made a work order and still open past its time, the
    other resolved; a payment visit passed on the 31st, due the next day. A call of 30
    September. Two handovers: one acknowledged, one left (the supervisor told)."""
    next_desk = UserFactory(username="nextdesk", roles=[roles.FRONT_DESK], estates=[estate])

    def log(day, hour, month=10, **values):
        with _on(estate, day, hour, month):
            return services.log_entry_create(
                estate=estate,
                by=front_desk,
                unit=unit,
                resident=occupancy.resident,
                summary="前台登记",
                **{"kind": "call", "outcome": "answered", **values},
            )

    passed = {"outcome": "passed_on", "department": "engineering"}
    log(30, 10, month=9, purpose="inquiry")
    log(5, 9, purpose="inquiry")
    visit = log(6, 10, kind="visit", purpose="complaint")
    with _on(estate, 6, 11):
        services.log_entry_to_complaint(entry=visit, category="repairs", by=front_desk)
    leak = log(7, 9, purpose="repair", resolve_by=_at(estate, 7, 12), **passed)
    with _on(estate, 7, 10):
        services.log_entry_to_work_order(
            entry=leak, trade="plumbing", priority="normal", by=front_desk
        )
    light = log(8, 9, purpose="repair", resolve_by=_at(estate, 8, 12), **passed)
    with _on(estate, 8, 11):
        services.log_entry_resolve(entry=light, resolution="已更换灯泡", by=front_desk)
    log(31, 18, kind="visit", purpose="payment", resolve_by=_at(estate, 1, 10, 11), **passed)
    with _on(estate, 10, 16):
        first = services.handover_hand(estate=estate, by=front_desk, checked=[])
    with _on(estate, 10, 17):
        services.handover_acknowledge(handover=first, by=next_desk)
    with _on(estate, 20, 16):
        services.handover_hand(estate=estate, by=front_desk, checked=[])
    with _on(estate, 20, 17):
        services.handovers_tell_supervisors()
    return estate


def test_the_sheet_and_the_log_count_the_same_entries(october, client_for, manager):
    with _on(october, 31, 20):  # the month's last evening: "overdue" as the log reads it now
        client = client_for(manager)

        def listed(**params):
            params = {"day_min": "2026-10-01", "day_max": "2026-10-31", **params}
            return client.get(reverse("frontdesk:log_list"), params).context["paginator"].count

        rows = sheet_rows(built_workbook(october, 2026, 10), "Front desk")
        assert rows[0][: len(HEADER)] == HEADER
        by_purpose = {row[0]: dict(zip(HEADER[1:], row[1:], strict=False)) for row in rows[1:9]}
        for value, label in LogEntry.Purpose.choices:
            line = by_purpose[str(label)]
            assert line["Visits at the desk"] == listed(purpose=value, kind="visit"), label
            assert line["Calls at the desk"] == listed(purpose=value, kind="call"), label
            assert line["Passed to a department"] == listed(purpose=value, outcome="passed_on")
            assert line["Overdue at the month's end"] == listed(purpose=value, overdue="true")
        everything = by_purpose["All"]
        assert everything["Total"] == listed() == 5  # by hand: September's call not counted
        handovers = client.get(reverse("frontdesk:handover_list")).context
    # By hand.
    assert (
        by_purpose["Inquiry"]["Calls at the desk"],
        by_purpose["Complaint"]["Visits at the desk"],
    ) == (1, 1)
    repair = by_purpose["Repair"]
    assert [repair[name] for name in HEADER[2:]] == [2, 2, 0, 1, 1, 2, 1]
    assert (everything["Made complaints"], everything["Converted to cases"]) == (1, 2)
    assert everything["Overdue at the month's end"] == 1  # the payment is due on 1 November
    handed = {row[0]: row[1] for row in rows[10:] if row}
    assert handed["Handed over"] == len(handovers["waiting"]) + len(handovers["history"]) == 2
    assert handed["Acknowledged by the next shift"] == len(handovers["history"]) == 1
    assert handed["Waiting for acknowledgement"] == 1
    assert handed["Unacknowledged for 30 minutes (supervisor told)"] == 1
