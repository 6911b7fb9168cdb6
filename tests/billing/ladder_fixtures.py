"""Overdue accounts for the reminder ladder's tests: a bill line due on a given day."""

import datetime
from decimal import Decimal

import time_machine

from billing.models import ArrearsCase, Bill, BillLine, LadderStep, Stage

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))


def at_ten(day: datetime.date):
    """The clock stopped at 10:00 on `day` in the estate's zone (a decorator or a `with`)."""
    return time_machine.travel(
        datetime.datetime.combine(day, datetime.time(10), tzinfo=SHANGHAI), tick=False
    )


def overdue_line(unit, standard, *, due: datetime.date, amount="200.00", payer=None):
    """A property-fee bill of `due`'s month for `unit`, due on `due`, unpaid."""
    amount = Decimal(amount)
    bill, _created = Bill.objects.get_or_create(
        estate=unit.estate,
        unit=unit,
        year=due.year,
        month=due.month,
        defaults={"total": amount},
    )
    return BillLine.objects.create(
        estate=unit.estate,
        unit=unit,
        bill=bill,
        standard=standard,
        kind=standard.kind,
        payer=payer,
        description=f"{standard.name} {bill.period}",
        quantity=Decimal("1"),
        rate=amount,
        gross=amount,
        amount=amount,
        due_date=due,
    )


def deadline_notice(unit, *, on: datetime.date, principal="0.00"):
    """A deadline notice (限期缴费通知) given to `unit` on `on`, as the reminder run gives it
    (its case at the deadline stage): the late fee of what was overdue then runs from it."""
    case = ArrearsCase.objects.create(
        estate=unit.estate, unit=unit, opened_on=on, stage=Stage.DEADLINE, stage_on=on
    )
    return LadderStep.objects.create(
        estate=unit.estate,
        case=case,
        unit=unit,
        stage=Stage.DEADLINE,
        reached_on=on,
        overdue_since=on,
        principal=Decimal(principal),
        pay_by=on + datetime.timedelta(days=10),
    )
