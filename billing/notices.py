"""Payment notices (缴费通知单): what a unit's bill of a month asks, the arrears brought
forward with the late fee to date, the prepaid money that already paid part of it, the due
date and how to pay. Read for one unit or a whole building in a constant number of queries."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from billing.models import Bill, BillLine
from billing.money import ZERO
from billing.selectors import deadline_notices, line_late_fee, prepaid_balances_by_unit
from desk.clock import estate_today
from desk.printing import cell, heading, row


@dataclass
class Notice:
    unit: object
    year: int
    month: int
    lines: list = field(default_factory=list)  # this month's lines
    arrears: list = field(default_factory=list)  # earlier months' open lines
    prepaid: dict = field(default_factory=dict)  # {kind: balance} left after the bill run
    payer: str = ""
    bill: object = None  # the month's bill: its `notice_number` once first printed

    @property
    def number(self):
        return self.bill.notice_number if self.bill is not None else ""

    @property
    def period(self):
        return f"{self.year}-{self.month:02d}"

    @property
    def charged(self):
        return sum((line.amount for line in self.lines), ZERO)

    @property
    def paid_ahead(self):
        """What prepaid money (or an earlier payment) already paid of this month's lines."""
        return sum((line.paid + line.waived for line in self.lines), ZERO)

    @property
    def current_open(self):
        return sum((line.open_amount for line in self.lines), ZERO)

    @property
    def arrears_amount(self):
        return sum((line.open_amount for line in self.arrears), ZERO)

    @property
    def late_fees(self):
        return sum((line.late_fee_now for line in self.arrears + self.lines), ZERO)

    @property
    def total_due(self):
        return self.current_open + self.arrears_amount + self.late_fees

    @property
    def due_date(self):
        dates = [line.due_date for line in self.lines if line.status == BillLine.Status.OPEN]
        dates = dates or [line.due_date for line in self.lines]
        return min(dates) if dates else None


def notices_for(units, year: int, month: int, *, today: datetime.date | None = None) -> list:
    """A notice for each of `units` (of one estate) billed for the month, in their order
    (4 queries whatever the number of units)."""
    units = list(units)
    if not units:
        return []
    today = today or estate_today(units[0].estate)
    ids = [unit.pk for unit in units]
    bills = {
        bill.unit_id: bill
        for bill in Bill.objects.filter(
            unit_id__in=ids, year=year, month=month, kind=Bill.Kind.MONTHLY
        ).only("pk", "unit_id", "estate_id", "notice_number")
    }
    billed = set(bills)
    lines = (
        BillLine.objects.filter(unit_id__in=billed, late_fee_of__isnull=True)
        .filter(
            Q(bill__year=year, bill__month=month)
            | Q(status=BillLine.Status.OPEN, bill__year__lt=year)
            | Q(status=BillLine.Status.OPEN, bill__year=year, bill__month__lt=month)
        )
        .select_related("standard", "bill", "payer")
        .order_by("due_date", "id")
    )
    by_unit = defaultdict(list)
    deadlines = deadline_notices(billed)
    for line in lines:
        line.late_fee_now = line_late_fee(line, today, deadlines.get(line.unit_id, []))
        by_unit[line.unit_id].append(line)
    fees = defaultdict(Decimal)  # late fees written but still open, on their own lines
    for fee in BillLine.objects.filter(
        unit_id__in=billed, late_fee_of__isnull=False, status=BillLine.Status.OPEN
    ):
        fees[fee.unit_id] += fee.open_amount
    balances = prepaid_balances_by_unit(list(billed))
    notices = []
    for unit in units:
        if unit.pk not in billed:
            continue
        notice = Notice(
            unit=unit,
            year=year,
            month=month,
            prepaid=balances.get(unit.pk, {}),
            bill=bills[unit.pk],
        )
        for line in by_unit[unit.pk]:
            if (line.bill.year, line.bill.month) == (year, month):
                notice.lines.append(line)
            else:
                notice.arrears.append(line)
            if not notice.payer and line.payer_id:
                notice.payer = line.payer.name
        notice.written_fees = fees[unit.pk]
        notices.append(notice)
    return notices


