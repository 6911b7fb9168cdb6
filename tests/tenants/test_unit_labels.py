"""The unit as staff type it: one table of spellings, read the same by every search and form."""

import pytest
from django.urls import reverse

from complaints.forms import IntakeForm
from tenants.models import Unit
from tenants.unit_labels import UnitLabel, parse_unit_label
from tests.factories import BuildingFactory, UnitFactory, WorkOrderFactory
from workorders.forms import WorkOrderForm

# (what staff type, the building, the unit, the estate typed in front)
SPELLINGS = [
    ("3-1502", "3", "1502", ""),
    (" 3 - 1502 ", "3", "1502", ""),
    ("3栋1502", "3", "1502", ""),
    ("3幢1502室", "3", "1502", ""),
    ("3号楼1502", "3", "1502", ""),
    ("3号楼1502室", "3", "1502", ""),
    ("3#1502", "3", "1502", ""),
    ("3/1502", "3", "1502", ""),
    ("3 1502", "3", "1502", ""),
    ("03-1502", "3", "1502", ""),
    ("３－１５０２", "3", "1502", ""),
    ("３－１５０２室", "3", "1502", ""),
    ("３＃１５０２", "3", "1502", ""),
    ("３／１５０２", "3", "1502", ""),
    ("３　１５０２", "3", "1502", ""),
    ("3—1502", "3", "1502", ""),
    ("3–1502", "3", "1502", ""),
    ("翠湖花园3-1502", "3", "1502", "翠湖花园"),
    ("翠湖花园3栋1502室", "3", "1502", "翠湖花园"),
    ("翠湖花园 3-1502", "3", "1502", "翠湖花园"),
    ("CH 3-1502", "3", "1502", "CH"),
    ("ch 3/1502", "3", "1502", "ch"),
    ("CH 3 1502", "3", "1502", "CH"),
    ("Green Lake Garden 3-1502", "3", "1502", "Green Lake Garden"),
]

NOT_UNITS = ["", "1502", "张伟", "3-", "-1502", "3-15-02", "CH", "翠湖花园", "CH3"]


@pytest.mark.parametrize("text, building, unit, estate", SPELLINGS)
def test_parse_unit_label_reads_every_spelling(text, building, unit, estate):
    assert parse_unit_label(text) == UnitLabel(building, unit, estate)


def test_parse_unit_label_keeps_letters_of_a_building():
    assert parse_unit_label("b2-301") == UnitLabel("B2", "301")
    assert parse_unit_label("B2 301") == UnitLabel("B2", "301")


@pytest.mark.parametrize("text", NOT_UNITS)
def test_parse_unit_label_refuses_what_is_not_a_unit(text):
    assert parse_unit_label(text) is None


@pytest.fixture
def decoys(estate, other_estate, building):
    """Units a loose reading would find: 3-502 and 13-1502 here, 3-1502 in another estate."""
    UnitFactory(building=building, number="502", floor=5)
    UnitFactory(building=BuildingFactory(estate=estate, number="13"), number="1502", floor=15)
    return UnitFactory(
        building=BuildingFactory(estate=other_estate, number="3"), number="1502", floor=15
    )


@pytest.mark.parametrize("text", [s[0] for s in SPELLINGS])
def test_every_place_finds_the_unit_as_typed(
    text, rf, client_for, manager, estate, other_estate, unit, decoys
):
    # the manager works in both estates, so only the name or code in front narrows the estate
    manager.estates.add(other_estate)
    named_other = parse_unit_label(text).estate != ""
    expected_units = [unit] if named_other else sorted([unit, decoys], key=lambda u: u.pk)
    client = client_for(manager)

    listed = client.get(reverse("tenants:unit_list"), {"q": text}).context["page_obj"]
    assert sorted(listed, key=lambda u: u.pk) == expected_units

    intake = IntakeForm(data={"estate": estate.pk, "unit_label": text}, user=manager)
    assert intake.unit == unit

    order_form = WorkOrderForm(
        data={
            "estate": estate.pk,
            "source": "repair_call",
            "unit_label": text,
            "trade": "plumbing",
            "priority": "normal",
            "description": "漏水",
        },
        user=manager,
    )
    assert order_form.is_valid(), order_form.errors
    assert order_form.cleaned_data["unit"] == unit

    order = WorkOrderFactory(estate=estate, unit=unit)
    WorkOrderFactory(estate=estate, unit=Unit.objects.get(building=unit.building, number="502"))
    found = client.get(reverse("workorders:list"), {"q": text}).context["page_obj"]
    assert [o.pk for o in found] == [order.pk]


def test_a_unit_named_in_another_estate_is_not_found_in_this_one(manager, estate, unit):
    intake = IntakeForm(data={"estate": estate.pk, "unit_label": "JQ 3-1502"}, user=manager)
    assert intake.unit is None
