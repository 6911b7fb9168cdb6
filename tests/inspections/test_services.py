"""The round's flow: start on the current checklist version, tick, scan the route, find,
submit, review and sign."""

import datetime

import pytest

from desk import roles
from desk.errors import BusinessRuleError, IllegalTransition
from inspections import services
from inspections.models import Finding, Round, RoundType
from tests.factories import UnitFactory, UserFactory
from tests.inspections.conftest import photo_upload
from workorders.models import WorkOrder

pytestmark = pytest.mark.django_db


def test_a_round_keeps_the_checklist_version_it_used(estate, rep, manager, make_round):
    first = make_round()
    revised = services.checklist_revise(
        estate=estate, round_type=RoundType.PUBLIC_AREA, items=["大堂整洁", "灯光"], by=manager
    )
    second = make_round()
    assert (first.checklist.version, revised.version, second.checklist_id) == (1, 2, revised.pk)
    assert [c.item.text for c in second.checks.all()] == ["大堂整洁", "灯光"]
    assert first.checks.count() == len(first.checklist.items.all()) == 6


def test_a_round_cannot_be_submitted_with_items_left(estate, building, rep):
    round_ = services.round_start(
        estate=estate, round_type=RoundType.PUBLIC_AREA, by=rep, building=building
    )
    with pytest.raises(BusinessRuleError, match="6 items are not ticked"):
        services.round_submit(round=round_, by=rep)
    assert Round.objects.get(pk=round_.pk).status == Round.Status.DRAFT


def test_not_ok_needs_a_note_or_a_photo(estate, building, rep):
    round_ = services.round_start(
        estate=estate, round_type=RoundType.CLEANING, by=rep, building=building
    )
    item = round_.checklist.items.first()
    with pytest.raises(BusinessRuleError):
        services.round_check_item(round=round_, item=item, ok=False, by=rep)
    check = services.round_check_item(round=round_, item=item, ok=False, note="地面有水", by=rep)
    assert (check.ok, check.note) == (False, "地面有水")


def test_only_the_author_changes_a_draft_and_nobody_a_submitted_round(make_round, supervisor, rep):
    draft = make_round(submit=False)
    with pytest.raises(IllegalTransition):
        services.finding_add(round=draft, description="x", by=supervisor)
    done = make_round()
    with pytest.raises(IllegalTransition):
        services.finding_add(round=done, description="x", by=rep)


def test_a_vacant_unit_check_is_of_a_unit(estate, building, rep):
    with pytest.raises(BusinessRuleError):
        services.round_start(estate=estate, round_type=RoundType.VACANT_UNIT, by=rep)
    unit = UnitFactory(building=building, number="801", floor=8)
    round_ = services.round_start(
        estate=estate, round_type=RoundType.VACANT_UNIT, by=rep, unit=unit
    )
    assert (round_.unit, round_.building, round_.place) == (unit, building, "3-801")


def test_the_managers_round_is_not_a_reps(estate, rep, manager):
    with pytest.raises(BusinessRuleError):
        services.round_start(estate=estate, round_type=RoundType.MANAGER, by=rep)
    assert services.round_start(estate=estate, round_type=RoundType.MANAGER, by=manager).pk


def test_a_route_marks_missed_and_out_of_order_points(make_round, route, rep):
    round_ = make_round(submit=False)
    services.round_scan_point(round=round_, code=route[0].code, by=rep)
    third = services.round_scan_point(
        round=round_, code=route[2].code.lower(), by=rep, latitude="31.2", longitude="121.5"
    )
    second = services.round_scan_point(round=round_, code=route[1].code, by=rep, typed=True)
    assert (third.out_of_order, second.out_of_order, second.typed) == (False, True, True)
    with pytest.raises(BusinessRuleError, match="already scanned"):
        services.round_scan_point(round=round_, code=route[1].code, by=rep)
    with pytest.raises(BusinessRuleError, match="not a point"):
        services.round_scan_point(round=round_, code="NOPE", by=rep)
    round_ = services.round_submit(round=round_, by=rep)
    assert (round_.points_missed, round_.points_out_of_order) == (0, 1)


def test_a_point_never_scanned_is_missed(make_round, route, rep):
    round_ = make_round(submit=False)
    services.round_scan_point(round=round_, code=route[1].code, by=rep)
    round_ = services.round_submit(round=round_, by=rep)
    assert (round_.points_missed, round_.points_out_of_order) == (2, 0)


def test_a_point_scanned_outside_its_window_is_marked(make_round, route, rep, at):
    route[0].window_start, route[0].window_end = datetime.time(8), datetime.time(10)
    route[0].save()
    round_ = make_round(submit=False)
    late = services.round_scan_point(
        round=round_, code=route[0].code, by=rep, now=at(2026, 3, 2, 10, 30)
    )
    assert late.outside_window
    on_time = services.round_scan_point(
        round=round_, code=route[1].code, by=rep, now=at(2026, 3, 2, 3, 0)
    )
    assert not on_time.outside_window  # no window


