"""Billing's reused reads."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Prefetch, Sum

from billing.charges import late_fee
from billing.models import BillLine, FeeRate, FeeStandard, Payment, PrepaidEntry
from billing.money import ZERO
from desk.clock import estate_today


def standards_for_list(user):
    return (
        FeeStandard.objects.for_user(user)
        .select_related("estate")
        .prefetch_related(Prefetch("rates", queryset=FeeRate.objects.order_by("-effective_from")))
    )


def open_lines(unit, *, today=None):
    """The unit's open lines, oldest first, each with `late_fee_now` (to `today`)."""
    today = today or estate_today(unit.estate)
    lines = list(
        BillLine.objects.filter(unit=unit, status=BillLine.Status.OPEN)
        .select_related("standard", "bill", "payer")
        .order_by("due_date", "bill__year", "bill__month", "id")
    )
    for line in lines:
        line.late_fee_now = line_late_fee(line, today)
    return lines


def line_late_fee(line, today):
    if line.late_fee_of_id or line.late_fee_waived:
        return ZERO
    standard = line.standard
    return late_fee(
        open_amount=line.open_amount,
        amount=line.amount,
        charged=line.late_fee_charged,
        due_date=line.due_date,
        grace_days=standard.late_fee_grace_days,
        daily_rate_percent=standard.late_fee_daily_rate,
        charged_until=line.late_fee_until,
        today=today,
    )


def prepaid_balances(unit) -> dict:
    """{fee kind or "": balance} of the unit's prepaid money (only non-zero balances)."""
    rows = (
        PrepaidEntry.objects.filter(unit=unit)
        .values("kind")
        .annotate(balance=Sum("amount"))
        .order_by("kind")
    )
    return {row["kind"]: row["balance"] for row in rows if row["balance"]}


def prepaid_for_display(unit) -> list:
    """[(what it is for, balance)] of the unit's prepaid money, for a page."""
    from billing.models import FeeKind

    return [
        (FeeKind(kind).label if kind else "", balance)
        for kind, balance in prepaid_balances(unit).items()
    ]


def prepaid_balances_by_unit(unit_ids) -> dict:
    """{unit id: {kind: balance}} for many units at once (the bill run)."""
    balances = defaultdict(dict)
    rows = (
        PrepaidEntry.objects.filter(unit_id__in=unit_ids)
        .values("unit_id", "kind")
        .annotate(balance=Sum("amount"))
        .order_by()
    )
    for row in rows:
        if row["balance"] > 0:
            balances[row["unit_id"]][row["kind"]] = row["balance"]
    return balances


def unit_account(unit, user=None):
    """The unit page's account section: open lines, arrears, prepaid, last payments (4 queries)."""
    lines = open_lines(unit)
    arrears = sum((line.open_amount + line.late_fee_now for line in lines), Decimal(0))
    return {
        "lines": lines,
        "arrears": arrears,
        "prepaid": prepaid_for_display(unit),
        "payments": list(
            Payment.objects.filter(unit=unit).select_related("taken_by").order_by("-taken_at")[:5]
        ),
    }


def unit_has_arrears(unit_id, today) -> bool:
    """Whether a unit owes anything due by `today` (open lines due on or before today)."""
    return BillLine.objects.filter(
        unit_id=unit_id, status=BillLine.Status.OPEN, due_date__lte=today
    ).exists()


def payments_for_list(user):
    return Payment.objects.for_user(user).select_related("unit__building", "estate", "taken_by")
