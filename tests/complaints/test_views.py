from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints.models import Complaint
from tests.complaints.conftest import walk
from tests.factories import OccupancyFactory, ResidentFactory

pytestmark = pytest.mark.django_db


def _intake(**overrides):
    data = {
        "channel": "phone",
        "unit_label": "3-1502",
        "subject": "楼道灯坏了一周没人修",
        "category": "duty_not_done",
        "description": "报修过两次，一直没有人来。",
        "occurred_on": timezone.localdate().isoformat(),
    }
    data.update(overrides)
    return data


def test_front_desk_receives_a_complaint_from_an_occupant(
    client_for, front_desk, estate, occupancy, resident
):
    response = client_for(front_desk).post(
        reverse("complaints:new"), _intake(estate=estate.pk, resident=resident.pk)
    )
    complaint = Complaint.objects.get()
    assert response["Location"] == reverse("complaints:detail", args=[complaint.pk])
    assert (complaint.unit, complaint.resident, complaint.complainant_name) == (
        occupancy.unit,
        resident,
        "张伟",
    )
    assert complaint.complainant_phone == ""  # read through the resident, never copied
    assert complaint.contact_phone == "13812345678"
    assert complaint.kind == Complaint.Kind.SERVICE
    assert complaint.received_by == front_desk


def test_a_visitor_gives_a_name_and_phone(client_for, front_desk, estate, unit):
    client_for(front_desk).post(
        reverse("complaints:new"),
        _intake(estate=estate.pk, complainant_name="访客刘先生", complainant_phone="139-0000-1111"),
    )
    complaint = Complaint.objects.get()
    assert (complaint.resident, complaint.complainant_name, complaint.complainant_phone) == (
        None,
        "访客刘先生",
        "13900001111",
    )


def test_a_public_area_complaint_has_no_unit(client_for, front_desk, estate):
    client_for(front_desk).post(
        reverse("complaints:new"),
        _intake(estate=estate.pk, unit_label="", complainant_name="巡查发现", channel="patrol"),
    )
    assert Complaint.objects.get().unit is None


def test_intake_refuses_an_unknown_unit_and_a_missing_name(client_for, front_desk, estate, unit):
    page = client_for(front_desk).post(
        reverse("complaints:new"), _intake(estate=estate.pk, unit_label="9-9999")
    )
    assert page.status_code == 200
    errors = page.context["form"].errors
    assert "unit_label" in errors and "complainant_name" in errors
    assert Complaint.objects.count() == 0


def test_intake_refuses_someone_who_does_not_live_in_the_unit(
    client_for, front_desk, estate, occupancy
):
    stranger = ResidentFactory(estate=estate)
    page = client_for(front_desk).post(
        reverse("complaints:new"), _intake(estate=estate.pk, resident=stranger.pk)
    )
    assert "resident" in page.context["form"].errors
    assert Complaint.objects.count() == 0


def test_the_occupant_picker_lists_the_units_current_occupants(
    client_for, front_desk, estate, occupancy, unit
):
    other = OccupancyFactory(unit=unit, role="family")
    page = client_for(front_desk).get(
        reverse("complaints:occupants"), {"estate": estate.pk, "unit_label": "3-1502"}
    )
    html = page.content.decode()
    assert occupancy.resident.name in html and other.resident.name in html
    assert 'id="div_id_resident"' in html


def test_a_step_through_the_page_and_a_refused_step_shows_why(client_for, rep, unit, complaint):
    client = client_for(rep)
    done = client.post(reverse("complaints:respond", args=[complaint.pk]), {"plan": "今天下午上门"})
    assert done.status_code == 302
    again = client.post(reverse("complaints:respond", args=[complaint.pk]), {"plan": "再答"})
    assert again.status_code == 400
    assert "already been answered" in again.content.decode()
    assert Complaint.objects.get().plan == "今天下午上门"


def test_front_desk_cannot_rule_through_the_page(client_for, front_desk, rep, unit, complaint):
    walk(complaint, Complaint.Status.INVESTIGATING, by=rep)
    response = client_for(front_desk).post(
        reverse("complaints:rule", args=[complaint.pk]),
        {"validity": "valid", "severity": "general", "reason": ""},
    )
    assert response.status_code == 403
    assert Complaint.objects.get().validity == ""
    page = client_for(front_desk).get(reverse("complaints:detail", args=[complaint.pk]))
    assert 'id="rule-form"' not in page.content.decode()


def test_the_supervisor_rules_through_the_page(client_for, supervisor, rep, unit, complaint):
    walk(complaint, Complaint.Status.INVESTIGATING, by=rep)
    response = client_for(supervisor).post(
        reverse("complaints:rule", args=[complaint.pk]),
        {"validity": "invalid", "invalid_kind": "ordinary", "reason": "业主误解了收费标准"},
    )
    assert response.status_code == 302
    assert Complaint.objects.values_list("validity", "invalid_kind").get() == (
        "invalid",
        "ordinary",
    )


def test_the_phone_is_masked_without_the_contact_permission(
    client_for, rep, manager, unit, complaint
):
    url = reverse("complaints:detail", args=[complaint.pk])
    assert "138****5678" in client_for(rep).get(url).content.decode()
    assert "13812345678" in client_for(manager).get(url).content.decode()


def test_the_page_shows_the_timeline_and_the_late_report_flag(client_for, rep, unit, front_desk):
    from complaints import services

    complaint = services.complaint_receive(
        estate=unit.estate,
        unit=unit,
        channel="phone",
        category="fees",
        complainant_name="张伟",
        subject="物业费多收",
        description="去年的物业费多收了两个月。",
        occurred_on=timezone.localdate() - timedelta(days=45),
        by=front_desk,
    )
    html = client_for(rep).get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    assert 'id="late-report"' in html and "45 days" in html
    assert 'id="timeline"' in html and front_desk.display_name in html


def test_the_technician_has_no_complaint_access(client_for, technician, unit, complaint):
    client = client_for(technician)
    assert client.get(reverse("complaints:detail", args=[complaint.pk])).status_code == 403
    unit_page = client.get(reverse("tenants:unit_detail", args=[unit.pk])).content.decode()
    assert 'id="section-complaints"' not in unit_page


def test_the_intake_opened_from_a_unit_has_the_unit_and_its_occupants(
    client_for, front_desk, estate, occupancy, resident
):
    response = client_for(front_desk).get(reverse("complaints:new") + "?unit_label=3-1502")
    form = response.context["form"]
    assert form["unit_label"].value() == "3-1502"
    assert list(form.fields["resident"].queryset) == [resident]


def test_the_intake_shows_today_in_the_date_inputs_format_in_chinese(client_for, front_desk):
    client = client_for(front_desk)
    client.cookies["django_language"] = "zh-hans"
    html = client.get(reverse("complaints:new"), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "发生日期" in html
    from desk.clock import estate_today

    # One tab stop (desk.widgets.DayInput), typed and shown as yyyy-mm-dd in every language.
    today = estate_today(front_desk.estates.get()).isoformat()
    assert f'type="text" name="occurred_on" value="{today}"' in html
    assert "data-day" in html


def test_the_intake_asks_for_the_estate_only_of_staff_in_several(
    client_for, front_desk, manager, estate, other_estate
):
    one = client_for(front_desk).get(reverse("complaints:new")).content.decode()
    assert f'<input type="hidden" name="estate" value="{estate.pk}"' in one
    manager.estates.add(other_estate)
    several = client_for(manager).get(reverse("complaints:new")).content.decode()
    assert '<select name="estate"' in several