def test_a_finding_becomes_a_dispatched_work_order_linked_from_the_finding(
    make_round, rep, technician
):
    round_ = make_round(submit=False)
    finding = services.finding_add(
        round=round_, description="电梯厅灯不亮", location="电梯厅", photo=photo_upload(), by=rep
    )
    order = services.finding_to_workorder(finding=finding, by=rep, assignee=technician)
    finding.refresh_from_db()
    assert finding.work_order == order
    assert (order.source, order.status, order.assignee) == ("patrol", "dispatched", technician)
    assert order.description == "电梯厅灯不亮"
    assert order.location.endswith("电梯厅") and order.building == round_.building
    assert finding.photo.name.endswith(".png")
    with pytest.raises(IllegalTransition):
        services.finding_to_workorder(finding=finding, by=rep)
    assert WorkOrder.objects.count() == 1


def test_a_finding_stays_open_until_corrected_and_verified(make_round, rep, supervisor):
    round_ = make_round(submit=False, findings=1)
    finding = round_.findings.get()
    with pytest.raises(IllegalTransition):
        services.finding_verify(finding=finding, by=supervisor)
    services.finding_correct(finding=finding, by=rep)
    finding = services.finding_verify(finding=finding, by=supervisor)
    assert finding.status == Finding.Status.VERIFIED


def test_a_findings_work_order_must_be_done_before_it_is_corrected(make_round, rep):
    round_ = make_round(submit=False, findings=1)
    finding = round_.findings.get()
    order = services.finding_to_workorder(finding=finding, by=rep)
    with pytest.raises(IllegalTransition):
        services.finding_correct(finding=finding, by=rep)
    WorkOrder.objects.filter(pk=order.pk).update(status="done")
    assert services.finding_correct(finding=finding, by=rep).status == "corrected"


def test_a_round_is_not_reviewed_by_its_author_nor_twice(make_round, rep, supervisor, estate):
    round_ = make_round()
    with pytest.raises(IllegalTransition, match="other than its author"):
        services.round_review(round=round_, by=rep)
    services.round_review(round=round_, by=supervisor, comment="好")
    other = UserFactory(roles=[roles.MANAGER], estates=[estate])
    with pytest.raises(IllegalTransition, match="already reviewed"):
        services.round_review(round=round_, by=other)
    round_.refresh_from_db()
    assert (round_.status, round_.reviewed_by, round_.review_comment) == (
        "reviewed",
        supervisor,
        "好",
    )


def test_a_draft_is_not_reviewed(make_round, supervisor):
    with pytest.raises(IllegalTransition):
        services.round_review(round=make_round(submit=False), by=supervisor)


def test_a_round_with_findings_needs_a_comment(make_round, supervisor):
    round_ = make_round(findings=1)
    with pytest.raises(BusinessRuleError):
        services.round_review(round=round_, by=supervisor)
    assert services.round_review(round=round_, by=supervisor, comment="已派单").status == (
        "reviewed"
    )


def test_rounds_without_findings_are_signed_together(make_round, supervisor):
    rounds = [make_round(), make_round()]
    assert services.rounds_sign(rounds=rounds, by=supervisor) == 2
    assert set(Round.objects.values_list("status", flat=True)) == {"reviewed"}


def test_bulk_signing_refuses_a_round_with_findings_and_signs_nothing(make_round, supervisor):
    rounds = [make_round(), make_round(findings=1)]
    with pytest.raises(IllegalTransition, match="on its own"):
        services.rounds_sign(rounds=rounds, by=supervisor)
    assert set(Round.objects.values_list("status", flat=True)) == {"submitted"}


def test_bulk_signing_refuses_ones_own_round(make_round, supervisor, rep):
    rounds = [make_round(), make_round(by=supervisor)]
    with pytest.raises(IllegalTransition, match="other than its author"):
        services.rounds_sign(rounds=rounds, by=supervisor)
    assert Round.objects.filter(status="reviewed").count() == 0


def test_a_review_is_due_by_the_end_of_the_next_day_in_the_estates_zone(make_round, at):
    round_ = make_round(started_at=at(2026, 3, 31, 23, 0))  # submitted 23:30 on 31 March
    assert services.review_due(round_) == at(2026, 4, 2, 0, 0)


def test_the_supervisor_is_told_of_rounds_waiting_past_their_target(
    make_round, supervisor, estate, at
):
    from desk.models import Notification

    make_round(started_at=at(2026, 3, 30, 9, 0))
    make_round(started_at=at(2026, 3, 31, 9, 0))  # still within its target on 1 April
    assert services.remind_overdue_reviews(estate=estate, now=at(2026, 4, 1, 8, 0)) == 1
    note = Notification.objects.get(recipient=supervisor)
    assert note.values == {"count": 1, "since": "2026-03-30"}
    assert services.remind_overdue_reviews(estate=estate, now=at(2026, 3, 31, 8, 0)) == 0