def notice_rows(notice: Notice) -> list:
    """The notice's grid: the unit, this month's lines, arrears, what to pay by when."""
    rows = [
        row(cell(_("Unit"), notice.unit.label), cell(_("Payer"), notice.payer)),
        row(
            cell(_("Month"), notice.period),
            cell(_("Due date"), notice.due_date.isoformat() if notice.due_date else ""),
        ),
        heading(_("This month")),
    ]
    for line in notice.lines:
        detail = f"{line.amount}"
        if line.discount:
            detail = f"{line.gross} − {line.discount} ({line.discount_label}) = {line.amount}"
        if line.paid:
            detail += " · " + _("paid %(amount)s") % {"amount": line.paid}
        rows.append(row(cell(line.label, detail)))
    rows.append(
        row(
            cell(_("Charged (CNY)"), f"{notice.charged}"),
            cell(_("Paid from prepaid"), f"{notice.paid_ahead}"),
        )
    )
    rows.append(heading(_("Arrears brought forward")))
    for line in notice.arrears:
        value = f"{line.open_amount}"
        if line.late_fee_now:
            value += " + " + _("late fee %(amount)s") % {"amount": line.late_fee_now}
        rows.append(row(cell(line.label, value)))
    if not notice.arrears:
        rows.append(row(cell(_("Arrears (CNY)"), "0.00")))
    if notice.written_fees:
        rows.append(row(cell(_("Late fees charged, unpaid"), f"{notice.written_fees}")))
    total = notice.total_due + notice.written_fees
    rows += [
        row(
            cell(_("Arrears (CNY)"), f"{notice.arrears_amount}"),
            cell(_("Late fees to date"), f"{notice.late_fees}"),
        ),
        row(cell(_("Total to pay (CNY)"), f"{total}")),
        row(
            cell(
                _("How to pay"),
                _(
                    "At the fee centre in cash, by bank card, WeChat Pay or Alipay, or by bank "
                    "transfer quoting the unit %(unit)s. What stays unpaid is chased with a "
                    "deadline notice; a late fee accrues from its grace days on."
                )
                % {"unit": notice.unit.label},
                lines=2,
            )
        ),
    ]
    if notice.prepaid:
        left = sum(notice.prepaid.values(), ZERO)
        rows.append(row(cell(_("Prepaid balance left (CNY)"), f"{left}")))
    return rows


PAYMENT_NOTICE = "JF"  # the payment notices' series per estate and year (desk.numbering)


def payment_notices_number(notices, *, today: datetime.date | None = None) -> None:
    """Number the notices not numbered yet, as they are first printed: the next numbers of
    the estate's series of the year, in the notices' order, without gap or duplicate (a
    concurrent print of the same bills waits, then finds them numbered). A reprint keeps
    its number. `notices` are of one estate."""
    from django.db import transaction
    from django.utils import timezone

    from desk.numbering import number_block

    missing = [n.bill.pk for n in notices if n.bill is not None and not n.bill.notice_number]
    if not missing:
        return
    estate = notices[0].unit.estate
    today = today or estate_today(estate)
    with transaction.atomic():
        locked = {
            bill.pk: bill
            for bill in Bill.objects.select_for_update()
            .filter(pk__in=missing, notice_number="")
            .order_by("pk")
        }
        bills = [locked[pk] for pk in missing if pk in locked]
        if bills:
            numbers = number_block(
                kind=PAYMENT_NOTICE, year=today.year, estate=estate, count=len(bills)
            )
            now = timezone.now()
            for bill, number in zip(bills, numbers, strict=True):
                bill.notice_number, bill.notice_printed_at = number, now
            Bill.objects.bulk_update(bills, ["notice_number", "notice_printed_at"])
    numbered = dict(Bill.objects.filter(pk__in=missing).values_list("pk", "notice_number"))
    for notice in notices:
        if notice.bill is not None and notice.bill.pk in numbered:
            notice.bill.notice_number = numbered[notice.bill.pk]
