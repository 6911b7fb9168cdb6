"""The visit pages: found from the unit typed, recorded on a phone, listed, exported."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from desk.clock import local_time
from tests.factories import OccupancyFactory, ResidentFactory, UnitFactory
from visits.models import Opinion, Visit

pytestmark = pytest.mark.django_db


def _workbook_rows(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return list(load_workbook(BytesIO(content)).active.iter_rows(values_only=True))


def test_the_unit_typed_as_staff_say_it_leads_to_its_visit_form(client_for, rep, unit):
    client = client_for(rep)
    response = client.get(reverse("visits:find_unit"), {"unit_label": "3-1502"})
    assert response.status_code == 302
    assert response["Location"] == reverse("visits:new", args=[unit.pk])
    response = client.get(reverse("visits:find_unit"), {"unit_label": "3-9999"})
    assert "There is no such unit in this estate." in response.content.decode()


def test_the_unit_page_shows_its_visits_and_a_new_visit_button(client_for, rep, record, unit):
    record(notes="一切正常")
    html = client_for(rep).get(reverse("tenants:unit_detail", args=[unit.pk])).content.decode()
    assert 'id="unit-visits"' in html and "张伟" in html
    assert reverse("visits:new", args=[unit.pk]) in html


def test_the_front_desk_reads_the_unit_visits_without_the_button(
    client_for, front_desk, record, unit
):
    record()
    html = client_for(front_desk).get(reverse("tenants:unit_detail", args=[unit.pk])).content
    assert b'id="unit-visits"' in html
    assert reverse("visits:new", args=[unit.pk]).encode() not in html


def test_a_rep_records_a_visit_with_two_opinions(client_for, rep, unit, occupancy):
    client = client_for(rep)
    form = client.get(reverse("visits:new", args=[unit.pk])).content.decode()
    assert "Nobody home" in form and "张伟" in form
    at = local_time(unit.estate, timezone.now() - timedelta(minutes=10))
    response = client.post(
        reverse("visits:new", args=[unit.pk]),
        {
            "met": occupancy.resident.pk,
            "kind": "routine",
            "at": at.strftime("%Y-%m-%dT%H:%M"),
            "notes": "住户满意",
            "opinion-TOTAL_FORMS": "3",
            "opinion-INITIAL_FORMS": "0",
            "opinion-0-text": "楼道灯不亮",
            "opinion-0-category": "repairs",
            "opinion-1-text": "希望增加绿化",
            "opinion-1-category": "greening",
            "opinion-2-text": "",
            "opinion-2-category": "",
        },
    )
    visit = Visit.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("visits:detail", args=[visit.pk])
    assert (visit.visited_by, visit.met, visit.notes) == (rep, occupancy.resident, "住户满意")
    assert local_time(unit.estate, visit.at).strftime("%H:%M") == at.strftime("%H:%M")
    assert sorted(visit.opinions.values_list("category", flat=True)) == ["greening", "repairs"]


def test_nobody_home_and_a_line_without_category_are_told(client_for, rep, unit, occupancy):
    client = client_for(rep)
    data = {
        "met": "",
        "kind": "fees",
        "at": local_time(unit.estate, timezone.now()).strftime("%Y-%m-%dT%H:%M"),
        "opinion-TOTAL_FORMS": "1",
        "opinion-INITIAL_FORMS": "0",
        "opinion-0-text": "物业费太高",
        "opinion-0-category": "",
    }
    response = client.post(reverse("visits:new", args=[unit.pk]), data)
    assert "Choose a category for each opinion." in response.content.decode()
    assert Visit.objects.count() == 0
    data["opinion-0-category"] = "fees"
    client.post(reverse("visits:new", args=[unit.pk]), data)
    assert Visit.objects.get().nobody_home


def test_an_opinion_is_answered_and_another_made_a_work_order_from_the_visit(
    client_for, rep, record
):
    visit = record(opinions=[("水管漏水", "repairs"), ("停车位不够", "parking")])
    leak, parking = visit.opinions.order_by("pk")
    client = client_for(rep)
    response = client.post(
        reverse("visits:opinion_to_work_order", args=[leak.pk]),
        {"trade": "plumbing", "priority": "normal"},
    )
    assert response["Location"] == reverse("visits:detail", args=[visit.pk])
    client.post(reverse("visits:opinion_answer", args=[parking.pk]), {"answer": "已解释车位规划"})
    html = client.get(reverse("visits:detail", args=[visit.pk])).content.decode()
    leak.refresh_from_db()
    assert leak.work_order.number in html and "已解释车位规划" in html
    assert Opinion.objects.open().count() == 0


def test_the_list_filters_by_kind_staff_area_and_date(client_for, rep, supervisor, record, area):
    routine = record()
    fees = record(kind="fees", by=supervisor, at=timezone.now() - timedelta(days=3))
    client = client_for(supervisor)

    def listed(**params):
        response = client.get(reverse("visits:list"), params)
        return [v.pk for v in response.context["object_list"]]

    assert listed() == [routine.pk, fees.pk]
    assert listed(kind="fees") == [fees.pk]
    assert listed(visited_by=rep.pk) == [routine.pk]
    assert listed(area=area.pk) == [routine.pk, fees.pk]
    day = local_time(routine.estate, routine.at).date().isoformat()
    assert listed(day_min=day, day_max=day) == [routine.pk]
    assert listed(unit="3-1502") == [routine.pk, fees.pk]


def test_the_export_has_every_filtered_row(client_for, manager, record):
    record(opinions=[("a", "other"), ("b", "other")], notes="好")
    record(kind="fees", met=None)
    rows = _workbook_rows(client_for(manager).get(reverse("visits:export"), {"kind": "routine"}))
    header, *data = [row for row in rows if row and row[0]][-2:]
    assert "Who was met" in header
    assert data[0][2:8] == ("3-1502", "Routine round", "张伟", "13812345678", 2, 2)


def test_the_list_reads_a_constant_number_of_queries(
    client_for, supervisor, rep, building, estate, django_assert_num_queries
):
    from visits import services

    counter = iter(range(100))

    def add():
        n = next(counter)
        unit = UnitFactory(building=building, number=f"{n + 2}01", floor=n + 2)
        resident = ResidentFactory(estate=estate, name=f"住户{n}")
        OccupancyFactory(unit=unit, resident=resident)
        services.visit_record(
            unit=unit, met=resident, kind="routine", opinions=[("x", "other")], by=rep
        )

    client = client_for(supervisor)
    url = reverse("visits:list")
    client.get(url)
    add()
    with CaptureQueriesContext(connection) as one:
        response = client.get(url)
    assert len(response.context["object_list"]) == 1
    add()
    add()
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert len(response.context["object_list"]) == 3


def test_a_visit_of_another_estate_is_not_found(client_for, outsider, record):
    visit = record()
    assert client_for(outsider).get(reverse("visits:detail", args=[visit.pk])).status_code == 404
