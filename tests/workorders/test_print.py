"""The work-order slip (派工单): two copies on one A4, printed from the order's page."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from tests.factories import ComplaintFactory
from tests.printing import cells, text, ticked
from workorders.models import Status

pytestmark = pytest.mark.django_db


def slip(client, order):
    response = client.get(reverse("workorders:print", args=[order.pk]))
    assert response.status_code == 200
    return response


def test_the_slip_prints_two_copies_with_the_number_and_the_order(
    client_for, front_desk, make_order
):
    order = make_order(
        description="厨房水龙头漏水，关不紧。",
        trade="plumbing",
        priority="urgent",
        created_at=datetime(2026, 5, 3, 6, 20, tzinfo=UTC),
        due_at=datetime(2026, 5, 3, 10, 20, tzinfo=UTC),
    )
    response = slip(client_for(front_desk), order)
    page = text(response)

    assert page.count(order.number) == 2 + 1  # each copy's header, and the browser tab
    assert page.count("Work order slip") == 2 + 1
    assert "Technician's copy" in page and "Office copy" in page
    assert page.count("Cut here") == 1
    assert page.count("Green Lake Garden") == 2
    assert cells(response) == {
        "Place": "3-1502",
        "Requested by": "张伟 138****5678",
        "Trade": "Plumbing · Engineering",
        "Priority": "Urgent",
        # In the estate's zone (Asia/Shanghai): 06:20 UTC is 14:20 there.
        "Taken at": "2026-05-03 14:20",
        "Due at": "2026-05-03 18:20",
        "Source": "Repair call",
        "Technician": "",
        "Description": "厨房水龙头漏水，关不紧。",
        "Work notes": "",
        "Materials used": "",
        "Started at": "",
        "Finished at": "",
        "Satisfaction": "",
    }
    assert response.context["date"] == "2026-05-03"


def test_front_desk_gets_the_requesters_phone_masked(client_for, front_desk, make_order):
    order = make_order(requested_by_phone="13812345678")
    page = text(slip(client_for(front_desk), order))
    assert page.count("138****5678") == 2
    assert "13812345678" not in page


def test_a_manager_gets_the_requesters_full_phone(client_for, manager, make_order):
    order = make_order(requested_by_phone="13812345678")
    page = text(slip(client_for(manager), order))
    assert page.count("13812345678") == 2
    assert "138****5678" not in page


def test_each_copy_has_the_signature_lines_and_satisfaction_boxes(client_for, rep, make_order):
    response = slip(client_for(rep), make_order(Status.DISPATCHED))
    content = response.content.decode()
    assert response.context["signatures"] == [
        "Technician's signature",
        "Resident's signature",
        "Date",
    ]
    assert content.count('class="pf-sign-line"') == 3 * 2
    assert content.count('class="pf-box"') == 3 * 2  # 满意 / 基本满意 / 不满意, none ticked
    assert "pf-ticked" not in content
    page = text(response)
    assert page.count("Satisfied Fairly satisfied Dissatisfied") == 2


def test_a_finished_order_prints_its_work_report_and_the_residents_tick(
    client_for, rep, make_order, technician
):
    order = make_order(
        Status.VERIFIED,
        work_notes="更换水龙头阀芯",
        materials="阀芯 1 个",
        satisfaction=3,
        started_at=datetime(2026, 5, 3, 7, 0, tzinfo=UTC),
        done_at=datetime(2026, 5, 3, 7, 45, tzinfo=UTC),
    )
    response = slip(client_for(rep), order)
    got = cells(response)
    assert (got["Work notes"], got["Materials used"]) == ("更换水龙头阀芯", "阀芯 1 个")
    assert (got["Started at"], got["Finished at"]) == ("2026-05-03 15:00", "2026-05-03 15:45")
    assert got["Technician"] == technician.display_name
    assert ticked(response) == ["Fairly satisfied", "Fairly satisfied"]  # a 3 of 5, on both copies


def test_a_public_area_order_and_a_paid_service_print_their_place_and_price(
    client_for, rep, make_order, building
):
    order = make_order(unit=None, location="3号楼大堂", source="paid_service", price="120.00")
    order.unit, order.building = None, building
    order.save(update_fields=["unit", "building"])
    got = cells(slip(client_for(rep), order))
    assert got["Place"] == "Building 3 · 3号楼大堂"
    assert (got["Source"], got["Price (CNY)"]) == ("Special paid service", "120.00")


def test_an_order_from_a_complaint_prints_the_complaints_number(client_for, rep, make_order, unit):
    complaint = ComplaintFactory(unit=unit, number="TS-2026-000123")
    order = make_order(source="complaint", complaint=complaint)
    assert cells(slip(client_for(rep), order))["Source"] == "Complaint · TS-2026-000123"


def test_a_technician_prints_their_own_order_but_not_anothers(
    client_for, technician, other_technician, make_order
):
    mine = make_order(Status.DISPATCHED)
    theirs = make_order(Status.DISPATCHED, assignee=other_technician)
    client = client_for(technician)
    assert client.get(reverse("workorders:print", args=[mine.pk])).status_code == 200
    assert client.get(reverse("workorders:print", args=[theirs.pk])).status_code == 404


def test_another_estates_order_is_404(client_for, outsider, make_order):
    order = make_order()
    response = client_for(outsider).get(reverse("workorders:print", args=[order.pk]))
    assert response.status_code == 404


def test_the_order_page_links_to_the_slip_and_the_slip_back(client_for, rep, make_order):
    order = make_order()
    client = client_for(rep)
    detail = client.get(reverse("workorders:detail", args=[order.pk])).content.decode()
    assert f'href="{reverse("workorders:print", args=[order.pk])}"' in detail
    response = slip(client, order)
    assert response.context["back_url"] == reverse("workorders:detail", args=[order.pk])
    assert "<script>" not in response.content.decode()  # strict CSP: print.js does the button


@pytest.mark.parametrize("language, expected", [("en", "Greening"), ("zh-hans", "绿化")])
def test_a_trade_that_is_its_own_department_is_printed_once(
    client_for, front_desk, make_order, language, expected
):
    order = make_order(trade="greening", department="greening")
    client = client_for(front_desk)
    response = client.get(
        reverse("workorders:print", args=[order.pk]), HTTP_ACCEPT_LANGUAGE=language
    )
    trade_label = "Trade" if language == "en" else "工种"
    assert cells(response)[trade_label] == expected
