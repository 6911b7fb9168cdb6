"""The late fee's one rule (DOMAIN.md, Fees): a daily rate on the overdue principal from
the grace days after the deadline notice, capped at the principal; read on a fixture
calendar with the real reminder run giving the notice."""

import datetime
from decimal import Decimal as D

import pytest
import time_machine
from django.urls import reverse

from billing.ladder import reminder_run
from billing.models import BillLine, LadderStep, Stage
from billing.payment_services import payment_take
from billing.selectors import open_lines
from tests.billing.ladder_fixtures import overdue_line

pytestmark = pytest.mark.django_db

DUE = datetime.date(2026, 12, 15)
SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))


@pytest.fixture
def noticed(estate, unit, property_fee):
    """223.75 due 15 December 2026 (0.05% a day, 10 grace days): the reminder notice on the
    16th, the deadline notice on the 30th (the default ladder), so late from 10 January."""
    overdue_line(unit, property_fee, due=DUE, amount="223.75")
    reminder_run(estate=estate, today=datetime.date(2026, 12, 16))
    return unit


def _fee(unit, day):
    return [line.late_fee_now for line in open_lines(unit, today=day)]


def test_no_late_fee_before_the_deadline_notice_however_late(noticed):
    assert _fee(noticed, datetime.date(2026, 12, 29)) == [D("0")]  # 14 days overdue


def test_the_late_fee_runs_from_the_grace_days_after_the_notice(estate, noticed):
    reminder_run(estate=estate, today=datetime.date(2026, 12, 30))
    notice = LadderStep.objects.get(stage=Stage.DEADLINE)
    assert notice.late_fee_from == datetime.date(2027, 1, 10)

    calendar = [
        (datetime.date(2026, 12, 30), D("0")),  # the notice's day
        (datetime.date(2027, 1, 9), D("0")),  # the last of its 10 grace days
        (datetime.date(2027, 1, 10), D("0.11")),  # 1 day × 0.05% × 223.75 = 0.111875
        (datetime.date(2027, 1, 14), D("0.56")),  # 5 days
        (datetime.date(2027, 3, 10), D("6.71")),  # 60 days
        (datetime.date(2033, 1, 1), D("223.75")),  # 2,184 days: capped at the principal
    ]
    for day, fee in calendar:
        assert _fee(noticed, day) == [fee], day


def test_a_payment_after_the_notice_pays_the_late_fee_first(estate, noticed, cashier):
    reminder_run(estate=estate, today=datetime.date(2026, 12, 30))
    at = datetime.datetime(2027, 1, 14, 10, tzinfo=SHANGHAI)
    with time_machine.travel(at, tick=False):
        payment_take(unit=noticed, amount=D("224.31"), method="cash", by=cashier)
    fee = BillLine.objects.get(late_fee_of__isnull=False)
    assert (fee.amount, fee.status) == (D("0.56"), "paid")
    assert BillLine.objects.get(late_fee_of__isnull=True).status == "paid"


def test_a_bill_due_after_the_notice_owes_no_late_fee_from_it(estate, noticed, property_fee):
    reminder_run(estate=estate, today=datetime.date(2026, 12, 30))
    overdue_line(noticed, property_fee, due=datetime.date(2027, 1, 15), amount="100.00")
    assert _fee(noticed, datetime.date(2027, 2, 14)) == [D("4.03"), D("0")]  # 36 days; none


def test_the_printed_deadline_notice_says_when_the_late_fee_starts(
    estate, noticed, front_desk, client_for
):
    reminder_run(estate=estate, today=datetime.date(2026, 12, 30))
    notice = LadderStep.objects.get(stage=Stage.DEADLINE)
    paper = client_for(front_desk).get(reverse("billing:reminder_print") + f"?step={notice.pk}")
    grid = {c.label: c.value for r in paper.context["notices"][0]["rows"] for c in r.cells}
    assert grid["Pay by"].startswith("2027-01-09. From 2027-01-10 a late fee accrues")
