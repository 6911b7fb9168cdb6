"""Billing's reused reads."""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Prefetch, Sum
from django.utils.translation import gettext_lazy as _

from billing.charges import late_fee
from billing.models import (
    BillLine,
    FeeRate,
    FeeStandard,
    LadderStep,
    Payment,
    PrepaidEntry,
    Stage,
)
from billing.models.ladder import NOTICE_STAGES
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
    notices = deadline_notices([unit.pk]).get(unit.pk, [])
    for line in lines:
        line.late_fee_now = line_late_fee(line, today, notices)
    return lines


def deadline_notices(unit_ids) -> dict:
    """{unit id: the days of its deadline notices (限期缴费通知), oldest first} (1 query)."""
    notices = defaultdict(list)
    rows = (
        LadderStep.objects.filter(unit_id__in=list(unit_ids), stage=Stage.DEADLINE)
        .values_list("unit_id", "reached_on")
        .order_by("reached_on")
    )
    for unit_id, day in rows:
        notices[unit_id].append(day)
    return notices


def notice_of(line, notices):
    """The deadline notice that starts the line's late fee: the first one given after the
    line fell due (it named the line among the overdue amount), or None."""
    return next((day for day in notices if day > line.due_date), None)


def line_late_fee(line, today, notices=None):
    """The late fee of `line` to `today`; `notices` are the days of its unit's deadline
    notices (`deadline_notices`; read for the line's unit when not given)."""
    if line.late_fee_of_id or line.late_fee_waived:
        return ZERO
    if notices is None:
        notices = deadline_notices([line.unit_id]).get(line.unit_id, [])
    standard = line.standard
    return late_fee(
        open_amount=line.open_amount,
        amount=line.amount,
        charged=line.late_fee_charged,
        notice_on=notice_of(line, notices),
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


def notices_given(unit, limit=10) -> list:
    """The unit's numbered notices, newest first: the payment notices printed (by bill) and
    the reminder and deadline notices of the ladder, as dicts of number, what, day and the
    bill or step (2 queries)."""
    from billing.models import Bill

    given = [
        {
            "number": b.notice_number,
            "what": _("Payment notice"),
            "period": b.period,
            "bill": b,
            "day": b.notice_printed_at.date() if b.notice_printed_at else None,
        }
        for b in Bill.objects.filter(unit=unit)
        .exclude(notice_number="")
        .order_by("-notice_printed_at", "-pk")[:limit]
    ]
    given += [
        {
            "number": step.number,
            "what": step.get_stage_display(),
            "day": step.reached_on,
            "step": step,
        }
        for step in LadderStep.objects.filter(unit=unit, stage__in=NOTICE_STAGES)
        .exclude(number="")
        .order_by("-reached_on", "-pk")[:limit]
    ]
    given.sort(key=lambda n: (n["day"] or datetime.date.min, n["number"]), reverse=True)
    return given[:limit]


def unit_has_arrears(unit_id, today) -> bool:
    """Whether a unit owes anything due by `today` (open lines due on or before today)."""
    return BillLine.objects.filter(
        unit_id=unit_id, status=BillLine.Status.OPEN, due_date__lte=today
    ).exists()


def payments_for_list(user):
    return Payment.objects.for_user(user).select_related("unit__building", "estate", "taken_by")
