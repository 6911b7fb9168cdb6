"""The pages: the rep's round on the phone, the finding's work order, the review queue and
signing, the lists (constant query counts) and their workbooks."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from inspections import services
from inspections.models import Finding, ItemCheck, PatrolPoint, Round, RoundType
from tests.factories import BuildingFactory, UnitFactory
from tests.inspections.conftest import photo_upload
from workorders.models import WorkOrder

pytestmark = pytest.mark.django_db


def _messages(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_the_rep_starts_todays_public_area_round_from_the_today_list(client_for, rep, building):
    client = client_for(rep)
    html = client.get(reverse("inspections:today")).content.decode()
    assert "Public area" in html and str(building) in html
    response = client.post(
        reverse("inspections:start"),
        {"round_type": "public_area", "building": building.pk},
    )
    round_ = Round.objects.get()
    assert response["Location"] == reverse("inspections:round", args=[round_.pk])
    assert (round_.by, round_.building, round_.status) == (rep, building, "draft")


def test_a_round_of_another_estates_building_cannot_be_started(client_for, rep, other_estate):
    other = BuildingFactory(estate=other_estate, number="9")
    client_for(rep).post(
        reverse("inspections:start"), {"round_type": "public_area", "building": other.pk}
    )
    assert Round.objects.count() == 0


def test_ticking_an_item_keeps_it_on_the_server(client_for, rep, make_round):
    round_ = make_round(submit=False)
    ItemCheck.objects.all().delete()
    item = round_.checklist.items.first()
    client = client_for(rep)
    client.post(
        reverse("inspections:check", args=[round_.pk]),
        {"item": item.pk, "ok": "0", "note": "灯管闪烁", "photo": photo_upload()},
    )
    check = ItemCheck.objects.get()
    assert (check.ok, check.note, check.photo.name.endswith(".png")) == (False, "灯管闪烁", True)
    html = client.get(reverse("inspections:round", args=[round_.pk])).content.decode()
    assert "灯管闪烁" in html and "1 of 6" in html


def test_a_finding_photo_that_is_not_a_photo_is_refused(client_for, rep, make_round):
    round_ = make_round(submit=False)
    fake = SimpleUploadedFile("x.png", b"<html>not a photo</html>", content_type="image/png")
    response = client_for(rep).post(
        reverse("inspections:finding_add", args=[round_.pk]),
        {"description": "墙面开裂", "photo": fake},
        follow=True,
    )
    assert Finding.objects.count() == 0
    assert any("is not a photo" in m for m in _messages(response))


def test_a_finding_becomes_a_dispatched_order_from_the_round_page(
    client_for, rep, technician, make_round
):
    round_ = make_round(submit=False)
    client = client_for(rep)
    client.post(
        reverse("inspections:finding_add", args=[round_.pk]),
        {"description": "电梯厅灯不亮", "location": "电梯厅", "photo": photo_upload()},
    )
    finding = Finding.objects.get()
    html = client.get(reverse("inspections:round", args=[round_.pk])).content.decode()
    assert reverse("inspections:finding_order", args=[finding.pk]) in html
    client.post(
        reverse("inspections:finding_order", args=[finding.pk]),
        {"trade": "electrical", "priority": "normal", "assignee": technician.pk},
    )
    finding.refresh_from_db()
    order = WorkOrder.objects.get()
    assert finding.work_order == order
    assert (order.status, order.assignee, order.source) == ("dispatched", technician, "patrol")
    html = client.get(reverse("inspections:round", args=[round_.pk])).content.decode()
    assert order.number in html
    assert reverse("inspections:finding_photo", args=[finding.pk]) in html
    photo = client.get(reverse("inspections:finding_photo", args=[finding.pk]))
    assert photo["Content-Type"] == "image/png"


def test_the_housekeeping_supervisor_makes_a_work_order_from_a_cleaning_finding(
    client_for, housekeeping, make_round
):
    round_ = make_round(by=housekeeping, round_type=RoundType.CLEANING, submit=False, findings=1)
    finding = Finding.objects.get()
    client = client_for(housekeeping)
    html = client.get(reverse("inspections:round", args=[round_.pk])).content.decode()
    assert reverse("inspections:finding_order", args=[finding.pk]) in html
    client.post(
        reverse("inspections:finding_order", args=[finding.pk]),
        {"trade": "cleaning", "priority": "normal"},
    )
    finding.refresh_from_db()
    order = WorkOrder.objects.get()
    assert finding.work_order == order
    assert (order.status, order.trade, order.source, order.created_by) == (
        "open",
        "cleaning",
        "patrol",
        housekeeping,
    )


def test_submitting_goes_back_to_the_today_list(client_for, rep, make_round):
    round_ = make_round(submit=False)
    response = client_for(rep).post(reverse("inspections:submit", args=[round_.pk]))
    assert response["Location"] == reverse("inspections:today")
    assert Round.objects.get().status == "submitted"


def test_a_scan_on_the_route_is_recorded(client_for, rep, make_round, route):
    round_ = make_round(submit=False)
    client_for(rep).post(
        reverse("inspections:scan", args=[round_.pk]),
        {"code": route[0].code.lower(), "typed": "1", "latitude": "31.230416"},
    )
    scan = round_.scans.get()
    assert (scan.point, scan.typed, str(scan.latitude)) == (route[0], True, "31.230416")


def test_the_queue_is_oldest_first_and_signs_only_rounds_without_findings(
    client_for, supervisor, make_round, at
):
    newer = make_round(started_at=at(2026, 3, 2, 9, 0))
    older = make_round(started_at=at(2026, 3, 1, 9, 0), findings=1)
    client = client_for(supervisor)
    response = client.get(reverse("inspections:review_queue"))
    assert [r.pk for r in response.context["object_list"]] == [older.pk, newer.pk]
    html = response.content.decode()
    assert f'name="rounds" value="{newer.pk}"' in html
    assert f'name="rounds" value="{older.pk}"' not in html
    client.post(reverse("inspections:sign"), {"rounds": [newer.pk, older.pk]})
    assert Round.objects.filter(status="reviewed").count() == 0  # refused whole
    client.post(reverse("inspections:sign"), {"rounds": [newer.pk]})
    client.post(reverse("inspections:review", args=[older.pk]), {"comment": "已派单"})
    assert set(Round.objects.values_list("status", "reviewed_by")) == {("reviewed", supervisor.pk)}


def test_the_author_is_not_offered_a_review(client_for, supervisor, make_round):
    round_ = make_round(by=supervisor)
    html = client_for(supervisor).get(reverse("inspections:round", args=[round_.pk])).content
    assert reverse("inspections:review", args=[round_.pk]) not in html.decode()


def test_the_coverage_page_shows_the_gaps(client_for, supervisor, building, make_round):
    make_round()
    html = client_for(supervisor).get(reverse("inspections:coverage")).content.decode()
    assert "insp-cell-gap" in html and "1/1" in html


def test_a_manager_revises_a_checklist(client_for, manager, estate):
    client = client_for(manager)
    client.post(
        reverse("inspections:checklist_edit", args=["signage"]) + f"?estate={estate.pk}",
        {"items": "标识清晰\n\n夜间灯亮\n"},
    )
    checklist = services.checklist_current(estate=estate, round_type="signage")
    assert (checklist.version, [i.text for i in checklist.items.all()]) == (
        2,
        ["标识清晰", "夜间灯亮"],
    )


def test_a_manager_sets_the_coverage_rules(client_for, manager, estate):
    from inspections.models import CoverageRule

    data = {"required": ["signage", "vacant_unit"]}
    for t in RoundType.values:
        data.update({f"{t}-per": "estate", f"{t}-times": "1", f"{t}-period": "day"})
    data.update(
        {"signage-times": "2", "vacant_unit-per": "vacant_unit", "vacant_unit-period": "week"}
    )
    client_for(manager).post(reverse("inspections:rules") + f"?estate={estate.pk}", data)
    assert sorted(CoverageRule.objects.values_list("round_type", "per", "times", "period")) == [
        ("signage", "estate", 2, "day"),
        ("vacant_unit", "vacant_unit", 1, "week"),
    ]


def test_the_point_stickers_show_each_code(client_for, manager, route):
    html = client_for(manager).get(reverse("inspections:point_labels")).content.decode()
    assert all(point.code in html for point in route)


def test_a_new_point_is_saved(client_for, manager, estate, building):
    client_for(manager).post(
        reverse("inspections:point_new"),
        {
            "estate": estate.pk,
            "round_type": "public_area",
            "building": building.pk,
            "name": "屋面",
            "position": 5,
            "active": "on",
        },
    )
    assert PatrolPoint.objects.get().name == "屋面"


# --- lists: a constant number of queries, and their workbooks ---------------------------


def _rounds(make_round, n):
    for i in range(n):
        make_round(findings=i % 2)


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize(
    "url_name, queries",
    [
        ("inspections:list", 11),
        ("inspections:review_queue", 11),
        ("inspections:findings", 10),
    ],
)
def test_the_lists_read_a_constant_number_of_queries(
    client_for, manager, make_round, django_assert_num_queries, rows, url_name, queries
):
    _rounds(make_round, rows * 2)
    client = client_for(manager)
    client.get(reverse(url_name))  # the session's first reads
    with django_assert_num_queries(queries):
        response = client.get(reverse(url_name))
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 3])
def test_the_vacant_units_read_a_constant_number_of_queries(
    client_for, rep, building, django_assert_num_queries, rows
):
    for n in range(rows):
        UnitFactory(building=building, number=f"{n + 1}01", floor=n + 1)
    client = client_for(rep)
    client.get(reverse("inspections:vacant_units"))
    with django_assert_num_queries(10):
        response = client.get(reverse("inspections:vacant_units"))
    assert len(response.context["object_list"]) == rows


@pytest.mark.parametrize("buildings", [1, 3])
def test_the_today_list_and_the_coverage_read_a_constant_number_of_queries(
    client_for, supervisor, estate, make_round, django_assert_num_queries, buildings
):
    for n in range(buildings):
        BuildingFactory(estate=estate, number=f"1{n}")
    make_round(findings=1)
    client = client_for(supervisor)
    client.get(reverse("inspections:today"))
    with django_assert_num_queries(14):
        client.get(reverse("inspections:today"))
    with django_assert_num_queries(14):
        client.get(reverse("inspections:coverage"))


def _sheet(response):
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


def test_the_rounds_export(client_for, manager, make_round):
    make_round(findings=1)
    rows = _sheet(client_for(manager).get(reverse("inspections:export")))
    assert rows[0][:3] == ["Estate", "Round type", "Place"]
    assert rows[1][1] == "Public area" and rows[1][7] == 1


def test_the_findings_and_vacant_units_export(client_for, manager, make_round, building):
    make_round(findings=1)
    UnitFactory(building=building, number="701", floor=7)
    findings = _sheet(client_for(manager).get(reverse("inspections:finding_export")))
    assert findings[1][4] == "发现 0"
    vacant = _sheet(client_for(manager).get(reverse("inspections:vacant_export")))
    assert vacant[1][1] == "3-701" and vacant[1][2] is None


def test_the_vacant_register_shows_the_overdue_first(client_for, rep, building, make_round, at):
    checked = UnitFactory(building=building, number="801", floor=8)
    UnitFactory(building=building, number="802", floor=8)
    make_round(round_type=RoundType.VACANT_UNIT, unit=checked)
    response = client_for(rep).get(reverse("inspections:vacant_units") + "?overdue=true")
    assert [u.number for u in response.context["object_list"]] == ["802"]
