import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from desk.errors import BusinessRuleError, IllegalTransition
from tests.factories import ComplaintFactory, UnitFactory, WorkOrderFactory
from workorders import services
from workorders.models import Source, Status, Trade, WorkOrder, WorkOrderEvent, WorkOrderSettings

pytestmark = pytest.mark.django_db

ALL = list(Status)


def _create(unit, by, **kwargs):
    defaults = {
        "estate": unit.estate if unit else None,
        "unit": unit,
        "source": Source.REPAIR_CALL,
        "trade": Trade.PLUMBING,
        "description": "卫生间地漏堵塞",
        "by": by,
    }
    return services.workorder_create(**{**defaults, **kwargs})


def test_create_numbers_orders_per_year_and_computes_due_time(unit, front_desk):
    now = timezone.now()
    first = _create(unit, front_desk, now=now)
    second = _create(unit, front_desk, now=now, priority="urgent")
    year = timezone.localtime(now).year
    assert (first.number, second.number) == (f"WO-{year}-000001", f"WO-{year}-000002")
    assert first.due_at == now + datetime.timedelta(hours=24)
    assert second.due_at == now + datetime.timedelta(hours=4)
    assert first.status == Status.OPEN
    assert first.building == unit.building
    assert first.department == "engineering"
    assert list(first.events.values_list("kind", flat=True)) == ["created"]


def test_create_uses_the_estates_configured_due_times(unit, front_desk):
    WorkOrderSettings.objects.create(
        estate=unit.estate, urgent_hours=2, normal_hours=48, planned_days=3
    )
    now = timezone.now()
    planned = _create(unit, front_desk, now=now, priority="planned")
    urgent = _create(unit, front_desk, now=now, priority="urgent")
    assert planned.due_at - now == datetime.timedelta(days=3)
    assert urgent.due_at - now == datetime.timedelta(hours=2)


def test_numbers_restart_each_year(unit, front_desk):
    last_year = timezone.now() - datetime.timedelta(days=400)
    old = _create(unit, front_desk, now=last_year)
    new = _create(unit, front_desk)
    assert old.number.endswith("-000001") and new.number.endswith("-000001")
    assert old.number != new.number


def test_public_area_order_needs_a_location(building, front_desk):
    with pytest.raises(BusinessRuleError):
        _create(None, front_desk, estate=building.estate, building=building)
    order = _create(
        None, front_desk, estate=building.estate, building=building, location="3号楼大堂"
    )
    assert (order.unit, order.location) == (None, "3号楼大堂")


def test_paid_service_requires_a_price(unit, front_desk):
    with pytest.raises(BusinessRuleError):
        _create(unit, front_desk, source=Source.PAID_SERVICE)
    order = _create(unit, front_desk, source=Source.PAID_SERVICE, price=Decimal("80.00"))
    assert order.price == Decimal("80.00")


