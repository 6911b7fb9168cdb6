from datetime import timedelta

import pytest
from django.utils import timezone

from tenants.models import Area, AreaBuilding
from visits import services


@pytest.fixture
def area(estate, building, rep):
    area = Area.objects.create(estate=estate, name="东区", rep=rep)
    AreaBuilding.objects.create(area=area, building=building)
    return area


@pytest.fixture
def record(unit, occupancy, rep):
    """Record a visit to the unit: `record(opinions=[(text, category)], **overrides)`."""

    def make(**overrides):
        values = {
            "unit": unit,
            "met": occupancy.resident,
            "kind": "routine",
            "at": timezone.now() - timedelta(hours=1),
            "opinions": [],
            "by": rep,
        }
        values.update(overrides)
        return services.visit_record(**values)

    return make
