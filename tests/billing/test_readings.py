"""Meter readings: the building's sheet saves all rows or none; replaced meters; flags."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from billing.meter_services import ReadingEntry, ReadingErrors, readings_save
from billing.models import MeterReading
from tests.factories import MeterReadingFactory, UnitFactory

pytestmark = pytest.mark.django_db


def _save(entries, cashier, month=4):
    return readings_save(kind="water", year=2026, month=month, entries=entries, by=cashier)


def test_a_reading_below_the_previous_one_is_refused_and_nothing_is_saved(
    building, unit, march_water, cashier
):
    other = UnitFactory(building=building, number="1601", floor=16)
    with pytest.raises(ReadingErrors) as refused:
        _save([ReadingEntry(other, D("50")), ReadingEntry(unit, D("111"))], cashier)

    assert list(refused.value.errors) == ["3-1502"]
    assert "below the previous reading 112" in refused.value.errors["3-1502"]
    assert MeterReading.objects.filter(month=4).count() == 0


def test_a_replaced_meter_starts_from_its_start_reading(unit, march_water, cashier):
    _save([ReadingEntry(unit, D("7"), replaced=True, start_reading=D("0"))], cashier)

    april = MeterReading.objects.get(unit=unit, month=4)
    assert (april.start, april.reading, april.usage, april.replaced) == (
        D("0"),
        D("7"),
        D("7"),
        True,
    )


def test_usage_far_above_the_units_average_is_flagged_not_refused(unit, cashier):
    for month, (start, reading) in enumerate([(100, 110), (110, 122), (122, 130)], start=1):
        MeterReadingFactory(unit=unit, month=month, start=start, reading=reading)

    _save([ReadingEntry(unit, D("190"))], cashier)  # 60 m³ against an average of 10

    assert MeterReading.objects.get(unit=unit, month=4).flagged is True


def test_a_normal_usage_is_not_flagged(unit, march_water, cashier):
    _save([ReadingEntry(unit, D("125"))], cashier)

    april = MeterReading.objects.get(unit=unit, month=4)
    assert (april.start, april.usage, april.flagged) == (D("112"), D("13"), False)


def test_the_sheet_saves_a_whole_building_in_one_post(
    building, unit, march_water, cashier, client_for
):
    other = UnitFactory(building=building, number="1601", floor=16)
    url = reverse("billing:readings") + f"?building={building.pk}&kind=water&period=2026-04"
    client = client_for(cashier)
    page = client.get(url)
    assert page.status_code == 200 and f'name="r{unit.pk}"' in page.text

    response = client.post(url, {f"r{unit.pk}": "120.5", f"r{other.pk}": "30"})

    assert response.status_code == 302
    assert dict(MeterReading.objects.filter(month=4).values_list("unit__number", "reading")) == {
        "1502": D("120.50"),
        "1601": D("30.00"),
    }


def test_a_bad_row_on_the_sheet_saves_nothing_and_names_the_row(
    building, unit, march_water, cashier, client_for
):
    other = UnitFactory(building=building, number="1601", floor=16)
    url = reverse("billing:readings") + f"?building={building.pk}&kind=water&period=2026-04"

    response = client_for(cashier).post(url, {f"r{unit.pk}": "abc", f"r{other.pk}": "30"})

    assert response.status_code == 200
    assert "Nothing was saved: 3-1502" in response.text
    assert MeterReading.objects.filter(month=4).count() == 0
