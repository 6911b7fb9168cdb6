"""Billing's fixtures: an estate with a property fee and a water fee, a unit with readings."""

import datetime
from decimal import Decimal

import pytest

from billing.models import FeeKind, MeterReading, Payer
from tests.factories import FeeStandardFactory, MeterReadingFactory


@pytest.fixture
def property_fee(estate):
    """2.50 a m² a month, due on the 15th; 0.05% a day late after 10 days."""
    return FeeStandardFactory(
        estate=estate,
        name="物业管理费",
        late_fee_daily_rate=Decimal("0.05"),
        late_fee_grace_days=10,
        rate=Decimal("2.50"),
    )


@pytest.fixture
def water_fee(estate):
    """3.50 a m³ (tiered: above 20 m³ at 5.00), paid by the occupant."""
    return FeeStandardFactory(
        estate=estate,
        name="水费",
        kind=FeeKind.WATER,
        payer=Payer.OCCUPANT,
        vacant_pays=False,
        rate=Decimal("3.50"),
        rate__tiers=[{"up_to": "20", "rate": "3.50"}, {"up_to": None, "rate": "5.00"}],
        order=200,
    )


@pytest.fixture
def march_water(unit):
    return MeterReadingFactory(
        unit=unit, kind=MeterReading.Kind.WATER, year=2026, month=3, start=100, reading=112
    )


MARCH = datetime.date(2026, 3, 1)
