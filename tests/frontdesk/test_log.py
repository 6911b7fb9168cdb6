"""The visit and call log: logging, the overdue rule, and turning an entry into a case."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from complaints.models import Complaint
from desk.errors import BusinessRuleError
from frontdesk import services
from frontdesk.models import LogEntry
from workorders.models import Source, WorkOrder

pytestmark = pytest.mark.django_db


def test_a_call_is_logged_from_the_desk_screen_and_the_form_stays(
    client_for, front_desk, occupancy, unit
):
    client = client_for(front_desk)
    response = client.post(
        reverse("frontdesk:log"),
        {
            "estate": unit.estate_id,
            "kind": "call",
            "unit_label": "3-1502",
            "resident": occupancy.resident_id,
            "purpose": "inquiry",
            "summary": "问物业费缴费时间",
            "outcome": "answered",
            "at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        },
    )
    entry = LogEntry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("frontdesk:log") + f"?logged={entry.pk}"
    assert (entry.unit, entry.resident, entry.caller_name) == (unit, occupancy.resident, "")
    page = client.get(response["Location"]).content.decode()
    assert 'id="log-form"' in page  # the quick entry is still there
    assert reverse("frontdesk:entry_to_complaint", args=[entry.pk]) in page
    assert 'accesskey="c"' in page and 'accesskey="s"' in page


def test_the_time_defaults_to_the_estates_now(client_for, front_desk, estate):
    with time_machine.travel("2026-12-31T16:05:00Z", tick=False):  # 00:05 on 1 Jan in Shanghai
        form = client_for(front_desk).get(reverse("frontdesk:log")).context["form"]
        assert form["at"].value().strftime("%Y-%m-%d %H:%M") == "2027-01-01 00:05"


def test_passed_on_needs_a_department_and_an_agreed_time(log_call):
    with pytest.raises(BusinessRuleError):
        log_call(outcome=LogEntry.Outcome.PASSED_ON)
    assert LogEntry.objects.count() == 0


def test_someone_is_named(log_call):
    with pytest.raises(BusinessRuleError):
        log_call(caller_name="  ")


def test_an_entry_not_resolved_by_its_agreed_time_is_overdue_on_the_list(
    client_for, front_desk, passed_on
):
    late = passed_on(hours=1)
    on_time = passed_on(hours=5)
    resolved = passed_on(hours=1)
    services.log_entry_resolve(entry=resolved, resolution="已修好", by=front_desk)
    later = timezone.now() + timedelta(hours=2)
    assert set(LogEntry.objects.overdue(later)) == {late}
    with time_machine.travel(later, tick=False):
        response = client_for(front_desk).get(reverse("frontdesk:log_list") + "?overdue=true")
        assert list(response.context["object_list"]) == [late]
        assert "fd-overdue" in response.content.decode()
        assert not on_time.is_overdue(later)


def test_an_entry_becomes_a_complaint_carrying_what_was_typed_linked_both_ways(
    client_for, front_desk, passed_on, occupancy
):
    entry = passed_on()
    response = client_for(front_desk).post(
        reverse("frontdesk:entry_to_complaint", args=[entry.pk]), {"category": "repairs"}
    )
    complaint = Complaint.objects.get()
    assert response["Location"] == reverse("complaints:detail", args=[complaint.pk])
    assert (complaint.unit, complaint.resident, complaint.channel) == (
        entry.unit,
        occupancy.resident,
        Complaint.Channel.PHONE,
    )
    assert (complaint.subject, complaint.description) == ("卫生间漏水", entry.summary)
    assert complaint.received_at == entry.at
    entry.refresh_from_db()
    assert entry.complaint == complaint and complaint.log_entry == entry
    page = client_for(front_desk).get(reverse("complaints:detail", args=[complaint.pk]))
    assert reverse("frontdesk:entry_detail", args=[entry.pk]) in page.content.decode()


def test_an_entry_becomes_a_repair_work_order_linked_both_ways(client_for, front_desk, passed_on):
    entry = passed_on()
    response = client_for(front_desk).post(
        reverse("frontdesk:entry_to_work_order", args=[entry.pk]),
        {"trade": "plumbing", "priority": "urgent"},
    )
    order = WorkOrder.objects.get()
    assert response["Location"] == reverse("workorders:detail", args=[order.pk])
    assert (order.source, order.trade, order.unit, order.description) == (
        Source.REPAIR_CALL,
        "plumbing",
        entry.unit,
        entry.summary,
    )
    assert order.requested_by_name == entry.resident.name
    entry.refresh_from_db()
    assert entry.work_order == order
    page = client_for(front_desk).get(reverse("workorders:detail", args=[order.pk]))
    assert reverse("frontdesk:entry_detail", args=[entry.pk]) in page.content.decode()


def test_an_entry_becomes_one_case_only(front_desk, passed_on):
    entry = passed_on()
    services.log_entry_to_complaint(entry=entry, category="repairs", by=front_desk)
    with pytest.raises(BusinessRuleError):
        services.log_entry_to_work_order(
            entry=entry, trade="plumbing", priority="normal", by=front_desk
        )
    assert WorkOrder.objects.count() == 0


def test_a_visitors_phone_is_kept_and_a_residents_is_read_through_the_link(
    log_call, occupancy, unit
):
    visitor = log_call(caller_phone="13700004321")
    resident = log_call(
        unit=unit,
        resident=occupancy.resident,
        caller_name="",
        caller_phone=occupancy.resident.mobile,
    )
    assert (visitor.caller_phone, resident.caller_phone) == ("13700004321", "")


def test_the_unit_page_shows_its_visits_and_calls(client_for, front_desk, passed_on, unit):
    entry = passed_on()
    page = client_for(front_desk).get(reverse("tenants:unit_detail", args=[unit.pk]))
    assert reverse("frontdesk:entry_detail", args=[entry.pk]) in page.content.decode()
