"""The vacant-unit register: a unit is overdue when unchecked for longer than its estate's
interval (the patrol settings, 7 days unless a manager sets another)."""

import datetime

import pytest
from django.urls import reverse

from desk.errors import BusinessRuleError
from inspections import services
from inspections.models import InspectionSettings, RoundType
from inspections.settings_services import inspection_settings_row, inspection_settings_update
from tests.factories import BuildingFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def now(at, time_machine):
    instant = at(2026, 3, 20, 10, 0)
    time_machine.move_to(instant, tick=False)
    return instant


@pytest.fixture
def checked(rep, now):
    """A vacant unit of `building`, checked by the rep `days` ago (never: None)."""

    def make(building, number, days):
        unit = UnitFactory(building=building, number=number, floor=int(number[:-2]))
        if days is not None:
            started = now - datetime.timedelta(days=days)
            round_ = services.round_start(
                estate=building.estate,
                round_type=RoundType.VACANT_UNIT,
                by=rep,
                unit=unit,
                now=started,
            )
            for item in round_.checklist.items.all():
                services.round_check_item(round=round_, item=item, ok=True, by=rep)
            services.round_submit(
                round=round_, by=rep, now=started + datetime.timedelta(minutes=20)
            )
        return unit

    return make


def _numbers(client, query=""):
    response = client.get(reverse("inspections:vacant_units") + query)
    return [unit.number for unit in response.context["object_list"]], response.content.decode()


def test_by_default_a_vacant_unit_is_overdue_after_seven_days(client_for, rep, building, checked):
    checked(building, "601", 6)
    checked(building, "602", 8)
    checked(building, "603", None)
    client = client_for(rep)
    overdue, html = _numbers(client, "?overdue=true")
    assert overdue == ["603", "602"]  # never checked first
    assert _numbers(client, "?overdue=false")[0] == ["601"]
    assert html.count("insp-overdue") == 2


def test_each_estate_sets_its_own_interval(
    client_for, rep, manager, building, other_estate, checked
):
    other_estate.staff.add(rep)
    other_building = BuildingFactory(estate=other_estate, number="8")
    inspection_settings_update(estate=building.estate, by=manager, vacant_check_days=3)
    checked(building, "701", 4)  # past its estate's 3 days
    checked(building, "702", 2)
    checked(other_building, "701", 4)  # within the other estate's default 7
    client = client_for(rep)
    response = client.get(reverse("inspections:vacant_units") + "?overdue=true")
    assert [(u.estate_id, u.number) for u in response.context["object_list"]] == [
        (building.estate_id, "701")
    ]
    not_overdue = client.get(reverse("inspections:vacant_units") + "?overdue=false")
    assert sorted((u.estate_id, u.number) for u in not_overdue.context["object_list"]) == sorted(
        [(building.estate_id, "702"), (other_estate.pk, "701")]
    )


def test_the_interval_is_seven_days_until_set_and_refused_outside_1_to_90(estate, manager):
    assert inspection_settings_row(estate).vacant_check_days == 7
    assert not InspectionSettings.objects.exists()  # reading never writes
    for days in (0, 91):
        with pytest.raises(BusinessRuleError, match="from 1 to 90"):
            inspection_settings_update(estate=estate, by=manager, vacant_check_days=days)
    assert not InspectionSettings.objects.exists()
    inspection_settings_update(estate=estate, by=manager, vacant_check_days=14)
    assert InspectionSettings.objects.get(estate=estate).vacant_check_days == 14


def test_the_manager_sets_the_interval_on_the_estate_settings_page(client_for, manager, estate):
    client = client_for(manager)
    page = client.get(reverse("estate_settings", args=[estate.pk])).content.decode()
    assert 'name="inspections-vacant_check_days"' in page and 'value="7"' in page
    response = client.post(
        reverse("estate_settings_save", args=[estate.pk, "inspections"]),
        {"inspections-vacant_check_days": "10"},
    )
    assert response.status_code == 302
    assert InspectionSettings.objects.get(estate=estate).vacant_check_days == 10
    refused = client.post(
        reverse("estate_settings_save", args=[estate.pk, "inspections"]),
        {"inspections-vacant_check_days": "0"},
    )
    assert refused.status_code == 200
    assert InspectionSettings.objects.get(estate=estate).vacant_check_days == 10
