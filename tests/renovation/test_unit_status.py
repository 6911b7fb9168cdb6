"""The unit's status has one owner (tenants.services.unit_status_refresh): renovating while
a permit is active, else occupied while someone lives there, else vacant."""

import datetime

import pytest

from renovation import services
from tenants.models import Occupancy, Unit
from tenants.services import occupancy_move_in, occupancy_move_out, unit_status_derive
from tests.factories import OccupancyFactory, ResidentFactory, UnitFactory
from tests.renovation.conftest import acceptance_ok, apply_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("occupied", "renovating", "status"),
    [
        (False, False, Unit.Status.VACANT),
        (True, False, Unit.Status.OCCUPIED),
        (False, True, Unit.Status.RENOVATING),
        (True, True, Unit.Status.RENOVATING),
    ],
)
def test_the_status_derives_from_occupancy_and_permit(occupied, renovating, status):
    assert unit_status_derive(occupied=occupied, renovating=renovating) == status


def _unit_with(building, role):
    unit = UnitFactory(building=building, number="801", floor=8)
    resident = ResidentFactory(estate=unit.estate)
    if role:
        occupancy_move_in(
            unit=unit, resident=resident, role=role, move_in=datetime.date(2024, 1, 1)
        )
    return unit, resident


# Every combination: who lives there (nobody, an owner, an occupant, only family) × where
# the permit stands (none, applied, approved, rejected, closed).
ROLES = [None, Occupancy.Role.OWNER, Occupancy.Role.OCCUPANT, Occupancy.Role.FAMILY]
PERMITS = [None, "applied", "approved", "rejected", "closed"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("stage", PERMITS)
def test_every_combination_of_occupancy_and_permit(building, front_desk, manager, role, stage):
    unit, resident = _unit_with(building, role)
    if stage is not None:
        applicant = resident
        if role not in (Occupancy.Role.OWNER, Occupancy.Role.OCCUPANT):
            applicant = OccupancyFactory(unit=unit, role=Occupancy.Role.OWNER).resident
            # An owner who applies from elsewhere: recorded, then moved out before the end.
        permit = apply_for(unit, applicant, front_desk, owner_consent="业主同意书")
        if stage == "rejected":
            services.permit_reject(permit=permit, by=manager, reason="资料不全")
        if stage in ("approved", "closed"):
            services.permit_approve(permit=permit, by=manager)
        if stage == "closed":
            services.acceptance_record(
                permit=permit,
                by=manager,
                engineer="孙工",
                checklist=acceptance_ok(),
                result="passed",
                owner_name="业主",
                lead_name="陈师傅",
            )
        if applicant != resident:
            owner = Occupancy.objects.get(unit=unit, resident=applicant)
            occupancy_move_out(occupancy=owner, move_out=datetime.date(2024, 6, 1))
    unit.refresh_from_db()
    occupied = role in (Occupancy.Role.OWNER, Occupancy.Role.OCCUPANT)
    expected = unit_status_derive(occupied=occupied, renovating=stage == "approved")
    assert unit.status == expected


def test_a_move_out_during_works_keeps_the_unit_renovating(active_permit, occupancy):
    occupancy_move_out(occupancy=occupancy, move_out=datetime.date(2024, 6, 1))
    occupancy.unit.refresh_from_db()
    assert occupancy.unit.status == Unit.Status.RENOVATING


def test_the_acceptance_gives_the_unit_back_its_occupancy_status(active_permit, manager):
    unit = active_permit.unit
    unit.refresh_from_db()
    assert unit.status == Unit.Status.RENOVATING
    services.acceptance_record(
        permit=active_permit,
        by=manager,
        engineer="孙工",
        checklist=acceptance_ok(),
        result="passed",
        owner_name="张伟",
        lead_name="陈师傅",
    )
    unit.refresh_from_db()
    assert unit.status == Unit.Status.OCCUPIED
