from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from tenants.models import ContactReveal, Occupancy, Unit
from tests.factories import BuildingFactory, OccupancyFactory, ResidentFactory, UnitFactory


def _rows(response):
    return [u.label for u in response.context["object_list"]]


def test_unit_list_filters_by_building_status_usage_and_area(client_for, manager, estate, unit):
    other_building = BuildingFactory(estate=estate, number="5")
    UnitFactory(building=other_building, number="101", floor_area=Decimal("40.00"))
    UnitFactory(building=unit.building, number="1503", floor_area=Decimal("150.00"), usage="office")
    client = client_for(manager)
    url = reverse("tenants:unit_list")
    assert _rows(client.get(url, {"building": unit.building.pk})) == ["3-1502", "3-1503"]
    assert _rows(client.get(url, {"usage": "office"})) == ["3-1503"]
    assert _rows(client.get(url, {"area_min": "50", "area_max": "100"})) == ["3-1502"]
    assert _rows(client.get(url, {"status": "occupied"})) == []


@pytest.mark.parametrize("typed", ["3-1502", "3栋1502", "3#1502室"])
def test_typing_a_unit_goes_to_its_page(client_for, front_desk, unit, typed):
    response = client_for(front_desk).get(reverse("tenants:unit_list"), {"q": typed, "go": "1"})
    assert response.status_code == 302
    assert response["Location"] == reverse("tenants:unit_detail", args=[unit.pk])


def test_unit_list_shows_only_the_users_estates(client_for, outsider, unit):
    response = client_for(outsider).get(reverse("tenants:unit_list"))
    assert _rows(response) == []


def test_another_estates_unit_is_a_404(client_for, outsider, unit):
    response = client_for(outsider).get(reverse("tenants:unit_detail", args=[unit.pk]))
    assert response.status_code == 404


def test_unit_page_masks_phones_for_front_desk(client_for, front_desk, occupancy):
    page = client_for(front_desk).get(reverse("tenants:unit_detail", args=[occupancy.unit_id]))
    html = page.content.decode()
    assert "138****5678" in html
    assert "13812345678" not in html


def test_unit_page_shows_phones_to_the_manager(client_for, manager, occupancy):
    page = client_for(manager).get(reverse("tenants:unit_detail", args=[occupancy.unit_id]))
    assert "13812345678" in page.content.decode()


def test_supervisor_reveal_is_audited(client_for, supervisor, resident):
    response = client_for(supervisor).post(
        reverse("tenants:reveal_contact", args=[resident.pk]),
        {"field": "mobile", "reason": "Water leak into the flat below"},
        HTTP_HX_REQUEST="true",
    )
    assert "13812345678" in response.content.decode()
    reveal = ContactReveal.objects.get()
    assert (reveal.resident, reveal.field, reveal.revealed_by, reveal.reason) == (
        resident,
        "mobile",
        supervisor,
        "Water leak into the flat below",
    )


def test_reveal_without_a_reason_reveals_nothing(client_for, supervisor, resident):
    response = client_for(supervisor).post(
        reverse("tenants:reveal_contact", args=[resident.pk]),
        {"field": "mobile", "reason": "  "},
        HTTP_HX_REQUEST="true",
    )
    assert "13812345678" not in response.content.decode()
    assert not ContactReveal.objects.exists()


def test_manager_sees_the_reveal_log(client_for, manager, supervisor, resident):
    ContactReveal.objects.create(
        resident=resident, field="mobile", reason="callback", revealed_by=supervisor
    )
    page = client_for(manager).get(reverse("tenants:reveal_log"))
    assert [(r.revealed_by, r.reason) for r in page.context["object_list"]] == [
        (supervisor, "callback")
    ]


