"""The arithmetic of fees: rounding, tiers, discounts, late fees (grace, cap)."""

import datetime
from decimal import Decimal as D
from types import SimpleNamespace

import pytest

from billing.charges import discount_of, late_fee, rate_on, tiered_amount
from billing.money import amount_in_words, money


@pytest.mark.parametrize(
    ("value", "rounded"),
    [("2.345", "2.35"), ("2.344", "2.34"), ("0.005", "0.01"), ("-2.345", "-2.35"), ("7", "7.00")],
)
def test_money_rounds_half_up_to_the_cent(value, rounded):
    assert money(D(value)) == D(rounded)


def test_area_times_rate_is_rounded_once_half_up():
    # 89.50 m² × 2.35 = 210.325 → 210.33 (banker's rounding would give 210.32)
    assert money(D("89.50") * D("2.35")) == D("210.33")


def test_flat_metered_amount_is_usage_times_rate():
    assert tiered_amount(D("12.00"), D("3.45"), []) == D("41.40")


def test_tiered_amount_charges_each_part_at_its_tier():
    tiers = [
        {"up_to": "10", "rate": "3"},
        {"up_to": "20", "rate": "4"},
        {"up_to": None, "rate": "5"},
    ]
    assert tiered_amount(D("8"), D("3"), tiers) == D("24.00")
    assert tiered_amount(D("10"), D("3"), tiers) == D("30.00")
    assert tiered_amount(D("15"), D("3"), tiers) == D("50.00")  # 30 + 5×4
    assert tiered_amount(D("25.5"), D("3"), tiers) == D("97.50")  # 30 + 40 + 5.5×5


def test_usage_past_the_last_bounded_tier_is_at_its_rate():
    tiers = [{"up_to": "10", "rate": "3"}, {"up_to": "20", "rate": "4"}]
    assert tiered_amount(D("30"), D("3"), tiers) == D("110.00")


def test_vacant_discount_is_rounded_half_up():
    assert discount_of(D("223.75"), D("30")) == D("67.13")  # 67.125


def test_the_rate_in_force_is_the_latest_started():
    rates = [
        SimpleNamespace(effective_from=datetime.date(2025, 1, 1), rate=D("2.00")),
        SimpleNamespace(effective_from=datetime.date(2026, 3, 1), rate=D("2.50")),
    ]
    assert rate_on(rates, datetime.date(2026, 2, 1)).rate == D("2.00")
    assert rate_on(rates, datetime.date(2026, 3, 1)).rate == D("2.50")
    assert rate_on(rates, datetime.date(2024, 12, 1)) is None


NOTICE = datetime.date(2026, 3, 15)  # the deadline notice's day


def _fee(
    today, *, open_amount="200", amount="200", charged="0", until=None, grace=5, notice=NOTICE
):
    return late_fee(
        open_amount=D(open_amount),
        amount=D(amount),
        charged=D(charged),
        notice_on=notice,
        grace_days=grace,
        daily_rate_percent=D("0.5"),
        charged_until=until,
        today=today,
    )


def test_no_late_fee_without_a_deadline_notice():
    assert _fee(datetime.date(2027, 3, 15), notice=None) == D("0")


def test_no_late_fee_within_the_grace_days_after_the_notice():
    assert _fee(datetime.date(2026, 3, 20)) == D("0")


def test_late_fee_accrues_daily_from_the_end_of_the_grace_days_after_the_notice():
    assert _fee(datetime.date(2026, 3, 21)) == D("1.00")  # one day: 200 × 0.5%
    assert _fee(datetime.date(2026, 3, 30)) == D("10.00")  # ten days


def test_late_fee_is_capped_at_the_principal():
    assert _fee(datetime.date(2027, 12, 31)) == D("200")
    assert _fee(datetime.date(2027, 12, 31), charged="150") == D("50")


def test_late_fee_after_a_partial_payment_runs_on_what_is_open_from_the_day_after():
    assert _fee(
        datetime.date(2026, 4, 4), open_amount="100", until=datetime.date(2026, 3, 30)
    ) == D("2.50")  # 5 days × 100 × 0.5%


def test_amount_in_words_as_a_receipt_writes_it():
    assert amount_in_words(D("1234.56")) == "壹仟贰佰叁拾肆元伍角陆分"
    assert amount_in_words(D("100")) == "壹佰元整"
    assert amount_in_words(D("10005.05")) == "壹万零伍元零伍分"
    assert amount_in_words(D("-30.20")) == "负叁拾元贰角"
