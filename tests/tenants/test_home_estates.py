"""The home page's estates panel: each estate of the user with its units by status."""

import pytest

from tenants.models import Unit
from tenants.selectors import estates_with_unit_counts
from tests.factories import BuildingFactory, EstateFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_each_estate_counts_its_own_units_by_status(django_assert_num_queries):
    busy, empty, other = EstateFactory(name="A苑"), EstateFactory(name="B苑"), EstateFactory()
    building = BuildingFactory(estate=busy)
    for status in ["occupied", "occupied", "vacant", "renovating"]:
        UnitFactory(building=building, status=status)
    UnitFactory(building=BuildingFactory(estate=other), status=Unit.Status.OCCUPIED)
    user = UserFactory(estates=[busy, empty])
    with django_assert_num_queries(2):  # the user's estates, then the panel's one query
        rows = [
            (e.pk, e.unit_count, e.occupied, e.vacant, e.renovating)
            for e in estates_with_unit_counts(user)
        ]
    assert rows == [(busy.pk, 4, 2, 1, 1), (empty.pk, 0, 0, 0, 0)]
