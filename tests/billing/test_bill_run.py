"""The monthly bill run: lines, payers, discounts, rate history, idempotence, skipping."""

import datetime
from decimal import Decimal as D

import pytest
from django.core.management import call_command

from billing import bill_run as bill_run_module
from billing.models import Bill, BillLine, BillRun, FeeKind, FeeRate, MeterReading, PrepaidEntry
from billing.services import bill_run
from tests.factories import (
    FeeStandardFactory,
    MeterReadingFactory,
    OccupancyFactory,
    ResidentFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db


def _lines(unit, year=2026, month=3):
    return {
        line.kind: line
        for line in BillLine.objects.filter(unit=unit, bill__year=year, bill__month=month)
    }


def test_a_unit_gets_one_bill_with_a_line_per_fee(
    estate, unit, occupancy, property_fee, water_fee, march_water
):
    result = bill_run(estate=estate, year=2026, month=3)

    assert result.bills == 1 and result.skipped == []
    bill = Bill.objects.get(unit=unit)
    lines = _lines(unit)
    prop, water = lines[FeeKind.PROPERTY], lines[FeeKind.WATER]
    assert (prop.quantity, prop.rate, prop.amount) == (D("89.50"), D("2.50"), D("223.75"))
    assert (water.quantity, water.amount) == (D("12.00"), D("42.00"))
    assert prop.due_date == datetime.date(2026, 3, 15)
    assert bill.total == D("265.75")
    assert prop.payer == occupancy.resident  # the owner
    assert prop.description == "物业管理费 2026-03"


def test_the_payer_is_the_owner_or_the_occupant_as_the_fee_says(
    estate, unit, occupancy, property_fee, water_fee, march_water
):
    renter = ResidentFactory(estate=estate, name="李租户")
    OccupancyFactory(unit=unit, resident=renter, role="occupant")

    bill_run(estate=estate, year=2026, month=3)

    lines = _lines(unit)
    assert lines[FeeKind.PROPERTY].payer == occupancy.resident
    assert lines[FeeKind.WATER].payer == renter


def test_tiered_water_charges_the_usage_above_the_tier_at_its_rate(
    estate, unit, occupancy, water_fee
):
    MeterReadingFactory(unit=unit, year=2026, month=3, start=D("100"), reading=D("130"))

    bill_run(estate=estate, year=2026, month=3)

    water = _lines(unit)[FeeKind.WATER]
    assert water.amount == D("120.00")  # 20 × 3.50 + 10 × 5.00
    assert water.tiers == [{"up_to": "20", "rate": "3.50"}, {"up_to": None, "rate": "5.00"}]


def test_a_vacant_unit_pays_with_its_discount_shown_on_its_own(estate, building, property_fee):
    property_fee.vacant_discount = D("30")
    property_fee.save()
    vacant = UnitFactory(building=building, number="901", floor=9, floor_area=D("100.00"))

    bill_run(estate=estate, year=2026, month=3)

    line = _lines(vacant)[FeeKind.PROPERTY]
    assert (line.gross, line.discount, line.amount) == (D("250.00"), D("75.00"), D("175.00"))
    assert line.discount_label == "Vacant-unit discount 30%"


def test_a_fee_vacant_units_do_not_pay_is_not_charged_to_them(estate, building, water_fee):
    UnitFactory(building=building, number="902", floor=9)

    result = bill_run(estate=estate, year=2026, month=3)

    assert result.bills == 0 and Bill.objects.count() == 0


def test_a_fixed_fee_goes_to_the_usages_it_names(estate, building, property_fee):
    FeeStandardFactory(
        estate=estate, name="车位管理费", kind=FeeKind.FIXED, usages=["parking"], rate=D("80")
    )
    space = UnitFactory(building=building, number="B101", floor=1, usage="parking")

    bill_run(estate=estate, year=2026, month=3)

    assert {k: line.amount for k, line in _lines(space).items()} == {FeeKind.FIXED: D("80.00")}


def test_a_rate_change_bills_later_months_and_never_rewrites_a_past_bill(
    estate, unit, occupancy, property_fee
):
    bill_run(estate=estate, year=2026, month=2)
    FeeRate.objects.create(
        standard=property_fee, effective_from=datetime.date(2026, 3, 1), rate=D("3.00")
    )
    bill_run(estate=estate, year=2026, month=3)
    bill_run(estate=estate, year=2026, month=2)  # again: nothing changes

    feb = _lines(unit, 2026, 2)[FeeKind.PROPERTY]
    mar = _lines(unit, 2026, 3)[FeeKind.PROPERTY]
    assert (feb.rate, feb.amount) == (D("2.50"), D("223.75"))
    assert (mar.rate, mar.amount) == (D("3.00"), D("268.50"))


def test_running_the_month_twice_makes_one_run_of_bills(estate, building, property_fee):
    units = [UnitFactory(building=building, number=f"{i}01", floor=i) for i in range(1, 6)]

    first = bill_run(estate=estate, year=2026, month=3)
    second = bill_run(estate=estate, year=2026, month=3)

    assert (first.bills, second.bills) == (5, 0)
    assert Bill.objects.count() == 5
    assert BillLine.objects.count() == 5
    assert sorted(Bill.objects.values_list("unit_id", flat=True)) == [u.pk for u in units]
    assert BillRun.objects.get().bills == 5


def test_a_run_killed_half_way_and_run_again_makes_one_run_of_bills(
    estate, building, property_fee, monkeypatch
):
    for i in range(1, 8):
        UnitFactory(building=building, number=f"{i}01", floor=i)
    real = bill_run_module._bill_chunk
    calls = []

    def dies_on_the_third_chunk(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            real(*args, **kwargs)  # the chunk is written, then the worker dies
            raise RuntimeError("killed")
        return real(*args, **kwargs)

    monkeypatch.setattr(bill_run_module, "_bill_chunk", dies_on_the_third_chunk)
    with pytest.raises(RuntimeError):
        bill_run(estate=estate, year=2026, month=3, chunk=2)
    assert Bill.objects.count() == 4  # two chunks committed, the third rolled back
    monkeypatch.setattr(bill_run_module, "_bill_chunk", real)

    again = bill_run(estate=estate, year=2026, month=3, chunk=2)

    assert again.bills == 3
    assert Bill.objects.count() == 7
    assert BillLine.objects.count() == 7
    assert Bill.objects.values("unit").distinct().count() == 7


def test_a_unit_without_its_reading_is_skipped_then_billed_alone_later(
    estate, building, unit, occupancy, water_fee, march_water
):
    other = UnitFactory(building=building, number="1601", floor=16, status="occupied")

    first = bill_run(estate=estate, year=2026, month=3)

    assert first.bills == 1
    assert first.skipped == [[other.pk, "3-1601", ["water"]]]
    assert BillRun.objects.get().skipped == first.skipped

    MeterReadingFactory(unit=other, kind=MeterReading.Kind.WATER, year=2026, month=3)
    second = bill_run(estate=estate, year=2026, month=3)

    assert (second.bills, second.skipped) == (1, [])
    assert Bill.objects.filter(year=2026, month=3).count() == 2


def test_prepaid_money_pays_new_bills_earmarked_first(estate, unit, occupancy, property_fee):
    PrepaidEntry.objects.create(estate=estate, unit=unit, kind="", amount=D("100"))
    PrepaidEntry.objects.create(estate=estate, unit=unit, kind="property", amount=D("200"))

    bill_run(estate=estate, year=2026, month=3)

    line = _lines(unit)[FeeKind.PROPERTY]
    assert (line.paid, line.status) == (D("223.75"), "paid")
    balances = {
        k: sum(e.amount for e in PrepaidEntry.objects.filter(unit=unit, kind=k))
        for k in ("", "property")
    }
    assert balances == {"property": D("0"), "": D("76.25")}


def test_the_bill_run_queries_do_not_grow_with_units(
    estate, building, property_fee, django_assert_max_num_queries
):
    for i in range(1, 4):
        UnitFactory(building=building, number=f"{i}01", floor=i)
    bill_run(estate=estate, year=2026, month=1)
    with django_assert_max_num_queries(30) as small:
        bill_run(estate=estate, year=2026, month=2)
    for i in range(4, 40):
        UnitFactory(building=building, number=f"{i}01", floor=i)
    # The same statements; a bulk insert may go in two (Django splits rows by whether a
    # primary key is set), never in one per unit.
    with django_assert_max_num_queries(len(small.captured_queries) + 2):
        bill_run(estate=estate, year=2026, month=3)


def test_the_command_bills_the_month_of_one_estate(estate, other_estate, unit, property_fee):
    FeeStandardFactory(estate=other_estate)
    UnitFactory(building__estate=other_estate)

    call_command("generate_monthly_bills", "2026-03", "--estate", "CH")

    assert list(Bill.objects.values_list("estate__code", "year", "month")) == [("CH", 2026, 3)]


def test_the_bills_and_lines_written_by_copy_keep_their_history(
    estate, unit, occupancy, property_fee, water_fee, march_water
):
    bill_run(estate=estate, year=2026, month=3)

    bill = Bill.objects.get(unit=unit)
    (record,) = bill.history.all()
    assert (record.history_type, record.total, record.run_id) == ("+", bill.total, bill.run_id)
    assert record.created_at == bill.created_at is not None
    for line in BillLine.objects.filter(bill=bill):
        (record,) = line.history.all()
        assert record.history_type == "+"
        assert (record.amount, record.quantity, record.tiers) == (
            line.amount,
            line.quantity,
            line.tiers,
        )
    assert BillLine.objects.get(bill=bill, kind=FeeKind.WATER).tiers == [
        {"up_to": "20", "rate": "3.50"},
        {"up_to": None, "rate": "5.00"},
    ]
    # The ids came from the tables' sequences: the next row made by the ORM follows them.
    later = Bill.objects.create(
        estate=estate, unit=unit, year=2026, month=4, total=D("1.00"), kind=Bill.Kind.CHARGE
    )
    assert later.pk > bill.pk
