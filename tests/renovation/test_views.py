"""The pages: lists with constant queries, the application form, the phone patrol, the
notice, the unit page's section and the home panels."""

import pytest
from django.urls import reverse

from renovation import services
from renovation.models import Permit, Violation
from tests.factories import OccupancyFactory, UnitFactory
from tests.renovation.conftest import all_ok, apply_for, photo

pytestmark = pytest.mark.django_db


def _permits(building, front_desk, manager, count):
    permits = []
    for n in range(count):
        unit = UnitFactory(building=building, number=f"{n + 2}01", floor=n + 2)
        owner = OccupancyFactory(unit=unit).resident
        permit = services.permit_approve(permit=apply_for(unit, owner, front_desk), by=manager)
        services.violation_record(permit=permit, by=manager, kind="facade", description="外窗")
        permits.append(permit)
    return permits


# Session, user, estates, permissions (2), the inbox count, the filters' estate and
# building choices, the count and the page.
LIST_QUERIES = 10


@pytest.mark.parametrize("count", [1, 3])
@pytest.mark.parametrize("url", ["renovation:list", "renovation:violation_list"])
def test_the_lists_read_a_constant_number_of_queries(
    building, front_desk, manager, client_for, django_assert_num_queries, count, url
):
    _permits(building, front_desk, manager, count)
    client = client_for(manager)
    client.get(reverse(url))  # warm the session
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(reverse(url))
    assert response.content.decode().count("/renovation/") >= count


@pytest.mark.parametrize("count", [1, 3])
def test_the_reps_today_reads_a_constant_number_of_queries(
    building, front_desk, manager, rep, client_for, django_assert_num_queries, count
):
    permits = _permits(building, front_desk, manager, count)
    services.patrol_record(permit=permits[0], by=rep, checklist=all_ok())
    client = client_for(rep)
    client.get(reverse("renovation:today"))
    # Session, user, estates, permissions (2), the inbox count; whether the rep has an
    # area; permits, patrols, areas.
    with django_assert_num_queries(10):
        response = client.get(reverse("renovation:today"))
    assert len(response.context["due"]) == count - 1
    assert [row.permit for row in response.context["done"]] == [permits[0]]


def test_the_filters_find_a_permit_by_unit_and_status(permit, active_permit, client_for, manager):
    client = client_for(manager)
    found = client.get(reverse("renovation:list"), {"q": "3-1502", "status": "approved"})
    assert list(found.context["object_list"]) == [active_permit]
    none = client.get(reverse("renovation:list"), {"status": "applied"})
    assert list(none.context["object_list"]) == []


def test_the_export_lists_every_filtered_permit(active_permit, client_for, manager):
    from io import BytesIO

    from openpyxl import load_workbook

    response = client_for(manager).get(reverse("renovation:export"))
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert rows[1][0] == active_permit.number and rows[1][2] == "3-1502"


def test_the_desk_takes_an_application_by_unit_and_name(occupancy, front_desk, client_for):
    response = client_for(front_desk).post(
        reverse("renovation:apply"),
        {
            "estate": occupancy.unit.estate.pk,
            "unit_label": "3-1502",
            "applicant_name": "张伟",
            "contractor": "美家装修",
            "contractor_lead": "刘工",
            "contractor_phone": "137 2222 3333",
            "workers": 3,
            "scopes": ["electrical", "other"],
            "description": "电路改造",
            "planned_start": "2030-03-01",
            "planned_end": "2030-04-01",
            "deposit": "2000",
            "fee": "300",
        },
    )
    permit = Permit.objects.get()
    assert response.status_code == 302
    assert (permit.applicant, permit.scopes, permit.contractor_phone) == (
        occupancy.resident,
        ["electrical", "other"],
        "13722223333",
    )


def test_an_unknown_applicant_is_named_next_to_the_field(occupancy, front_desk, client_for):
    response = client_for(front_desk).post(
        reverse("renovation:apply"),
        {"estate": occupancy.unit.estate.pk, "unit_label": "3-1502", "applicant_name": "李四"},
    )
    assert "Nobody named 李四 lives in 3-1502." in response.content.decode()
    assert not Permit.objects.exists()


def test_the_patrol_form_records_the_checklist_and_a_photo(active_permit, rep, client_for):
    data = {f"item_{key}": "ok" for key in all_ok()}
    data.update({"item_noise": "not_ok", "notes": "噪音", "photos": [photo()]})
    response = client_for(rep).post(reverse("renovation:patrol", args=[active_permit.pk]), data)
    assert response.status_code == 302
    patrol = active_permit.patrols.get()
    assert patrol.checklist["noise"] is False and patrol.photos.count() == 1


def test_a_file_that_is_not_a_photo_is_refused(active_permit, rep, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {f"item_{key}": "ok" for key in all_ok()}
    data["photos"] = [SimpleUploadedFile("x.jpg", b"<html>", content_type="image/jpeg")]
    response = client_for(rep).post(reverse("renovation:patrol", args=[active_permit.pk]), data)
    assert response.status_code == 200
    assert "is not a photo" in response.content.decode()
    assert not active_permit.patrols.exists()


def test_the_notice_prints_in_the_shared_layout(active_permit, rep, client_for):
    violation = services.violation_record(
        permit=active_permit, by=rep, kind="load_bearing", description="拆除承重墙"
    )
    html = client_for(rep).get(reverse("renovation:notice", args=[violation.pk])).content.decode()
    assert "pf-sheet" in html and violation.notice_number in html and "拆除承重墙" in html
    assert violation.deadline.isoformat() in html
    minor = services.violation_record(permit=active_permit, by=rep, kind="noise", description="x")
    assert client_for(rep).get(reverse("renovation:notice", args=[minor.pk])).status_code == 404


def test_the_work_order_button_links_the_order(active_permit, rep, client_for):
    violation = services.violation_record(
        permit=active_permit, by=rep, kind="facade", description="外窗"
    )
    response = client_for(rep).post(reverse("renovation:work_order", args=[violation.pk]))
    assert response["Location"] == reverse("renovation:detail", args=[active_permit.pk])
    violation.refresh_from_db()
    page = client_for(rep).get(response["Location"]).content.decode()
    assert violation.work_order.number in page


def test_the_unit_page_shows_the_permits(active_permit, client_for, manager):
    html = (
        client_for(manager)
        .get(reverse("tenants:unit_detail", args=[active_permit.unit_id]))
        .content.decode()
    )
    assert active_permit.number in html and 'id="unit-permits"' in html


def test_the_home_panels(active_permit, occupancy, front_desk, rep, manager, client_for):
    rep_home = client_for(rep).get(reverse("home")).content.decode()
    assert "1 renovation patrol due today" in rep_home
    services.patrol_record(permit=active_permit, by=rep, checklist=all_ok())
    assert "0 renovation patrols due today" in client_for(rep).get(reverse("home")).content.decode()
    other = UnitFactory(building=occupancy.unit.building, number="1701", floor=17)
    apply_for(other, OccupancyFactory(unit=other).resident, front_desk)
    manager_home = client_for(manager).get(reverse("home")).content.decode()
    assert "1 renovation application awaiting approval" in manager_home


def test_an_overdue_filter_on_the_violations(active_permit, rep, client_for):
    services.violation_record(permit=active_permit, by=rep, kind="facade", description="外窗")
    Violation.objects.update(deadline="2020-01-01")
    response = client_for(rep).get(reverse("renovation:violation_list"), {"overdue": "true"})
    assert len(response.context["object_list"]) == 1
    assert "Overdue" in response.content.decode()
