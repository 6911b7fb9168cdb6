"""Overdue accounts for the reminder ladder's tests: a bill line due on a given day."""

import datetime
from decimal import Decimal

from billing.models import Bill, BillLine


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
