"""The complaint handling sheet (投诉处理单): one A4, printed from the complaint's page."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from complaints.models import Complaint
from tests.complaints.conftest import walk
from tests.printing import cells, text, ticked

pytestmark = pytest.mark.django_db


def sheet(client, complaint):
    response = client.get(reverse("complaints:print", args=[complaint.pk]))
    assert response.status_code == 200
    return response


def test_a_new_complaint_prints_what_was_taken_and_boxes_for_the_rest(
    client_for, front_desk, receive
):
    complaint = receive(
        received_at=datetime(2026, 5, 3, 6, 20, tzinfo=UTC),
        occurred_on=datetime(2026, 5, 2).date(),
    )
    response = sheet(client_for(front_desk), complaint)
    page = text(response)

    assert page.count(complaint.number) == 1 + 1  # the header, and the browser tab
    assert "Complaint handling sheet" in page
    assert "翠湖花园" in page
    assert response.context["date"] == "2026-05-03"
    assert cells(response) == {
        "Received at": "2026-05-03 14:20",  # the estate's zone (Asia/Shanghai)
        "Received by": front_desk.display_name,
        "Channel": "Phone",
        "Category": "Business · Noise",
        "Complainant": "张伟",
        "Phone": "138****5678",
        "Unit": "3-1502",
        "Happened on": "2026-05-02",
        "About": "楼上装修噪音",
        "What happened": "晚上十点以后楼上还在电钻施工。",
        "Handling plan": "",
        "Plan given at": "",
        "Assignee": "",
        "Ruling": "",
        "Ruled at": "",
        "Ruling reason": "",
        "What was done": "",
        "Resolved at": "",
        "Escalation": "Not escalated",
        "Satisfaction": "",
        "Comment": "",
        "Return visit by": "",
        "Return visit at": "",
    }
    headings = [row.heading for row in response.context["rows"] if row.heading]
    assert headings == ["Handling", "Return visit"]


def test_front_desk_gets_the_complainants_phone_masked(client_for, front_desk, complaint):
    page = text(sheet(client_for(front_desk), complaint))
    assert "138****5678" in page
    assert "13812345678" not in page


def test_a_manager_gets_the_complainants_full_phone(client_for, manager, complaint):
    page = text(sheet(client_for(manager), complaint))
    assert "13812345678" in page
    assert "138****5678" not in page


def test_a_closed_complaint_prints_the_plan_ruling_resolution_and_return_visit(
    client_for, rep, supervisor, complaint
):
    walk(complaint, Complaint.Status.CLOSED, by=rep, supervisor=supervisor)
    complaint.refresh_from_db()
    response = sheet(client_for(rep), complaint)
    got = cells(response)
    estate = complaint.estate

    from desk.printing import printed_time

    assert got["Handling plan"] == "今天内上门"
    assert got["Plan given at"] == f"{printed_time(complaint.responded_at, estate)} · {rep}"
    assert got["Ruling"] == "Valid · General"
    assert got["Ruled at"] == f"{printed_time(complaint.ruled_at, estate)} · {supervisor}"
    assert got["What was done"] == "已与施工队沟通"
    assert got["Resolved at"] == printed_time(complaint.resolved_at, estate)
    assert (got["Satisfaction"], got["Comment"]) == ("(5/5)", "满意")
    assert got["Return visit by"] == rep.display_name
    assert ticked(response) == ["Satisfied"]


def test_the_sheet_ends_with_the_signature_lines(client_for, rep, complaint):
    response = sheet(client_for(rep), complaint)
    assert response.context["signatures"] == ["Handled by", "Supervisor review", "Date"]
    content = response.content.decode()
    assert content.count('class="pf-sign-line"') == 3
    assert text(response).endswith("Handled by Supervisor review Date ")


def test_the_technician_cannot_print_a_complaint(client_for, technician, complaint):
    response = client_for(technician).get(reverse("complaints:print", args=[complaint.pk]))
    assert response.status_code == 403


def test_another_estates_complaint_is_404(client_for, outsider, complaint):
    response = client_for(outsider).get(reverse("complaints:print", args=[complaint.pk]))
    assert response.status_code == 404


def test_the_complaint_page_links_to_the_sheet_and_the_sheet_back(client_for, rep, complaint):
    client = client_for(rep)
    detail = client.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    assert f'href="{reverse("complaints:print", args=[complaint.pk])}"' in detail
    response = sheet(client, complaint)
    assert response.context["back_url"] == reverse("complaints:detail", args=[complaint.pk])
