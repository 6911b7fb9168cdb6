"""Printed notices carry a serial number per estate and year, without gap or duplicate: the
reminder and deadline notices from the reminder run, the payment notices when first
printed (a reprint keeps its number); shown on the print and on the account."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from billing.ladder import reminder_run
from billing.models import Bill, LadderStep
from billing.services import bill_run
from tests.billing.ladder_fixtures import overdue_line
from tests.factories import UnitFactory
from tests.printing import text

pytestmark = pytest.mark.django_db

APRIL_10 = datetime.datetime(2026, 4, 10, 2, 0, tzinfo=datetime.UTC)


def test_the_ladders_notices_are_numbered_in_their_series_per_year(
    estate, building, unit, property_fee, front_desk, client_for
):
    other = UnitFactory(building=building, number="1601", floor=16)
    for u in (unit, other):
        overdue_line(u, property_fee, due=datetime.date(2026, 12, 1))
    reminder_run(estate=estate, today=datetime.date(2026, 12, 2))  # two reminders
    reminder_run(estate=estate, today=datetime.date(2026, 12, 16))  # two deadline notices
    late = UnitFactory(building=building, number="1701", floor=17)
    overdue_line(late, property_fee, due=datetime.date(2026, 12, 31))
    reminder_run(estate=estate, today=datetime.date(2027, 1, 1))  # a new year's series

    numbers = (
        LadderStep.objects.exclude(number="")
        .order_by("reached_on", "unit_id")
        .values_list("number", flat=True)
    )
    assert list(numbers) == [
        "CJ-CH-2026-000001",
        "CJ-CH-2026-000002",
        "XQ-CH-2026-000001",
        "XQ-CH-2026-000002",
        "CJ-CH-2027-000001",
    ]
    paper = client_for(front_desk).get(reverse("billing:reminder_print"))
    assert "CJ-CH-2026-000001" in text(paper) and "XQ-CH-2026-000002" in text(paper)


@time_machine.travel(APRIL_10, tick=False)
def test_a_payment_notice_is_numbered_when_first_printed_and_keeps_it(
    estate, building, unit, occupancy, property_fee, cashier, client_for
):
    for number in ("1503", "1601"):
        UnitFactory(building=building, number=number, floor=int(number[:2]))
    bill_run(estate=estate, year=2026, month=4)
    client = client_for(cashier)

    one = client.get(reverse("billing:notice", args=[unit.pk]) + "?period=2026-04")
    again = client.get(reverse("billing:notice", args=[unit.pk]) + "?period=2026-04")
    batch = client.get(reverse("billing:notice_batch") + f"?building={building.pk}&period=2026-04")

    assert "JF-CH-2026-000001" in text(one) and "JF-CH-2026-000001" in text(again)
    numbered = dict(
        Bill.objects.values_list("unit__number", "notice_number").order_by("unit__sort_key")
    )
    assert numbered == {  # the batch numbers the others in the building's order
        "1502": "JF-CH-2026-000001",
        "1503": "JF-CH-2026-000002",
        "1601": "JF-CH-2026-000003",
    }
    assert text(batch).count("JF-CH-2026-00000") == 3
    account = client.get(reverse("billing:account", args=[unit.pk]))
    assert [n["number"] for n in account.context["notices"]] == ["JF-CH-2026-000001"]
    assert "JF-CH-2026-000001" in text(account)


def test_the_account_lists_the_notices_given_newest_first(
    estate, unit, property_fee, cashier, client_for
):
    overdue_line(unit, property_fee, due=datetime.date(2026, 11, 15))
    reminder_run(estate=estate, today=datetime.date(2026, 11, 16))
    reminder_run(estate=estate, today=datetime.date(2026, 11, 30))

    account = client_for(cashier).get(reverse("billing:account", args=[unit.pk]))

    assert [(n["number"], str(n["what"])) for n in account.context["notices"]] == [
        ("XQ-CH-2026-000001", "Deadline notice"),
        ("CJ-CH-2026-000001", "Reminder notice"),
    ]
