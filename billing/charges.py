"""How much: the arithmetic of fees, pure functions over Decimals (tested on their own).

Every amount is rounded once, where it is charged, with `money` (ROUND_HALF_UP).
"""

import datetime
from decimal import Decimal

from billing.money import ZERO, money

HUNDRED = Decimal("100")


def rate_on(rates, day: datetime.date):
    """The rate in force on `day`: the latest with `effective_from <= day`, or None.
    `rates` are FeeRate rows of one standard (any order)."""
    best = None
    for rate in rates:
        if rate.effective_from <= day and (
            best is None or rate.effective_from > best.effective_from
        ):
            best = rate
    return best


def tiered_amount(usage: Decimal, rate: Decimal, tiers) -> Decimal:
    """usage × rate; with tiers (`[{"up_to": "10", "rate": "3.5"}, {"up_to": None, ...}]`),
    each part of the usage at its tier's rate (the usage above the last bound at the last
    tier's rate)."""
    if not tiers:
        return money(usage * rate)
    total, below = Decimal(0), Decimal(0)
    for tier in tiers:
        up_to = tier.get("up_to")
        tier_rate = Decimal(str(tier["rate"]))
        top = usage if up_to in (None, "") else min(usage, Decimal(str(up_to)))
        if top > below:
            total += (top - below) * tier_rate
            below = top
        if below >= usage:
            break
    if below < usage:  # past the last bounded tier
        total += (usage - below) * Decimal(str(tiers[-1]["rate"]))
    return money(total)


def discount_of(gross: Decimal, percent: Decimal) -> Decimal:
    return money(gross * percent / HUNDRED)


def late_fee_start(notice_on: datetime.date, grace_days: int) -> datetime.date:
    """The first day a late fee accrues for: the day after the grace days that follow the
    deadline notice (限期缴费通知)."""
    return notice_on + datetime.timedelta(days=grace_days + 1)


def late_fee(
    *,
    open_amount: Decimal,
    amount: Decimal,
    charged: Decimal,
    notice_on: datetime.date | None,
    grace_days: int,
    daily_rate_percent: Decimal,
    charged_until: datetime.date | None,
    today: datetime.date,
) -> Decimal:
    """The late fee (滞纳金) owed on a line today, on top of what was already `charged`.

    The one rule (DOMAIN.md, Fees): a daily rate (in %) on the overdue open amount for each
    day from the end of the grace days after the deadline notice that named the line
    (`notice_on`; none given: no late fee), or from the day after `charged_until` (the day
    up to which a late fee was last written), to today; all late fees of the line together
    capped at its amount.
    """
    if open_amount <= 0 or daily_rate_percent <= 0 or notice_on is None:
        return ZERO
    start = late_fee_start(notice_on, grace_days)
    if charged_until is not None:
        start = max(start, charged_until + datetime.timedelta(days=1))
    days = (today - start).days + 1
    if days <= 0:
        return ZERO
    fee = money(open_amount * daily_rate_percent / HUNDRED * days)
    return max(ZERO, min(fee, amount - charged))
