import datetime

import pytest
from django.utils import timezone

from desk import seeding
from desk.models import NumberSequence
from workorders import seed as workorders_seed
from workorders.models import Status, WorkOrder

pytestmark = pytest.mark.django_db


def _context():
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    ctx = seeding.make_context("tiny", seed=7, now=now)
    ctx.sizes["work_orders"] = 60
    from tenants.seed import seed as seed_register

    seed_register(ctx)
    seeding.seed_staff(ctx)
    return ctx


def test_seed_makes_numbered_orders_over_24_months_with_consistent_states():
    ctx = _context()
    workorders_seed.seed(ctx)
    orders = list(WorkOrder.objects.order_by("created_at"))
    assert len(orders) == 60
    assert len({o.number for o in orders}) == 60
    assert all(o.number.startswith("WO-") for o in orders)
    assert ctx.now - orders[0].created_at > datetime.timedelta(days=60)
    assert all(o.created_at <= ctx.now for o in orders)
    for o in orders:
        assert (o.done_at is not None) == (
            o.status in (Status.DONE, Status.VERIFIED, Status.CLOSED)
        )
        assert (o.assignee_id is None) == (o.status in (Status.OPEN, Status.CANCELLED))
    counters = dict(NumberSequence.objects.filter(kind="WO").values_list("year", "last"))
    assert sum(counters.values()) == 60
    assert all(o.events.exists() for o in orders[:5])


def test_seed_spreads_orders_over_statuses_and_sources():
    ctx = _context()
    workorders_seed.seed(ctx)
    statuses = set(WorkOrder.objects.values_list("status", flat=True))
    assert {Status.CLOSED, Status.VERIFIED} <= statuses
    assert WorkOrder.objects.filter(source="paid_service", price__isnull=True).count() == 0
    assert WorkOrder.objects.filter(unit__isnull=True).exclude(location="").count() == (
        WorkOrder.objects.filter(unit__isnull=True).count()
    )
