import datetime

import pytest
from django.utils import timezone

from complaints import seed as complaints_seed
from desk import roles, seeding
from desk.models import NumberSequence
from tenants.seed import seed as seed_register
from workorders import seed as workorders_seed
from workorders.models import UNFINISHED, Source, Status, WorkOrder
from workorders.services import workorder_create

pytestmark = pytest.mark.django_db


def _context(complaints=0):
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    ctx = seeding.make_context("tiny", seed=7, now=now)
    ctx.sizes["work_orders"] = 60
    ctx.sizes["complaints"] = complaints
    seed_register(ctx)
    seeding.seed_staff(ctx)
    complaints_seed.seed(ctx)
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
    lasts = dict(NumberSequence.objects.filter(kind="WO").values_list("year", "last"))
    assert sum(lasts.values()) == 60
    for year, last in lasts.items():
        assert WorkOrder.objects.filter(number=f"WO-{year}-{last:06d}").exists()
    assert all(o.events.exists() for o in orders[:5])


def test_an_order_taken_after_seeding_continues_the_numbering():
    ctx = _context()
    workorders_seed.seed(ctx)
    year = timezone.localtime(ctx.now).year
    seeded = WorkOrder.objects.filter(number__startswith=f"WO-{year}-").count()
    order = workorder_create(
        estate=ctx.estates[0],
        source=Source.PATROL,
        trade="electrical",
        description="楼道感应灯不亮",
        location="大堂",
        by=ctx.staff[roles.SERVICE_REP][0],
        now=ctx.now,
    )
    assert order.number == f"WO-{year}-{seeded + 1:06d}"


def test_old_orders_are_closed_and_only_the_last_days_hold_unfinished_ones():
    ctx = _context()
    workorders_seed.seed(ctx)
    week_ago = ctx.now - workorders_seed.SETTLED
    old = WorkOrder.objects.filter(created_at__lt=week_ago)
    assert old.count() > 40
    assert set(old.values_list("status", flat=True)) <= {Status.CLOSED, Status.CANCELLED}
    unfinished = WorkOrder.objects.filter(status__in=UNFINISHED)
    assert 0 < unfinished.count() < 20
    closed = old.filter(status=Status.CLOSED).first()
    assert closed.verified_at <= closed.closed_at <= ctx.now
    assert list(closed.events.values_list("kind", flat=True)) == ["created", "finished", "closed"]
    recent = WorkOrder.objects.filter(created_at__gte=week_ago, status=Status.VERIFIED).first()
    if recent is not None:  # the last week's orders keep every step
        assert list(recent.events.values_list("kind", flat=True)) == [
            "created",
            "dispatched",
            "started",
            "finished",
            "verified",
        ]


def test_a_tenth_of_the_orders_come_from_complaints_linked_both_ways():
    ctx = _context(complaints=200)
    workorders_seed.seed(ctx)
    orders = list(
        WorkOrder.objects.filter(source=Source.COMPLAINT).select_related("complaint__unit")
    )
    assert len(orders) == 6
    assert WorkOrder.objects.count() == 60
    for order in orders:
        complaint = order.complaint
        assert list(complaint.work_orders.all()) == [order]
        assert (order.estate_id, order.unit_id) == (complaint.estate_id, complaint.unit_id)
        assert order.building_id == (complaint.unit.building_id if complaint.unit else None)
        assert order.location == ("" if complaint.unit_id else complaint.subject)
        assert order.description == complaint.description
        assert (order.requested_by_name, order.requested_by_phone, order.resident_id) == (
            complaint.complainant_name,
            complaint.complainant_phone,
            complaint.resident_id,
        )
        assert complaint.responded_at <= order.created_at <= ctx.now
        assert order.created_by_id == complaint.responded_by_id
        assert order.trade in workorders_seed.COMPLAINT_TRADES[complaint.category]


def test_seed_spreads_orders_over_sources():
    ctx = _context()
    workorders_seed.seed(ctx)
    sources = set(WorkOrder.objects.values_list("source", flat=True))
    assert {Source.REPAIR_CALL, Source.PATROL} <= sources
    assert WorkOrder.objects.filter(source="paid_service", price__isnull=True).count() == 0
    assert WorkOrder.objects.filter(unit__isnull=True).exclude(location="").count() == (
        WorkOrder.objects.filter(unit__isnull=True).count()
    )
