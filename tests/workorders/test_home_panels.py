"""The work orders' home panels: the technician's orders today, the rep's orders due and the
manager's open orders by department; each number is the count of the list its link opens."""

import datetime

import pytest
import time_machine

from tests.desk.home_links import listed, panel_context
from tests.factories import WorkOrderFactory
from workorders import panels
from workorders.models import Department, Status

pytestmark = pytest.mark.django_db

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))
NOW = datetime.datetime(2026, 11, 20, 10, tzinfo=SHANGHAI)
HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def orders(unit, rep, technician):
    """Taken by the rep: one overdue in progress, one due tonight dispatched, one due
    tomorrow open (cleaning), one done this morning; and one of someone else's, open."""
    with time_machine.travel(NOW, tick=False):
        made = {"unit": unit, "created_by": rep, "created_at": NOW - 30 * HOUR}
        WorkOrderFactory(
            **made, assignee=technician, status=Status.IN_PROGRESS, due_at=NOW - 2 * HOUR
        )
        WorkOrderFactory(
            **made, assignee=technician, status=Status.DISPATCHED, due_at=NOW + 8 * HOUR
        )
        WorkOrderFactory(**made, department=Department.CLEANING, due_at=NOW + 20 * HOUR)
        WorkOrderFactory(
            **made, assignee=technician, status=Status.DONE, due_at=NOW, done_at=NOW - HOUR
        )
        WorkOrderFactory(unit=unit, due_at=NOW + 30 * HOUR)


def test_the_technicians_today(orders, technician, client_for):
    with time_machine.travel(NOW, tick=False):
        context = panel_context(panels.technician_panel, technician)
        response = client_for(technician).get(context["url"])
    assert context["counts"] == {
        "total": 3,
        "in_progress": 1,
        "dispatched": 1,
        "overdue": 1,
        "done": 1,
    }
    assert len(response.context["orders"]) == 3


def test_the_reps_orders_due_are_the_lists_they_open(orders, rep, client_for):
    with time_machine.travel(NOW, tick=False):
        states = panel_context(panels.rep_panel, rep)["states"]
        client = client_for(rep)
        assert {s["key"]: s["count"] for s in states} == {
            "pending": 3,
            "due_today": 2,
            "overdue": 1,
        }
        for state in states:
            assert listed(client, state["url"]) == state["count"], state["key"]


def test_the_managers_open_orders_by_department(orders, manager, client_for):
    with time_machine.travel(NOW, tick=False):
        context = panel_context(panels.departments_panel, manager)
        client = client_for(manager)
        rows = {row["label"]: (row["pending"], row["overdue"]) for row in context["departments"]}
        assert rows[Department.ENGINEERING.label] == (3, 1)
        assert rows[Department.CLEANING.label] == (1, 0)
        assert context["pending"] == 4
        assert listed(client, context["pending_url"]) == 4
        for row in context["departments"]:
            assert listed(client, row["pending_url"]) == row["pending"]
            assert listed(client, row["overdue_url"]) == row["overdue"]
