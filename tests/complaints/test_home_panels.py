"""The complaints' home panels: the manager's month by category with the share answered
within 30 minutes, the supervisor's board counts, the rep's and the front desk's queues; each
number is the count of the list its link opens."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from complaints import panels
from complaints.models import Complaint
from tests.desk.home_links import listed, panel_context
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))
NOW = datetime.datetime(2026, 11, 20, 10, tzinfo=SHANGHAI)
S, C = Complaint.Status, Complaint.Category


@pytest.fixture
def month(unit, rep):
    """November's: two noise complaints (one answered in 10 minutes, one answered late) and
    a cleaning one unanswered for two hours (breached); a noise one of October."""
    with time_machine.travel(NOW, tick=False):
        ago = datetime.timedelta
        quick = ComplaintFactory(unit=unit, assignee=rep, received_at=NOW - ago(days=3))
        quick.status, quick.responded_at = S.RESPONDED, quick.received_at + ago(minutes=10)
        quick.save()
        late = ComplaintFactory(unit=unit, assignee=rep, received_at=NOW - ago(days=2))
        late.status, late.responded_at = S.RESPONDED, late.received_at + ago(minutes=50)
        late.answered_late = True
        late.save()
        ComplaintFactory(
            unit=unit, assignee=rep, category=C.CLEANING, received_at=NOW - ago(hours=2)
        )
        ComplaintFactory(unit=unit, received_at=datetime.datetime(2026, 10, 30, 9, tzinfo=SHANGHAI))


def test_the_managers_month_counts_by_category_and_the_share_in_time(month, manager, client_for):
    with time_machine.travel(NOW, tick=False):
        context = panel_context(panels.month_panel, manager)
        client = client_for(manager)
        assert [(row["label"], row["count"]) for row in context["categories"]] == [
            (C.NOISE.label, 2),
            (C.CLEANING.label, 1),
        ]
        assert (context["total"], context["in_time"], context["in_time_share"]) == (3, 1, 33.3)
        assert context["late"] == 2
        assert listed(client, context["total_url"]) == 3
        assert listed(client, context["late_url"]) == 2
        for row in context["categories"]:
            assert listed(client, row["url"]) == row["count"]
        html = client.get(reverse("home")).content.decode()
    assert "33.3% answered within 30 minutes" in html
    assert context["categories"][0]["url"].replace("&", "&amp;") in html


@pytest.mark.parametrize(
    "panel, persona",
    [
        (panels.board_panel, "supervisor"),
        (panels.mine_panel, "rep"),
        (panels.desk_panel, "front_desk"),
    ],
)
def test_each_queue_count_is_the_list_it_opens(month, panel, persona, request, client_for):
    user = request.getfixturevalue(persona)
    with time_machine.travel(NOW, tick=False):
        queues = panel_context(panel, user)["queues"]
        client = client_for(user)
        counts = {queue["key"]: queue["count"] for queue in queues}
        for queue in queues:
            assert listed(client, queue["url"]) == queue["count"], queue["key"]
    # The cleaning one unanswered, and October's too but nobody's (not the rep's); breached
    # besides them, the one answered late.
    mine = persona == "rep"
    assert (counts["awaiting_response"], counts["breached"]) == ((1, 2) if mine else (2, 3))
