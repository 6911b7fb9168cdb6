"""The cashier's day (日结): what they took by method, against what they counted, closed and
signed; and the week's collections for finance.

An entry (a payment, a reversal, a deposit refund paid out) belongs to the cashier's drawer
it went through: a payment and a refund to whoever took or paid it, a reversal to the
cashier who took the payment it reverses (the money goes back out of their drawer). Closing
a day stamps every entry of the drawer not yet in a closed day, up to that day, with the
cash-up (`cashup`), and freezes the figures in its lines: a closed day never changes, and an
entry made after the close (a reversal approved next week, a payment taken after closing)
counts on the day it is closed with, by itself.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from billing.models import CashUp, CashUpLine, DepositRefund, Method, Payment
from billing.money import ZERO, money
from desk.errors import BusinessRuleError


@dataclass
class MethodFigures:
    method: str
    taken: Decimal = ZERO
    reversed: Decimal = ZERO
    refunded: Decimal = ZERO
    receipts: int = 0
    counted: Decimal | None = None

    @property
    def label(self):
        return str(Method(self.method).label)

    @property
    def expected(self):
        return self.taken + self.reversed + self.refunded

    @property
    def difference(self):
        return None if self.counted is None else self.counted - self.expected


@dataclass
class DayFigures:
    """A cashier's figures of a day: one `MethodFigures` per method, in Method's order."""

    day: datetime.date
    methods: list = field(default_factory=list)
    earlier: int = 0  # entries of earlier days not yet in a closed day, counted here

    @property
    def expected(self):
        return sum((m.expected for m in self.methods), ZERO)

    @property
    def receipts(self):
        return sum(m.receipts for m in self.methods)

    def by_method(self):
        return {m.method: m for m in self.methods}


def _drawer_payments(estate, cashier):
    return Payment.objects.filter(estate=estate).filter(
        Q(reverses__isnull=True, taken_by=cashier) | Q(reverses__taken_by=cashier)
    )


def _drawer_refunds(estate, cashier):
    return DepositRefund.objects.filter(
        estate=estate, paid_by=cashier, status=DepositRefund.Status.PAID, amount__gt=0
    )


def open_day(estate, cashier, day: datetime.date) -> DayFigures:
    """The figures a close of `day` would freeze: the drawer's entries not yet in a closed
    day, up to `day` (2 queries)."""
    return open_days(cashier, {estate.pk: day})[estate.pk]


def open_days(cashier, days: dict) -> dict:
    """`open_day` of several estates at once: {estate id: DayFigures} for `days` {estate id:
    the day a close would freeze}, in the same 3 queries whatever their number."""
    up_to = Q(pk__in=[])
    before = Q(pk__in=[])
    for estate_id, day in days.items():
        up_to |= Q(estate_id=estate_id, business_date__lte=day)
        before |= Q(estate_id=estate_id, business_date__lt=day)
    figures = {
        estate_id: {method: MethodFigures(method) for method in Method.values} for estate_id in days
    }
    earlier = dict.fromkeys(days, 0)  # entries of earlier days not yet in a closed day
    # The payments the cashier took, from the index of drawers' open payments, and apart
    # the reversals of them (whoever entered those), a few: one query each, not one that
    # joins every payment to the one it reverses.
    drawer = (
        (Q(reverses__isnull=True, taken_by=cashier), "taken"),
        (Q(reverses__isnull=False, reverses__taken_by=cashier), "reversed"),
    )
    for entries, figure in drawer:
        for row in (
            Payment.objects.filter(entries, up_to, cashup__isnull=True)
            .values("estate_id", "method")
            .annotate(
                total=Sum("amount"),
                count=Count("*"),
                earlier=Count("business_date", filter=before),  # a column of the index
            )
            .order_by()
        ):
            found = figures[row["estate_id"]][row["method"]]
            setattr(found, figure, getattr(found, figure) + row["total"])
            found.receipts += row["count"]
            earlier[row["estate_id"]] += row["earlier"]
    for row in (
        DepositRefund.objects.filter(
            up_to,
            paid_by=cashier,
            status=DepositRefund.Status.PAID,
            amount__gt=0,
            cashup__isnull=True,
        )
        .values("estate_id", "method")
        .annotate(total=Sum("amount"), earlier=Count("pk", filter=before))
        .order_by()
    ):
        figures[row["estate_id"]][row["method"]].refunded -= row["total"]
        earlier[row["estate_id"]] += row["earlier"]
    return {
        estate_id: DayFigures(
            day=day, methods=list(figures[estate_id].values()), earlier=earlier[estate_id]
        )
        for estate_id, day in days.items()
    }


def closed_day_figures(cashup: CashUp) -> DayFigures:
    """A closed day as it was frozen (its lines, never recomputed)."""
    methods = [
        MethodFigures(
            method=line.method,
            taken=line.taken,
            reversed=line.reversed,
            refunded=line.refunded,
            receipts=line.receipts,
            counted=line.counted,
        )
        for line in cashup.lines.all()
    ]
    return DayFigures(day=cashup.business_date, methods=methods)


def cashup_close(
    *, estate, cashier, day: datetime.date, counted: dict, signed_name: str, note: str = ""
) -> CashUp:
    """The cashier closes their day: `counted` {method: amount counted}, signed with their
    name. Refused for a day already closed, or a day to come."""
    from desk.clock import estate_today

    signed_name = signed_name.strip()
    if not signed_name:
        raise BusinessRuleError(_("Sign the cash-up with your name."))
    if day > estate_today(estate):
        raise BusinessRuleError(_("A day to come cannot be closed."))
    counted = {method: money(counted.get(method) or 0) for method in Method.values}
    if any(amount < 0 for amount in counted.values()):
        raise BusinessRuleError(_("A counted amount cannot be negative."))
    with transaction.atomic():
        # the drawer's open entries, locked: a reversal or refund being written waits
        payments = list(
            _drawer_payments(estate, cashier)
            .filter(cashup__isnull=True, business_date__lte=day)
            .select_for_update(of=("self",))
            .values_list("pk", flat=True)
        )
        refunds = list(
            _drawer_refunds(estate, cashier)
            .filter(cashup__isnull=True, business_date__lte=day)
            .select_for_update()
            .values_list("pk", flat=True)
        )
        figures = open_day(estate, cashier, day)
        try:
            with transaction.atomic():
                cashup = CashUp.objects.create(
                    estate=estate,
                    cashier=cashier,
                    business_date=day,
                    expected=figures.expected,
                    counted=sum(counted.values(), ZERO),
                    signed_name=signed_name[:100],
                    note=note.strip()[:300],
                    closed_at=timezone.now(),
                )
        except IntegrityError as exc:
            raise BusinessRuleError(_("This day is already closed.")) from exc
        CashUpLine.objects.bulk_create(
            [
                CashUpLine(
                    cashup=cashup,
                    method=m.method,
                    taken=m.taken,
                    reversed=m.reversed,
                    refunded=m.refunded,
                    expected=m.expected,
                    counted=counted[m.method],
                    receipts=m.receipts,
                )
                for m in figures.methods
                if m.receipts or m.refunded or counted[m.method]
            ]
        )
        Payment.objects.filter(pk__in=payments).update(cashup=cashup)
        DepositRefund.objects.filter(pk__in=refunds).update(cashup=cashup)
    return cashup


def cashups_of_week(user, estate, day: datetime.date):
    """The closed days of the estate's week holding `day` (Monday to Sunday), each with its
    lines, and the week's totals by method: the collection list for finance."""
    from desk.clock import week_start

    monday = week_start(day)
    sunday = monday + datetime.timedelta(days=6)
    cashups = list(
        CashUp.objects.for_user(user)
        .filter(estate=estate, business_date__gte=monday, business_date__lte=sunday)
        .select_related("cashier")
        .prefetch_related("lines")
        .order_by("business_date", "cashier__username")
    )
    totals = defaultdict(lambda: MethodFigures(""))
    for cashup in cashups:
        for line in cashup.lines.all():
            found = totals[line.method]
            found.method = line.method
            found.taken += line.taken
            found.reversed += line.reversed
            found.refunded += line.refunded
            found.receipts += line.receipts
            found.counted = (found.counted or ZERO) + line.counted
    ordered = [totals[m] for m in Method.values if m in totals]
    return {
        "monday": monday,
        "sunday": sunday,
        "cashups": cashups,
        "totals": ordered,
        "expected": sum((m.expected for m in ordered), ZERO),
        "counted": sum((m.counted or ZERO for m in ordered), ZERO),
    }


def open_cashup_panel(user):
    """The home panel's context (for the cashier's home): today's open figures of the
    user's drawer in each of their estates, and whether today is already closed there
    (6 queries whatever the number of estates)."""
    from desk.clock import estate_today
    from desk.models import Estate

    estates = list(Estate.objects.for_user(user).order_by("name"))
    days = {estate.pk: estate_today(estate) for estate in estates}
    figures = open_days(user, days)
    closed = set(
        CashUp.objects.filter(cashier=user, estate_id__in=list(days))
        .filter(business_date__in=set(days.values()))
        .values_list("estate_id", "business_date")
    )
    return {
        "cashups": [
            {
                "estate": estate,
                "figures": figures[estate.pk],
                "closed_today": (estate.pk, days[estate.pk]) in closed,
            }
            for estate in estates
        ]
    }
