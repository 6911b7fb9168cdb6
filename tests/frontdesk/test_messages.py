"""Messages for staff: through the inbox; the recipient, and only they, marks them done."""

import pytest
from django.urls import reverse

from desk.errors import BusinessRuleError
from desk.inbox import inbox_for, notification_text
from frontdesk import services
from frontdesk.models import StaffMessage

pytestmark = pytest.mark.django_db


def test_a_message_reaches_the_recipients_inbox(client_for, front_desk, technician, estate):
    response = client_for(front_desk).post(
        reverse("frontdesk:message_list"),
        {
            "estate": estate.pk,
            "recipient": technician.pk,
            "from_name": "5-802 陈女士",
            "text": "热水器明天上午来修",
        },
    )
    assert response.status_code == 302
    message = StaffMessage.objects.get()
    [note] = inbox_for(technician)
    assert note.url == reverse("frontdesk:message_detail", args=[message.pk])
    assert notification_text(note) == "A message from 5-802 陈女士: 热水器明天上午来修"


def test_the_recipient_marks_it_done_and_nobody_else(client_for, front_desk, technician, estate):
    message = services.message_leave(
        estate=estate, recipient=technician, from_name="王", text="回电", by=front_desk
    )
    with pytest.raises(BusinessRuleError):
        services.message_done(message=message, by=front_desk)
    client_for(technician).post(reverse("frontdesk:message_done", args=[message.pk]))
    message.refresh_from_db()
    assert message.done_at is not None
    with pytest.raises(BusinessRuleError):
        services.message_done(message=message, by=technician)


def test_a_message_is_for_someone_of_the_estate(front_desk, outsider, estate):
    with pytest.raises(BusinessRuleError):
        services.message_leave(
            estate=estate, recipient=outsider, from_name="王", text="x", by=front_desk
        )


def test_my_messages_are_mine(client_for, front_desk, technician, rep, estate):
    services.message_leave(
        estate=estate, recipient=technician, from_name="王", text="x", by=front_desk
    )
    assert (
        len(client_for(technician).get(reverse("frontdesk:my_messages")).context["object_list"])
        == 1
    )
    assert client_for(rep).get(reverse("frontdesk:my_messages")).context["object_list"] == []
