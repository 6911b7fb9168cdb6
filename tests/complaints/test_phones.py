"""A case for a registered resident reads the resident's phone through its link and keeps
no copy; a visitor's own number stays on the case. Both masked the same way."""

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints.models import Complaint
from tenants.models import Resident
from tests.factories import ComplaintFactory
from tests.printing import text
from workorders import services as workorder_services

pytestmark = pytest.mark.django_db


def _intake(estate, **data):
    return {
        "estate": estate.pk,
        "channel": "phone",
        "unit_label": "3-1502",
        "subject": "楼道灯坏了",
        "category": "repairs",
        "description": "三楼楼道灯一周不亮。",
        "occurred_on": timezone.localdate().isoformat(),
        **data,
    }


def test_intake_for_a_resident_keeps_no_copy_of_their_phone(
    client_for, front_desk, estate, occupancy, resident
):
    client_for(front_desk).post(reverse("complaints:new"), _intake(estate, resident=resident.pk))
    complaint = Complaint.objects.get()
    assert (complaint.resident, complaint.complainant_phone) == (resident, "")


def test_the_residents_own_number_typed_again_is_not_copied(receive, resident):
    Resident.objects.filter(pk=resident.pk).update(phone_other="02155551234")
    resident.refresh_from_db()
    assert receive(complainant_phone="13812345678").complainant_phone == ""
    assert receive(complainant_phone="02155551234").complainant_phone == ""


def test_another_number_the_resident_calls_from_is_kept(receive):
    assert receive(complainant_phone="13900002222").complainant_phone == "13900002222"


def test_the_page_shows_the_residents_current_phone_masked_by_role(
    client_for, front_desk, manager, receive, resident
):
    complaint = receive()
    resident.mobile = "13911112222"  # the register changes after intake
    resident.save(update_fields=["mobile"])
    url = reverse("complaints:detail", args=[complaint.pk])
    masked = client_for(front_desk).get(url).content.decode()
    whole = client_for(manager).get(url).content.decode()
    assert "139****2222" in masked and "13911112222" not in masked
    assert "13911112222" in whole and "13812345678" not in whole


def test_removing_the_contact_from_the_register_leaves_no_copy(
    client_for, manager, receive, resident
):
    complaint = receive()
    order = workorder_services.workorder_create_from_complaint(
        complaint=complaint, trade="electrical", by=manager
    )
    resident.mobile = ""
    resident.save(update_fields=["mobile"])
    client = client_for(manager)
    pages = [
        reverse("complaints:detail", args=[complaint.pk]),
        reverse("complaints:print", args=[complaint.pk]),
        reverse("workorders:detail", args=[order.pk]),
        reverse("workorders:print", args=[order.pk]),
    ]
    assert [url for url in pages if "5678" in client.get(url).content.decode()] == []


def test_a_complaints_work_order_refers_to_the_resident(client_for, manager, receive, resident):
    complaint = receive()
    order = workorder_services.workorder_create_from_complaint(
        complaint=complaint, trade="electrical", by=manager
    )
    assert (order.resident, order.requested_by_phone, order.contact_phone) == (
        resident,
        "",
        "13812345678",
    )
    page = client_for(manager).get(reverse("workorders:detail", args=[order.pk]))
    assert reverse("tenants:resident_detail", args=[resident.pk]) in page.content.decode()


def test_a_visitors_number_goes_on_to_the_work_order_masked(
    client_for, front_desk, manager, estate, unit
):
    complaint = ComplaintFactory(
        unit=unit, complainant_name="访客刘先生", complainant_phone="13700004321"
    )
    order = workorder_services.workorder_create_from_complaint(
        complaint=complaint, trade="electrical", by=manager
    )
    assert (order.resident, order.requested_by_phone) == (None, "13700004321")
    slip = text(client_for(front_desk).get(reverse("workorders:print", args=[order.pk])))
    assert "137****4321" in slip and "13700004321" not in slip


def test_the_exports_read_the_residents_phone_through_the_link(
    client_for, front_desk, manager, receive
):
    from io import BytesIO

    from openpyxl import load_workbook

    complaint = receive()
    workorder_services.workorder_create_from_complaint(
        complaint=complaint, trade="electrical", by=manager
    )

    def phones(client, url_name):
        response = client.get(reverse(url_name))
        sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).worksheets[0]
        rows = list(sheet.iter_rows(values_only=True))
        column = rows[0].index("Phone")
        return [row[column] for row in rows[1:]]

    for url_name in ("complaints:export", "workorders:export"):
        assert phones(client_for(front_desk), url_name) == ["138****5678"]
        assert phones(client_for(manager), url_name) == ["13812345678"]
