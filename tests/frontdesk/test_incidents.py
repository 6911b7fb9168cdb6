"""Incidents: shown for an affected unit (and not another) wherever a unit is typed, calls
logged against one in one step, over when it ends."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from desk.errors import BusinessRuleError
from frontdesk import services
from frontdesk.models import LogEntry
from tenants.extensions import unit_alerts
from tests.factories import BuildingFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_unit(estate):
    return UnitFactory(building=BuildingFactory(estate=estate, number="5"), number="802", floor=8)


def test_an_incident_shows_for_an_affected_unit_and_not_another(water_cut, unit, other_unit):
    [alert] = unit_alerts(unit)
    assert (alert.title, alert.text) == (water_cut.title, water_cut.script)
    assert unit_alerts(other_unit) == []


def test_it_shows_only_while_active(water_cut, unit, front_desk):
    with time_machine.travel(water_cut.ends_at + timedelta(minutes=1)):
        assert unit_alerts(unit) == []
    services.incident_end(incident=water_cut, by=front_desk)
    assert unit_alerts(unit) == []


@pytest.mark.parametrize("form_url", ["frontdesk:log", "complaints:new", "workorders:create"])
def test_the_log_the_intake_and_the_repair_call_show_it_as_a_unit_is_typed(
    client_for, front_desk, water_cut, unit, other_unit, form_url
):
    client = client_for(front_desk)
    page = client.get(reverse(form_url)).content.decode()
    assert 'id="unit-alerts"' in page and reverse("tenants:unit_alerts") in page
    alerts = reverse("tenants:unit_alerts")
    shown = client.get(alerts, {"estate": unit.estate_id, "unit_label": "3-1502"}).content.decode()
    assert water_cut.script in shown
    other = client.get(alerts, {"estate": unit.estate_id, "unit_label": "5-802"}).content.decode()
    assert water_cut.script not in other


def test_another_estates_unit_shows_nothing(client_for, outsider, water_cut):
    shown = client_for(outsider).get(reverse("tenants:unit_alerts"), {"unit_label": "3-1502"})
    assert water_cut.script not in shown.content.decode()


def test_a_call_about_it_is_logged_against_it_in_one_step(
    client_for, front_desk, water_cut, unit, occupancy
):
    response = client_for(front_desk).post(
        reverse("frontdesk:incident_call", args=[water_cut.pk]),
        {"estate": unit.estate_id, "unit_label": "3-1502"},
    )
    assert response.status_code == 302
    entry = LogEntry.objects.get()
    assert (entry.incident, entry.unit, entry.resident, entry.summary) == (
        water_cut,
        unit,
        occupancy.resident,
        water_cut.title,
    )


def test_the_log_form_links_an_entry_to_it(client_for, front_desk, water_cut, unit):
    client_for(front_desk).post(
        reverse("frontdesk:log"),
        {
            "estate": unit.estate_id,
            "kind": "call",
            "unit_label": "3-1502",
            "caller_name": "租户",
            "purpose": "inquiry",
            "summary": "几点来水",
            "outcome": "answered",
            "at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "incident": water_cut.pk,
        },
    )
    assert LogEntry.objects.get().incident == water_cut


def test_an_incident_needs_buildings_and_an_end_after_its_start(estate, building, front_desk):
    now = timezone.now()
    common = {
        "estate": estate,
        "kind": "power",
        "title": "停电",
        "script": "请耐心等待",
        "by": front_desk,
    }
    with pytest.raises(BusinessRuleError):
        services.incident_announce(
            buildings=[], starts_at=now, ends_at=now + timedelta(hours=1), **common
        )
    with pytest.raises(BusinessRuleError):
        services.incident_announce(buildings=[building], starts_at=now, ends_at=now, **common)


def test_the_form_announces_it(client_for, front_desk, estate, building):
    response = client_for(front_desk).post(
        reverse("frontdesk:incident_new"),
        {
            "estate": estate.pk,
            "kind": "power",
            "title": "3号楼计划停电",
            "buildings": [building.pk],
            "starts_at": "2026-12-02T09:00",
            "ends_at": "2026-12-02T12:00",
            "script": "供电局线路检修",
        },
    )
    assert response.status_code == 302
