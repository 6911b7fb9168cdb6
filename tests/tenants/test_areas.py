"""Areas (片区): an estate's buildings grouped, each with a rep and a deputy; whose area a
unit is in; the manager's areas page and its refusals; the unit list's area filter."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from desk import roles
from desk.errors import BusinessRuleError
from tenants import area_services, selectors
from tenants.models import Area, AreaBuilding
from tests.factories import BuildingFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def deputy(estate):
    return UserFactory(
        username="rep2", first_name="刘洋", roles=[roles.SERVICE_REP], estates=[estate]
    )


@pytest.fixture
def north(estate, building, rep, deputy, manager):
    return area_services.area_save(
        estate=estate, by=manager, name="北区", buildings=[building], rep=rep, deputy=deputy
    )


def test_a_units_area_and_rep(unit, north, rep):
    assert selectors.area_of_unit(unit) == north
    assert selectors.area_rep(unit) == rep


def test_the_deputy_answers_while_the_area_has_no_rep(unit, north, deputy):
    Area.objects.filter(pk=north.pk).update(rep=None)
    assert selectors.area_rep(unit) == deputy


def test_a_unit_of_a_building_in_no_area_has_no_rep(estate, north):
    loose = UnitFactory(building=BuildingFactory(estate=estate, number="9"))
    assert (selectors.area_of_unit(loose), selectors.area_rep(loose)) == (None, None)


def test_areas_of_many_units_in_one_query(estate, unit, north, django_assert_num_queries):
    south_building = BuildingFactory(estate=estate, number="5")
    loose = UnitFactory(building=BuildingFactory(estate=estate, number="9"))
    units = [unit, UnitFactory(building=unit.building), UnitFactory(building=south_building), loose]
    with django_assert_num_queries(1):
        areas = selectors.areas_of_units(units)
        reps = {unit_id: area.rep.username for unit_id, area in areas.items()}
    assert reps == {units[0].pk: "rep", units[1].pk: "rep"}


def test_a_building_is_in_one_area_at_most_in_the_database(estate, building, north):
    south = Area.objects.create(estate=estate, name="南区")
    with pytest.raises(IntegrityError), transaction.atomic():
        AreaBuilding.objects.create(area=south, building=building)


def test_the_deputy_is_not_the_rep_in_the_database(estate, rep):
    with pytest.raises(IntegrityError), transaction.atomic():
        Area.objects.create(estate=estate, name="东区", rep=rep, deputy=rep)


def test_two_areas_of_an_estate_do_not_share_a_name(estate, north, other_estate):
    Area.objects.create(estate=other_estate, name="北区")  # another estate's: fine
    with pytest.raises(IntegrityError), transaction.atomic():
        Area.objects.create(estate=estate, name="北区")


def test_the_history_says_who_named_the_rep(north, manager, deputy, rep, building):
    area_services.area_save(
        estate=north.estate,
        area=north,
        by=manager,
        name="北区",
        buildings=[building],
        rep=deputy,
        deputy=rep,
    )
    latest = north.history.first()
    assert (latest.rep_id, latest.history_user) == (deputy.pk, manager)
    assert AreaBuilding.history.filter(building=building).first().history_user == manager


@pytest.mark.parametrize(
    "change, message",
    [
        ({"name": " "}, "Give the area a name."),
        ({"rep": None}, "Name the area's rep."),
        ({"deputy": "rep"}, "The deputy must be another rep than the area's rep."),
        ({"rep": "front_desk"}, "李娜 is not a service rep of this estate."),
        ({"rep": "outsider_rep"}, "王五 is not a service rep of this estate."),
        ({"buildings": "other"}, "Building 3 is not in this estate."),
        (
            {"buildings": "taken"},
            "Building 3 is already in the area 北区: take it out of that area first.",
        ),
        ({"name": "北区"}, "Another area of this estate is already called 北区."),
    ],
)
def test_the_service_refuses_and_saves_nothing(
    estate, other_estate, building, north, rep, deputy, manager, change, message
):
    people = {
        "rep": rep,
        "front_desk": UserFactory(first_name="李娜", roles=[roles.FRONT_DESK], estates=[estate]),
        "outsider_rep": UserFactory(
            first_name="王五", roles=[roles.SERVICE_REP], estates=[other_estate]
        ),
    }
    five = BuildingFactory(estate=estate, number="5")
    buildings = {"other": [BuildingFactory(estate=other_estate, number="3")], "taken": [building]}
    named = {**people, **buildings}  # the parameters name the people and buildings
    values = {"name": "南区", "buildings": [five], "rep": rep, "deputy": deputy}
    values.update({k: named.get(v, v) if k != "name" else v for k, v in change.items()})
    before = (Area.objects.count(), AreaBuilding.objects.count(), Area.history.count())
    with pytest.raises(BusinessRuleError) as refused:
        area_services.area_save(estate=estate, by=manager, **values)
    assert str(refused.value) == message
    assert (Area.objects.count(), AreaBuilding.objects.count(), Area.history.count()) == before


# --- the manager's page --------------------------------------------------------------------


def test_the_manager_divides_the_estate(client_for, manager, estate, building, rep, deputy):
    five = BuildingFactory(estate=estate, number="5")
    client = client_for(manager)
    response = client.post(
        reverse("tenants:area_new", args=[estate.pk]),
        {"name": "北区", "buildings": [building.pk, five.pk], "rep": rep.pk, "deputy": deputy.pk},
    )
    assert response.status_code == 302
    area = Area.objects.get()
    assert (area.name, area.rep, area.deputy) == ("北区", rep, deputy)
    assert sorted(b.number for b in area.buildings.all()) == ["3", "5"]
    page = client.get(reverse("tenants:area_list", args=[estate.pk])).content.decode()
    assert "北区" in page and deputy.display_name in page
    response = client.post(
        reverse("tenants:area_edit", args=[area.pk]),
        {"name": "北区", "buildings": [five.pk], "rep": deputy.pk},
    )
    assert response.status_code == 302
    area.refresh_from_db()
    assert ([b.number for b in area.buildings.all()], area.rep, area.deputy) == (
        ["5"],
        deputy,
        None,
    )
    client.post(reverse("tenants:area_delete", args=[area.pk]))
    assert (Area.objects.count(), AreaBuilding.objects.count()) == (0, 0)


@pytest.mark.parametrize(
    "case, field, message",
    [
        ("other_building", "buildings", "Pick buildings of this estate."),
        ("not_a_rep", "rep", "Pick a service rep of this estate."),
        ("taken", None, "Building 3 is already in the area 北区: take it out of that area first."),
    ],
)
def test_the_page_refuses_with_a_clear_message_and_saves_nothing(
    client_for,
    manager,
    estate,
    other_estate,
    building,
    north,
    rep,
    deputy,
    front_desk,
    case,
    field,
    message,
):
    data = {"name": "南区", "buildings": [], "rep": rep.pk}
    if case == "other_building":
        data["buildings"] = [BuildingFactory(estate=other_estate, number="7").pk]
    elif case == "not_a_rep":
        data["rep"] = front_desk.pk
    else:
        data["buildings"] = [building.pk]
    client = client_for(manager)
    client.cookies["django_language"] = "en"
    response = client.post(reverse("tenants:area_new", args=[estate.pk]), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors[field or "__all__"] == [message]
    assert list(Area.objects.values_list("name", flat=True)) == ["北区"]


def test_the_refusal_is_in_chinese_for_a_chinese_reader(
    client_for, manager, estate, north, building, rep
):
    client = client_for(manager)
    client.cookies["django_language"] = "zh-hans"
    response = client.post(
        reverse("tenants:area_new", args=[estate.pk]),
        {"name": "南区", "buildings": [building.pk], "rep": rep.pk},
    )
    assert "已在片区" in response.content.decode()


def test_the_estate_settings_page_links_to_the_areas(client_for, manager, estate, north):
    BuildingFactory(estate=estate, number="9")
    page = client_for(manager).get(reverse("estate_settings", args=[estate.pk])).content.decode()
    assert reverse("tenants:area_list", args=[estate.pk]) in page
    assert "1 area; 1 building in no area." in page


def test_the_areas_section_has_no_save_url(client_for, manager, estate):
    url = reverse("estate_settings_save", args=[estate.pk, "areas"])
    assert client_for(manager).post(url, {}).status_code == 404


# --- the register ---------------------------------------------------------------------------


def test_the_unit_page_shows_its_area_and_rep(client_for, front_desk, unit, north, rep):
    page = client_for(front_desk).get(reverse("tenants:unit_detail", args=[unit.pk]))
    html = page.content.decode()
    assert page.context["area"] == north
    assert "北区" in html and rep.display_name in html and "deputy 刘洋" in html


def test_the_unit_list_filters_by_area_in_constant_queries(
    client_for, manager, estate, north, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    south = area_services.area_save(
        estate=estate,
        by=manager,
        name="南区",
        rep=north.rep,
        buildings=[BuildingFactory(estate=estate, number="5")],
    )
    UnitFactory(building=north.buildings.get(), number="101")  # another area's
    five = south.buildings.get()
    wanted = [UnitFactory(building=five, number="108")]
    client = client_for(manager)
    url = reverse("tenants:unit_list")
    client.get(url, {"area": south.pk})  # warm the permission cache of this session
    with CaptureQueriesContext(connection) as one:
        response = client.get(url, {"area": south.pk})
    assert [u.pk for u in response.context["object_list"]] == [wanted[0].pk]
    wanted += [UnitFactory(building=five, number=n) for n in ("208", "308")]
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url, {"area": south.pk})
    assert sorted(u.pk for u in response.context["object_list"]) == sorted(u.pk for u in wanted)


def test_the_area_filter_offers_only_the_users_areas(client_for, front_desk, north, other_estate):
    theirs = Area.objects.create(estate=other_estate, name="南区")
    client = client_for(front_desk)
    field = client.get(reverse("tenants:unit_list")).context["filter"].form.fields["area"]
    assert list(field.queryset) == [north]
    response = client.get(reverse("tenants:unit_list"), {"area": theirs.pk})
    assert "area" in response.context["filter"].errors
