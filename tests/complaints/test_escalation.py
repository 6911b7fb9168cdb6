from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints import services
from complaints.models import Complaint
from desk.errors import BusinessRuleError, IllegalTransition
from desk.models import Notification

pytestmark = pytest.mark.django_db


def test_overdue_unanswered_complaints_go_to_the_supervisor(receive, supervisor, manager, rep):
    now = timezone.now()
    overdue = receive(received_at=now - timedelta(minutes=31))
    receive(received_at=now - timedelta(minutes=5))  # still in time
    answered = receive(received_at=now - timedelta(minutes=40))
    services.complaint_respond(complaint=answered, plan="已处理", by=rep)

    assert services.complaints_escalate_overdue(now=now) == 1

    overdue.refresh_from_db()
    assert overdue.escalation_level == Complaint.Escalation.SUPERVISOR
    assert overdue.escalated_at == now
    event = overdue.events.get(kind="escalated")
    assert event.by is None
    assert list(Notification.objects.values_list("recipient", "url")) == [
        (supervisor.pk, reverse("complaints:detail", args=[overdue.pk]))
    ]


def test_escalating_overdue_twice_notifies_once(receive, supervisor):
    now = timezone.now()
    receive(received_at=now - timedelta(minutes=31))
    assert services.complaints_escalate_overdue(now=now) == 1
    assert services.complaints_escalate_overdue(now=now + timedelta(minutes=1)) == 0
    assert Notification.objects.count() == 1
    assert Complaint.objects.get().events.filter(kind="escalated").count() == 1


def test_without_a_supervisor_the_manager_is_notified(receive, manager):
    receive(received_at=timezone.now() - timedelta(minutes=31))
    services.complaints_escalate_overdue()
    assert list(Notification.objects.values_list("recipient", flat=True)) == [manager.pk]


def test_supervisors_of_other_estates_are_not_notified(receive, supervisor, outsider):
    receive(received_at=timezone.now() - timedelta(minutes=31))
    services.complaints_escalate_overdue()
    assert list(Notification.objects.values_list("recipient", flat=True)) == [supervisor.pk]


def test_anyone_can_escalate_by_hand_with_a_reason(complaint, housekeeping, supervisor, manager):
    services.complaint_escalate(complaint=complaint, reason="业主情绪激动", by=housekeeping)
    assert complaint.escalation_level == Complaint.Escalation.SUPERVISOR
    assert complaint.escalation_reason == "业主情绪激动"
    services.complaint_escalate(complaint=complaint, reason="媒体介入", by=supervisor)
    complaint.refresh_from_db()
    assert complaint.escalation_level == Complaint.Escalation.MANAGER
    assert list(Notification.objects.order_by("pk").values_list("recipient", flat=True)) == [
        supervisor.pk,
        manager.pk,
    ]
    with pytest.raises(IllegalTransition, match="already with the manager"):
        services.complaint_escalate(complaint=complaint, reason="再升", by=supervisor)


def test_escalating_by_hand_needs_a_reason(complaint, rep):
    with pytest.raises(BusinessRuleError):
        services.complaint_escalate(complaint=complaint, reason="  ", by=rep)
    assert Complaint.objects.get().escalation_level == 0


def test_a_hand_escalated_complaint_is_not_escalated_again_by_the_clock(receive, rep, supervisor):
    complaint = receive(received_at=timezone.now() - timedelta(minutes=31))
    services.complaint_escalate(complaint=complaint, reason="急", by=rep)
    assert services.complaints_escalate_overdue() == 0
    assert Notification.objects.count() == 1


def test_the_board_shows_escalated_complaints_and_the_unread_count(receive, client_for, supervisor):
    overdue = receive(received_at=timezone.now() - timedelta(minutes=31))
    services.complaints_escalate_overdue()
    page = client_for(supervisor).get(reverse("complaints:board"))
    sections = {key: [c.pk for c in rows] for key, _title, rows, _more in page.context["sections"]}
    assert sections["escalated"] == [overdue.pk]
    assert sections["breached"] == [overdue.pk]
    assert sections["awaiting_response"] == [overdue.pk]
    # The inbox once: the top bar's bell with its count, no button or tab of its own.
    html = page.content.decode()
    assert html.count(f'href="{reverse("inbox")}"') == 1
    assert '<span class="badge rounded-pill text-bg-danger" id="inbox-unread">1</span>' in html


def test_the_board_shows_the_head_of_a_queue_and_the_list_shows_all_of_it(
    receive, client_for, supervisor, settings
):
    from complaints import selectors

    now = timezone.now()
    overdue = [receive(received_at=now - timedelta(minutes=90 - i)) for i in range(12)]
    receive(received_at=now - timedelta(minutes=5))  # in time: waiting, not breached
    client = client_for(supervisor)

    page = client.get(reverse("complaints:board"))
    sections = {key: (rows, more) for key, _title, rows, more in page.context["sections"]}
    rows, more = sections["breached"]
    assert [c.pk for c in rows] == [c.pk for c in overdue[: selectors.BOARD_ROWS]]
    assert more is True
    assert sections["escalated"] == ([], False)
    link = reverse("complaints:list") + "?queue=breached"
    assert link in page.content.decode()

    listed = client.get(reverse("complaints:list"), {"queue": "breached"})
    assert [c.pk for c in listed.context["object_list"]] == [c.pk for c in overdue]


def test_opening_a_notification_marks_it_read_and_follows_it(receive, client_for, supervisor):
    complaint = receive(received_at=timezone.now() - timedelta(minutes=31))
    services.complaints_escalate_overdue()
    note = Notification.objects.get()
    response = client_for(supervisor).post(reverse("inbox_open", args=[note.pk]))
    assert response["Location"] == reverse("complaints:detail", args=[complaint.pk])
    note.refresh_from_db()
    assert note.read_at is not None
