from datetime import UTC, datetime
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

from desk import roles, seeding
from desk.models import Estate, User
from tenants import seed as tenants_seed
from tenants.models import Building, Occupancy, Resident, Unit

pytestmark = pytest.mark.django_db

MODELS = [Estate, Building, Unit, Resident, Occupancy, User]


def _seed_demo():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def _login(username, password):
    return authenticate(RequestFactory().post("/login/"), username=username, password=password)


def test_seed_demo_makes_a_small_estate():
    _seed_demo()

    estate = Estate.objects.get()
    assert (estate.code, estate.name) == ("CH", "翠湖花园")
    assert Unit.objects.count() == 200
    assert Resident.objects.count() == 300
    assert set(Unit.objects.values_list("status", flat=True)) == {
        "occupied",
        "vacant",
        "renovating",
    }
    assert Occupancy.objects.filter(role=Occupancy.Role.FAMILY).exists()
    assert Resident.objects.filter(kind=Resident.Kind.COMPANY).exists()


def test_seed_demo_twice_changes_nothing():
    _seed_demo()
    first = _counts()

    output = _seed_demo()

    assert _counts() == first
    assert "already seeded" in output


def test_every_role_has_a_login_that_works():
    output = _seed_demo()

    for role in roles.ROLES:
        username = seeding.LOGINS[role][0]
        user = _login(username, seeding.DEMO_PASSWORD)
        assert user is not None, username
        assert roles.user_roles(user) == [role]
        assert list(user.estates.values_list("code", flat=True)) == ["CH"]
        assert username in output
    assert seeding.DEMO_PASSWORD in output
    assert "DEMO DATA" in output


def test_a_second_run_restores_a_changed_demo_password():
    _seed_demo()
    manager = User.objects.get(username="manager")
    manager.set_password("something-else-42")
    manager.save()

    _seed_demo()

    assert _login("manager", seeding.DEMO_PASSWORD) == manager


def test_unit_3_1502_is_occupied_with_a_history():
    _seed_demo()

    unit = Unit.objects.get(estate__code="CH", building__number="3", number="1502")
    assert unit.status == Unit.Status.OCCUPIED
    current = Occupancy.objects.current().filter(unit=unit)
    assert current.filter(role=Occupancy.Role.OWNER).get().resident.name == "张伟"
    assert current.count() >= 2
    assert Occupancy.objects.filter(unit=unit, move_out__isnull=False).count() >= 3


def test_staff_lists_hold_the_login_first_and_further_staff():
    ctx, ran = seeding.run("demo", 1)

    assert ran[:5] == ["tenants", "desk.staff", "tenants.areas", "complaints", "workorders"]
    technicians = ctx.staff[roles.TECHNICIAN]
    assert technicians[0].username == "technician"
    assert len(technicians) == 1 + seeding.EXTRA_STAFF["demo"][roles.TECHNICIAN]
    assert all(t.groups.filter(name=roles.TECHNICIAN).exists() for t in technicians)


def test_the_apps_register_their_seeders_in_order():
    assert [(s.name, s.seed) for s in seeding.seeders()][:2] == [
        ("tenants", tenants_seed.seed),
        ("desk.staff", seeding.seed_staff),
    ]
    assert seeding.seeders()[0].existing is tenants_seed.existing_estates


def _register_snapshot():
    units = list(
        Unit.objects.order_by("building__number", "number").values_list(
            "building__number", "number", "floor", "floor_area", "usage", "status"
        )
    )
    residents = list(
        Resident.objects.order_by("id_number", "name").values_list(
            "kind", "name", "mobile", "id_number", "emergency_contact_phone"
        )
    )
    occupancies = sorted(
        Occupancy.objects.values_list(
            "unit__building__number",
            "unit__number",
            "resident__id_number",
            "role",
            "move_in",
            "move_out",
        )
    )
    return units, residents, occupancies


def _seed_tiny(seed):
    now = datetime(2026, 3, 2, 9, tzinfo=UTC)
    tenants_seed.seed(seeding.make_context("tiny", seed, now=now))
    snapshot = _register_snapshot()
    for model in (Occupancy, Resident, Unit, Building, Estate):
        model.objects.all().delete()
    return snapshot


def test_the_same_seed_gives_the_same_register():
    first = _seed_tiny(7)
    again = _seed_tiny(7)
    other = _seed_tiny(8)

    assert first == again
    assert len(first[0]) == seeding.SCALES["tiny"]["units"]
    assert len(first[1]) == seeding.SCALES["tiny"]["residents"]
    assert other != first


def test_the_demo_estate_is_divided_into_areas_each_with_a_rep_and_a_deputy():
    from tenants.models import Area, Building

    _seed_demo()

    areas = list(Area.objects.filter(estate__code="CH").select_related("rep", "deputy"))
    assert 3 <= len(areas) <= 5
    assert all(a.rep and a.deputy and a.rep != a.deputy for a in areas)
    assert not Building.objects.filter(estate__code="CH", area_membership__isnull=True).exists()
    assert all(
        a.rep.groups.filter(name=roles.SERVICE_REP).exists()
        and a.deputy.groups.filter(name=roles.SERVICE_REP).exists()
        for a in areas
    )
