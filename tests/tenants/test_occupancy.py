import datetime

import pytest

from desk.errors import BusinessRuleError
from tenants import extensions, services
from tenants.models import Occupancy, Unit
from tests.factories import ResidentFactory

TODAY = datetime.date(2026, 11, 22)


def test_move_in_makes_a_vacant_unit_occupied(unit, resident):
    occupancy = services.occupancy_move_in(
        unit=unit, resident=resident, role=Occupancy.Role.OWNER, move_in=TODAY
    )
    unit.refresh_from_db()
    assert (occupancy.unit, occupancy.resident, occupancy.move_out) == (unit, resident, None)
    assert unit.status == Unit.Status.OCCUPIED


def test_move_in_twice_in_the_same_role_is_refused(unit, resident):
    services.occupancy_move_in(unit=unit, resident=resident, role="owner", move_in=TODAY)
    with pytest.raises(BusinessRuleError, match="already lives here"):
        services.occupancy_move_in(unit=unit, resident=resident, role="owner", move_in=TODAY)
    assert Occupancy.objects.filter(unit=unit).count() == 1


def test_move_in_of_a_resident_of_another_estate_is_refused(unit, other_estate):
    stranger = ResidentFactory(estate=other_estate)
    with pytest.raises(BusinessRuleError):
        services.occupancy_move_in(unit=unit, resident=stranger, role="owner", move_in=TODAY)
    assert not Occupancy.objects.exists()


def test_last_move_out_makes_the_unit_vacant_and_keeps_the_history(occupancy):
    services.occupancy_move_out(occupancy=occupancy, move_out=TODAY, reason="sold")
    occupancy.refresh_from_db()
    unit = Unit.objects.get(pk=occupancy.unit_id)
    assert (occupancy.move_out, occupancy.move_out_reason) == (TODAY, "sold")
    assert unit.status == Unit.Status.VACANT
    assert occupancy.history.count() == 2  # created, then moved out


def test_move_out_keeps_the_unit_occupied_while_someone_else_lives_there(occupancy, estate):
    renter = ResidentFactory(estate=estate)
    services.occupancy_move_in(unit=occupancy.unit, resident=renter, role="occupant", move_in=TODAY)
    services.occupancy_move_out(occupancy=occupancy, move_out=TODAY)
    assert Unit.objects.get(pk=occupancy.unit_id).status == Unit.Status.OCCUPIED


def test_move_out_before_move_in_is_refused(occupancy):
    with pytest.raises(BusinessRuleError, match="before the move-in"):
        services.occupancy_move_out(
            occupancy=occupancy, move_out=occupancy.move_in - datetime.timedelta(days=1)
        )
    occupancy.refresh_from_db()
    assert occupancy.move_out is None


def test_move_out_twice_is_refused(occupancy):
    services.occupancy_move_out(occupancy=occupancy, move_out=TODAY)
    with pytest.raises(BusinessRuleError, match="already moved out"):
        services.occupancy_move_out(occupancy=occupancy, move_out=TODAY)


def test_a_registered_move_out_check_refuses_and_changes_nothing(occupancy, monkeypatch):
    monkeypatch.setattr(extensions, "_move_out_checks", [lambda o: "The unit has arrears."])
    with pytest.raises(BusinessRuleError, match="arrears"):
        services.occupancy_move_out(occupancy=occupancy, move_out=TODAY)
    occupancy.refresh_from_db()
    assert occupancy.move_out is None
    assert Unit.objects.get(pk=occupancy.unit_id).status == Unit.Status.OCCUPIED
