"""Complaints notify through the inbox: stored as kind + values, read in the reader's language."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from complaints import services as complaint_services
from desk.models import Notification
from desk.zones import estate_zone

pytestmark = pytest.mark.django_db


def _inbox_text(client, **params):
    page = client.get(reverse("inbox"), params)
    assert page.status_code == 200
    return [n.text for n in page.context["notifications"]]


def test_a_notification_written_in_english_is_read_in_chinese(
    complaint, housekeeping, supervisor, client_for
):
    supervisor.language = "zh-hans"
    supervisor.save(update_fields=["language"])
    with translation.override("en"):
        complaint_services.complaint_escalate(
            complaint=complaint, reason="业主情绪激动", by=housekeeping
        )
    stored = Notification.objects.get()
    assert (stored.kind, stored.values) == (
        "complaints.escalated",
        {"number": complaint.number, "level": 1, "note": "业主情绪激动"},
    )
    assert _inbox_text(client_for(supervisor)) == [f"{complaint.number} 已升级至主管：业主情绪激动"]


def test_a_notification_written_in_chinese_is_read_in_english(
    receive, supervisor, client_for, estate
):
    complaint = receive(received_at=timezone.now() - timedelta(minutes=31))
    with translation.override("zh-hans"):
        assert complaint_services.complaints_escalate_overdue() == 1
    due = timezone.localtime(complaint.first_response_due, estate_zone(estate)).strftime("%H:%M")
    assert _inbox_text(client_for(supervisor)) == [
        f"{complaint.number}: no handling plan by {due}, escalated to the supervisor."
    ]


def test_assigning_a_complaint_notifies_the_assignee_not_oneself(
    complaint, rep, supervisor, client_for
):
    complaint_services.complaint_assign(complaint=complaint, assignee=rep, by=supervisor)
    complaint_services.complaint_assign(complaint=complaint, assignee=supervisor, by=supervisor)
    assert [(n.recipient, n.kind) for n in Notification.objects.all()] == [
        (rep, "complaints.assigned")
    ]
    assert _inbox_text(client_for(rep)) == [
        f"{complaint.number} was assigned to you by {supervisor.display_name}."
    ]


# --- the timeline: stored as kind + values, shown in the reader's language ---


def _timeline(client, complaint):
    page = client.get(reverse("complaints:detail", args=[complaint.pk]))
    return [(e.kind, e.detail, e.note) for e in page.context["events"]]


def test_the_timeline_is_shown_in_the_readers_language(
    receive, rep, supervisor, manager, client_for, estate
):
    from tests.complaints.conftest import walk

    complaint = receive(received_at=timezone.now() - timedelta(minutes=31))
    with translation.override("en"):
        complaint_services.complaints_escalate_overdue()
        complaint_services.complaint_assign(complaint=complaint, assignee=rep, by=supervisor)
        complaint_services.complaint_escalate(
            complaint=complaint, reason="业主要求经理出面", by=rep
        )
        walk(complaint, complaint.Status.CLOSED, by=rep, supervisor=supervisor)
    due = timezone.localtime(complaint.first_response_due, estate_zone(estate)).strftime("%H:%M")
    manager.language = "zh-hans"
    manager.save(update_fields=["language"])

    assert _timeline(client_for(manager), complaint) == [
        ("received", "", ""),
        ("escalated", f"截至 {due} 仍未给出处理方案，已升级至主管。", ""),
        ("assigned", f"交给{rep.display_name}", ""),
        ("escalated", "已升级至经理。", "业主要求经理出面"),
        ("responded", "", "今天内上门"),
        ("investigating", "", ""),
        ("resolved", "", "已与施工队沟通"),
        ("visited", "满意度 5/5。", "满意"),
        ("ruled", "有效 · 一般投诉", ""),
        ("closed", "", ""),
    ]

    html = client_for(supervisor).get(reverse("complaints:detail", args=[complaint.pk]))
    assert f"No handling plan by {due}: escalated to the supervisor." in html.content.decode()
    assert "Escalated to the manager." in html.content.decode()
    assert "Satisfaction 5/5." in html.content.decode()
    assert "Valid · General" in html.content.decode()


def test_a_hand_escalation_keeps_the_reason_as_typed(complaint, rep, client_for, supervisor):
    with translation.override("zh-hans"):
        complaint_services.complaint_escalate(complaint=complaint, reason="媒体介入", by=rep)
    event = complaint.events.get(kind="escalated")
    assert event.values == {"level": 1, "note": "媒体介入"}
    assert _timeline(client_for(supervisor), complaint)[-1] == (
        "escalated",
        "Escalated to the supervisor.",
        "媒体介入",
    )


def test_the_clocks_escalation_reason_is_not_stored_as_text(receive):
    complaint = receive(received_at=timezone.now() - timedelta(minutes=31))
    with translation.override("en"):
        complaint_services.complaints_escalate_overdue()
    complaint.refresh_from_db()
    assert complaint.escalation_reason == ""
    with translation.override("zh-hans"):
        assert complaint.escalation_reason_display == "未在时限内给出处理方案。"
    with translation.override("en"):
        assert complaint.escalation_reason_display == "No handling plan within the time limit."