def test_database_refuses_paid_service_without_price_and_negative_price(unit):
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkOrderFactory(unit=unit, source=Source.PAID_SERVICE, price=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkOrderFactory(unit=unit, price=Decimal("-1"))


def test_unit_of_another_estate_is_refused(other_estate, unit, front_desk):
    with pytest.raises(BusinessRuleError):
        _create(unit, front_desk, estate=other_estate)


def test_create_from_complaint_links_both_ways(unit, rep):
    complaint = ComplaintFactory(unit=unit)
    order = services.workorder_create_from_complaint(complaint=complaint, trade=Trade.CIVIL, by=rep)
    assert order.source == Source.COMPLAINT
    assert order.complaint == complaint
    assert list(complaint.work_orders.all()) == [order]
    assert order.unit == unit
    assert order.requested_by_name == complaint.complainant_name
    assert order.description == complaint.description


def test_complaint_source_without_complaint_is_refused(unit, front_desk):
    with pytest.raises(BusinessRuleError):
        _create(unit, front_desk, source=Source.COMPLAINT)


# --- dispatch ---


@pytest.mark.parametrize("status", [Status.OPEN, Status.DISPATCHED])
def test_dispatch_assigns_a_technician(make_order, status, rep, technician, other_technician):
    order = make_order(status, assignee=other_technician)
    order = services.workorder_dispatch(order=order, assignee=technician, by=rep)
    order.refresh_from_db()
    assert (order.status, order.assignee) == (Status.DISPATCHED, technician)
    assert order.dispatched_at is not None
    assert order.events.last().kind == "dispatched"


@pytest.mark.parametrize("status", [s for s in ALL if s not in (Status.OPEN, Status.DISPATCHED)])
def test_dispatch_is_refused_after_work_started(make_order, status, rep, technician):
    order = make_order(status)
    with pytest.raises(IllegalTransition):
        services.workorder_dispatch(order=order, assignee=technician, by=rep)
    order.refresh_from_db()
    assert order.status == status


def test_dispatch_to_a_non_technician_or_other_estate_is_refused(make_order, rep, other_estate):
    from desk import roles
    from tests.factories import UserFactory

    order = make_order(Status.OPEN)
    outsider_tech = UserFactory(roles=[roles.TECHNICIAN], estates=[other_estate])
    for assignee in (rep, outsider_tech):
        with pytest.raises(IllegalTransition):
            services.workorder_dispatch(order=order, assignee=assignee, by=rep)
    order.refresh_from_db()
    assert (order.status, order.assignee) == (Status.OPEN, None)


# --- start / finish ---


def test_start_by_the_assignee(make_order, technician):
    order = services.workorder_start(order=make_order(Status.DISPATCHED), by=technician)
    assert order.status == Status.IN_PROGRESS and order.started_at is not None


def test_start_by_another_technician_is_refused(make_order, other_technician):
    order = make_order(Status.DISPATCHED)
    with pytest.raises(IllegalTransition):
        services.workorder_start(order=order, by=other_technician)
    order.refresh_from_db()
    assert order.status == Status.DISPATCHED and order.started_at is None


@pytest.mark.parametrize("status", [s for s in ALL if s != Status.DISPATCHED])
def test_start_is_refused_unless_dispatched(make_order, status, technician):
    order = make_order(status)
    with pytest.raises(IllegalTransition):
        services.workorder_start(order=order, by=technician)
    order.refresh_from_db()
    assert order.status == status


def test_finish_records_notes_and_materials(make_order, technician):
    order = services.workorder_finish(
        order=make_order(Status.IN_PROGRESS),
        by=technician,
        work_notes="更换角阀一个",
        materials="角阀 x1",
    )
    order.refresh_from_db()
    assert (order.status, order.work_notes, order.materials) == (
        Status.DONE,
        "更换角阀一个",
        "角阀 x1",
    )
    assert order.done_at is not None


def test_finish_needs_notes(make_order, technician):
    order = make_order(Status.IN_PROGRESS)
    with pytest.raises(BusinessRuleError):
        services.workorder_finish(order=order, by=technician, work_notes="  ")
    order.refresh_from_db()
    assert order.status == Status.IN_PROGRESS


def test_finish_by_another_technician_is_refused(make_order, other_technician):
    order = make_order(Status.IN_PROGRESS)
    with pytest.raises(IllegalTransition):
        services.workorder_finish(order=order, by=other_technician, work_notes="done")
    order.refresh_from_db()
    assert order.status == Status.IN_PROGRESS


@pytest.mark.parametrize("status", [s for s in ALL if s != Status.IN_PROGRESS])
def test_finish_is_refused_unless_in_progress(make_order, status, technician):
    order = make_order(status)
    with pytest.raises(IllegalTransition):
        services.workorder_finish(order=order, by=technician, work_notes="done")
    order.refresh_from_db()
    assert order.status == status


# --- verify / reopen / close ---


def test_verify_with_a_satisfied_resident(make_order, rep):
    order = services.workorder_verify(order=make_order(Status.DONE), by=rep, satisfaction=4)
    assert (order.status, order.satisfaction) == (Status.VERIFIED, 4)


def test_verify_with_a_dissatisfied_resident_reopens(make_order, rep, technician):
    order = services.workorder_verify(
        order=make_order(Status.DONE), by=rep, satisfaction=2, note="还在漏"
    )
    order.refresh_from_db()
    assert (order.status, order.assignee, order.reopen_count) == (
        Status.DISPATCHED,
        technician,
        1,
    )
    assert (order.done_at, order.satisfaction) == (None, None)
    event = order.events.last()
    assert (event.kind, event.values) == ("reopened", {"score": 2, "note": "还在漏"})


@pytest.mark.parametrize("status", [s for s in ALL if s != Status.DONE])
@pytest.mark.parametrize("satisfaction", [5, 1])
def test_verify_is_refused_unless_done(make_order, status, satisfaction, rep):
    order = make_order(status)
    with pytest.raises(IllegalTransition):
        services.workorder_verify(order=order, by=rep, satisfaction=satisfaction)
    order.refresh_from_db()
    assert order.status == status


@pytest.mark.parametrize("status", [Status.DONE, Status.VERIFIED])
def test_reopen_goes_back_to_the_technician(make_order, status, rep):
    order = services.workorder_reopen(order=make_order(status), by=rep, reason="住户反映仍漏水")
    assert (order.status, order.reopen_count) == (Status.DISPATCHED, 1)


@pytest.mark.parametrize("status", [s for s in ALL if s not in (Status.DONE, Status.VERIFIED)])
def test_reopen_is_refused_before_done_or_after_closing(make_order, status, rep):
    order = make_order(status)
    with pytest.raises(IllegalTransition):
        services.workorder_reopen(order=order, by=rep, reason="x")
    order.refresh_from_db()
    assert (order.status, order.reopen_count) == (status, 0)


def test_reopen_needs_a_reason(make_order, rep):
    order = make_order(Status.DONE)
    with pytest.raises(BusinessRuleError):
        services.workorder_reopen(order=order, by=rep, reason=" ")
    order.refresh_from_db()
    assert order.status == Status.DONE


def test_close_a_verified_order(make_order, rep):
    order = services.workorder_close(order=make_order(Status.VERIFIED), by=rep)
    assert order.status == Status.CLOSED and order.closed_at is not None


@pytest.mark.parametrize("status", [s for s in ALL if s != Status.VERIFIED])
def test_close_is_refused_unless_verified(make_order, status, rep):
    order = make_order(status)
    with pytest.raises(IllegalTransition):
        services.workorder_close(order=order, by=rep)
    order.refresh_from_db()
    assert order.status == status


# --- cancel ---


@pytest.mark.parametrize("status", [Status.OPEN, Status.DISPATCHED, Status.IN_PROGRESS])
def test_cancel_with_a_reason(make_order, status, rep):
    order = services.workorder_cancel(order=make_order(status), by=rep, reason="住户自行修好")
    assert (order.status, order.cancel_reason) == (Status.CANCELLED, "住户自行修好")
    assert order.events.last().note == "住户自行修好"


def test_cancel_without_a_reason_is_refused(make_order, rep):
    order = make_order(Status.OPEN)
    with pytest.raises(BusinessRuleError):
        services.workorder_cancel(order=order, by=rep, reason="")
    order.refresh_from_db()
    assert order.status == Status.OPEN
    assert not WorkOrderEvent.objects.filter(order=order, kind="cancelled").exists()


@pytest.mark.parametrize("status", [Status.DONE, Status.VERIFIED, Status.CLOSED, Status.CANCELLED])
def test_cancel_is_refused_after_the_work_is_done(make_order, status, rep):
    order = make_order(status)
    with pytest.raises(IllegalTransition):
        services.workorder_cancel(order=order, by=rep, reason="x")
    order.refresh_from_db()
    assert order.status == status


def test_the_whole_flow_leaves_a_timeline_and_history(unit, front_desk, rep, technician):
    order = _create(unit, front_desk)
    services.workorder_dispatch(order=order, assignee=technician, by=rep)
    services.workorder_start(order=order, by=technician)
    services.workorder_finish(order=order, by=technician, work_notes="疏通地漏")
    services.workorder_verify(order=order, by=rep, satisfaction=5)
    services.workorder_close(order=order, by=rep)
    order.refresh_from_db()
    assert order.status == Status.CLOSED
    assert list(order.events.values_list("kind", flat=True)) == [
        "created",
        "dispatched",
        "started",
        "finished",
        "verified",
        "closed",
    ]
    assert order.history.count() == 6


def test_other_units_are_untouched_by_the_number_counter(estate, front_desk):
    units = [UnitFactory(building__estate=estate) for _ in range(3)]
    numbers = [_create(u, front_desk).number for u in units]
    assert len(set(numbers)) == 3
    assert WorkOrder.objects.count() == 3
