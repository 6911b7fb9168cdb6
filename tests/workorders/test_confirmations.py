"""A step's confirmation says what happened to which order and what it means now, in the
reader's language."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from tests.factories import WorkOrderFactory


def _message(response):
    return [str(m) for m in response.context["messages"]]


def test_dispatch_names_the_technician_and_the_due_time(client_for, rep, technician, unit):
    order = WorkOrderFactory(unit=unit)
    response = client_for(rep).post(
        reverse("workorders:dispatch", args=[order.pk]),
        {
            "assignee": technician.pk,
            "seen_assignee": 0,
            "department": "engineering",
            "trade": "plumbing",
        },
        follow=True,
    )
    order.refresh_from_db()
    due = date_format(timezone.localtime(order.due_at), "Y-m-d H:i")
    name = technician.display_name
    assert _message(response) == [f"{order.number} dispatched to {name}, due {due}."]


@pytest.mark.parametrize(
    "language, expected", [("en", "%s cancelled: 重复报修"), ("zh-hans", "%s已取消：重复报修")]
)
def test_a_cancellation_repeats_its_reason(client_for, manager, unit, language, expected):
    order = WorkOrderFactory(unit=unit)
    client = client_for(manager)
    client.cookies["django_language"] = language
    response = client.post(
        reverse("workorders:cancel", args=[order.pk]), {"reason": "重复报修"}, follow=True
    )
    assert _message(response) == [expected % order.number]