def test_move_in_a_new_resident_from_the_page(client_for, front_desk, unit):
    response = client_for(front_desk).post(
        reverse("tenants:move_in", args=[unit.pk]),
        {
            "role": "occupant",
            "move_in": "2026-11-20",
            "kind": "person",
            "name": "李娜",
            "mobile": "139 0000 1111",
        },
    )
    assert response.status_code == 302
    occupancy = Occupancy.objects.get(unit=unit)
    assert (occupancy.resident.name, occupancy.resident.mobile, occupancy.role) == (
        "李娜",
        "13900001111",
        "occupant",
    )
    assert Unit.objects.get(pk=unit.pk).status == Unit.Status.OCCUPIED
    assert occupancy.resident.history.get().history_user == front_desk


def test_a_refused_move_in_leaves_no_new_resident_behind(client_for, front_desk, unit):
    """The resident and the occupancy are saved together or not at all."""
    from tenants.models import Resident

    response = client_for(front_desk).post(
        reverse("tenants:move_in", args=[unit.pk]),
        {"role": "occupant", "move_in": "2099-01-01", "kind": "person", "name": "李娜"},
    )
    assert response.status_code == 200
    assert "The move-in date is more than a year away." in response.content.decode()
    assert not Resident.objects.filter(name="李娜").exists()


def test_move_in_with_a_bad_phone_saves_nothing(client_for, front_desk, unit):
    response = client_for(front_desk).post(
        reverse("tenants:move_in", args=[unit.pk]),
        {
            "role": "occupant",
            "move_in": "2026-11-20",
            "kind": "person",
            "name": "李娜",
            "mobile": "call me",
        },
    )
    assert response.status_code == 200
    assert "A phone number has digits only." in response.content.decode()
    assert not Occupancy.objects.exists()


def test_move_out_from_the_page(client_for, rep, occupancy):
    response = client_for(rep).post(
        reverse("tenants:move_out", args=[occupancy.pk]),
        {"move_out": "2026-11-21", "reason": "lease ended"},
    )
    assert response.status_code == 302
    occupancy.refresh_from_db()
    assert str(occupancy.move_out) == "2026-11-21"


def test_move_out_page_shows_today_as_a_date_input_takes_it_in_chinese(client_for, rep, occupancy):
    client = client_for(rep)
    client.cookies["django_language"] = "zh-hans"
    html = client.get(reverse("tenants:move_out", args=[occupancy.pk])).content.decode()
    assert "迁出日期" in html
    assert f'name="move_out" value="{timezone.localdate().isoformat()}"' in html


def test_resident_search_by_phone_tail_and_unit(client_for, front_desk, occupancy, estate):
    ResidentFactory(estate=estate, name="赵敏", mobile="13700009999")
    client = client_for(front_desk)
    url = reverse("tenants:resident_list")
    by_phone = client.get(url, {"q": "5678", "unit": "3-1502"}).context["object_list"]
    by_unit = client.get(url, {"unit": "3-1502"}).context["object_list"]
    assert [r.name for r in by_phone] == ["张伟"]
    assert [r.name for r in by_unit] == ["张伟"]


def _units_with_occupants(building, n, start=1):
    for i in range(start, start + n):
        unit = UnitFactory(building=building, number=f"{i}01")
        OccupancyFactory(unit=unit)


@pytest.mark.parametrize("url_name", ["tenants:unit_list", "tenants:resident_list"])
def test_list_query_count_does_not_grow_with_rows(
    url_name, client_for, manager, building, django_assert_num_queries
):
    client = client_for(manager)
    url = reverse(url_name)
    _units_with_occupants(building, 1)
    client.get(url)  # warm the permission cache of this session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(url)
    _units_with_occupants(building, 2, start=2)
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert len(response.context["object_list"]) == 3


def test_unit_page_query_count_does_not_grow_with_occupants(
    client_for, manager, unit, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    OccupancyFactory(unit=unit)
    client = client_for(manager)
    url = reverse("tenants:unit_detail", args=[unit.pk])
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    OccupancyFactory(unit=unit, role="occupant")
    OccupancyFactory(unit=unit, role="family")
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert len(response.context["current"]) == 3
