"""Every active permit is due one patrol a day, on the estate's calendar: across a month's
end, the rep's list shows today's due ones and the days missed."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from renovation import services
from renovation.models import Patrol
from renovation.selectors import due_days, patrols_due
from tests.renovation.conftest import acceptance_ok, all_ok, apply_for

pytestmark = pytest.mark.django_db

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))


def _at(day, hour, minute=0):
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)


def test_the_due_days_cross_the_months_end_in_the_estates_zone(occupancy, front_desk, manager, rep):
    # Approved at 23:30 on 29 January in Shanghai: 15:30 UTC, still the 29th in both.
    with time_machine.travel(_at(datetime.date(2027, 1, 29), 23, 30), tick=False):
        permit = apply_for(
            occupancy.unit,
            occupancy.resident,
            front_desk,
            planned_start=datetime.date(2027, 1, 29),
            planned_end=datetime.date(2027, 3, 1),
        )
        permit = services.permit_approve(permit=permit, by=manager)
    # Patrolled on the 29th and on 1 February at 00:10 (16:10 UTC on 31 January).
    with time_machine.travel(_at(datetime.date(2027, 1, 29), 23, 40), tick=False):
        services.patrol_record(permit=permit, by=rep, checklist=all_ok())
    with time_machine.travel(_at(datetime.date(2027, 2, 1), 0, 10), tick=False):
        services.patrol_record(permit=permit, by=rep, checklist=all_ok())
        assert sorted(Patrol.objects.values_list("day", flat=True)) == [
            datetime.date(2027, 1, 29),
            datetime.date(2027, 2, 1),
        ]
        (row,) = patrols_due(rep)
        assert row.today == datetime.date(2027, 2, 1) and row.patrolled_today
        assert row.missed == [datetime.date(2027, 1, 30), datetime.date(2027, 1, 31)]
    with time_machine.travel(_at(datetime.date(2027, 2, 2), 8), tick=False):
        (row,) = patrols_due(rep)
        assert not row.patrolled_today
        assert row.missed == [datetime.date(2027, 1, 30), datetime.date(2027, 1, 31)]
        assert [
            d.day for d in due_days(permit, datetime.date(2027, 1, 1), datetime.date(2027, 2, 2))
        ] == [29, 30, 31, 1, 2]


def test_the_patrols_are_due_from_the_planned_start(occupancy, front_desk, manager, rep):
    with time_machine.travel(_at(datetime.date(2027, 3, 1), 10), tick=False):
        permit = apply_for(
            occupancy.unit,
            occupancy.resident,
            front_desk,
            planned_start=datetime.date(2027, 3, 5),
            planned_end=datetime.date(2027, 4, 5),
        )
        services.permit_approve(permit=permit, by=manager)
    with time_machine.travel(_at(datetime.date(2027, 3, 6), 10), tick=False):
        (row,) = patrols_due(rep)
        assert row.missed == [datetime.date(2027, 3, 5)]


def test_a_closed_permit_is_no_longer_due(active_permit, rep, client_for):
    assert [row.permit for row in patrols_due(rep)] == [active_permit]
    services.acceptance_record(
        permit=active_permit,
        by=rep,
        engineer="孙工",
        checklist=acceptance_ok(),
        result="passed",
        owner_name="张伟",
        lead_name="陈师傅",
    )
    assert patrols_due(rep) == []
    html = client_for(rep).get(reverse("renovation:today")).content.decode()
    assert "Every renovation has been patrolled today." in html


def test_the_rep_narrows_the_list_to_their_areas(active_permit, building, rep, client_for):
    from tenants.models import Area, AreaBuilding
    from tests.factories import BuildingFactory, OccupancyFactory, UnitFactory

    area = Area.objects.create(estate=building.estate, name="东区", rep=rep)
    AreaBuilding.objects.create(area=area, building=building)
    elsewhere = UnitFactory(building=BuildingFactory(estate=building.estate, number="9"))
    owner = OccupancyFactory(unit=elsewhere).resident
    other = services.permit_approve(
        permit=apply_for(elsewhere, owner, rep), by=active_permit.decided_by
    )
    client = client_for(rep)
    every = client.get(reverse("renovation:today"), {"area": "all"}).context["due"]
    mine = client.get(reverse("renovation:today"), {"area": "mine"}).context["due"]
    assert {row.permit for row in every} == {active_permit, other}
    assert [row.permit for row in mine] == [active_permit]
    # A rep with an area starts on it; the other areas are one tap away.
    landing = client.get(reverse("renovation:today"))
    assert landing.context["mine"] is True
    assert [row.permit for row in landing.context["due"]] == [active_permit]
    assert patrols_due(rep, areas_of=rep) == mine


def test_a_rep_without_an_area_starts_on_every_permit(active_permit, rep, client_for):
    landing = client_for(rep).get(reverse("renovation:today"))
    assert landing.context["mine"] is False
    assert [row.permit for row in landing.context["due"]] == [active_permit]
