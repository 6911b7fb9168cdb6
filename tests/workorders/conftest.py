import pytest
from django.utils import timezone

from desk import roles
from tests.factories import UserFactory, WorkOrderFactory
from workorders.models import Status


@pytest.fixture
def other_technician(estate):
    return UserFactory(username="technician2", roles=[roles.TECHNICIAN], estates=[estate])


@pytest.fixture
def make_order(unit, technician):
    default_unit = unit

    """An order of `unit` in a given status, with the times that status implies."""

    def make(status=Status.OPEN, assignee=technician, unit=None, **extra):
        now = timezone.now()
        times = {}
        order_of_steps = [
            (Status.DISPATCHED, "dispatched_at"),
            (Status.IN_PROGRESS, "started_at"),
            (Status.DONE, "done_at"),
            (Status.VERIFIED, "verified_at"),
            (Status.CLOSED, "closed_at"),
        ]
        reached = [s for s, _ in order_of_steps]
        if status in reached:
            for _step, field in order_of_steps[: reached.index(status) + 1]:
                times[field] = now
        if status in (Status.VERIFIED, Status.CLOSED):
            times["satisfaction"] = 5
        if status == Status.CANCELLED:
            times.update(cancelled_at=now, cancel_reason="住户取消")
        if status == Status.OPEN:
            assignee = None
        return WorkOrderFactory(
            unit=unit or default_unit, status=status, assignee=assignee, **{**times, **extra}
        )

    return make
