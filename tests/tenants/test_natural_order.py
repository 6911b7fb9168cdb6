"""Units in their natural order (1-101, 1-102 ... 1-1001, 2-101, 10-101), not as text."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from tenants.models import Unit
from tests.factories import BuildingFactory, UnitFactory

NATURAL = ["1-101", "1-102", "1-901", "1-1001", "2-101", "2-1001", "10-101", "B2-101", "B10-101"]


def _units_in_shuffled_order(estate):
    buildings = {}
    for label in reversed(NATURAL):  # created backwards, so the primary key is no help
        building, number = label.split("-")
        if building not in buildings:
            buildings[building] = BuildingFactory(estate=estate, number=building)
        UnitFactory(building=buildings[building], number=number, floor=int(number[:-2]))


def test_the_database_orders_units_naturally(estate):
    _units_in_shuffled_order(estate)
    assert [f"{u.building.number}-{u.number}" for u in Unit.objects.select_related("building")] == (
        NATURAL
    )


def test_the_unit_list_shows_units_in_natural_order(client_for, manager, estate):
    _units_in_shuffled_order(estate)
    response = client_for(manager).get(reverse("tenants:unit_list"))
    assert [f"{u.building.number}-{u.number}" for u in response.context["object_list"]] == NATURAL


def test_the_tenant_list_export_is_in_natural_order(client_for, manager, estate):
    _units_in_shuffled_order(estate)
    response = client_for(manager).get(reverse("tenants:tenant_list_export"))
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    column = rows[0].index("Unit")
    assert [row[column] for row in rows[1:]] == NATURAL


def test_a_renumbered_unit_takes_its_new_place(estate):
    _units_in_shuffled_order(estate)
    unit = Unit.objects.get(building__number="1", number="1001")
    unit.number = "100"
    unit.save()
    assert [u.number for u in Unit.objects.filter(building__number="1")] == [
        "100",
        "101",
        "102",
        "901",
    ]
