"""The permit's way: apply, approve or reject, patrol, violations and their notice, the
follow-up, the acceptance and the deposit refund."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from desk.clock import estate_today
from desk.errors import BusinessRuleError, IllegalTransition
from desk.models import Notification
from renovation import services
from renovation.models import Permit, Violation
from tenants.models import Occupancy, Unit
from tests.factories import OccupancyFactory, ResidentFactory
from tests.renovation.conftest import acceptance_ok, all_ok, apply_for, photo
from workorders.models import Source, WorkOrder

pytestmark = pytest.mark.django_db


def test_the_owner_applies_and_the_number_is_the_estates_year(permit, occupancy):
    assert permit.status == Permit.Status.APPLIED
    assert permit.applicant_role == Permit.ApplicantRole.OWNER
    year = estate_today(permit.estate).year
    assert permit.number == f"RP-{year}-000001"
    occupancy.unit.refresh_from_db()
    assert occupancy.unit.status == Unit.Status.OCCUPIED  # not before the approval


def test_an_occupant_applies_only_with_the_owners_consent(unit, front_desk):
    tenant = ResidentFactory(estate=unit.estate, name="李四")
    OccupancyFactory(unit=unit, resident=tenant, role=Occupancy.Role.OCCUPANT)
    with pytest.raises(BusinessRuleError, match="consent"):
        apply_for(unit, tenant, front_desk)
    permit = apply_for(unit, tenant, front_desk, owner_consent="业主王五签字同意书")
    assert (permit.applicant_role, permit.owner_consent) == ("occupant", "业主王五签字同意书")


def test_someone_who_does_not_live_there_cannot_apply(unit, front_desk):
    stranger = ResidentFactory(estate=unit.estate)
    with pytest.raises(BusinessRuleError, match="does not live"):
        apply_for(unit, stranger, front_desk)


def test_one_open_permit_per_unit(permit, occupancy, front_desk):
    with pytest.raises(BusinessRuleError, match="already has"):
        apply_for(occupancy.unit, occupancy.resident, front_desk)


def test_approval_makes_the_unit_renovating_and_records_the_money(permit, manager):
    services.permit_approve(permit=permit, by=manager)
    permit.refresh_from_db()
    permit.unit.refresh_from_db()
    assert (permit.status, permit.unit.status) == ("approved", "renovating")
    assert (permit.decided_by, permit.deposit, permit.fee) == (
        manager,
        Decimal("2000.00"),
        Decimal("300.00"),
    )
    assert permit.charged_at is not None
    with pytest.raises(IllegalTransition):
        services.permit_approve(permit=permit, by=manager)


def test_structural_works_need_what_is_allowed(occupancy, front_desk, manager):
    permit = apply_for(
        occupancy.unit, occupancy.resident, front_desk, scopes=["structural", "electrical"]
    )
    with pytest.raises(BusinessRuleError, match="structure or the facade"):
        services.permit_approve(permit=permit, by=manager)
    permit.refresh_from_db()
    assert permit.status == Permit.Status.APPLIED
    services.permit_approve(permit=permit, by=manager, structure_confirmation="仅拆非承重隔墙")
    permit.refresh_from_db()
    assert permit.structure_confirmation == "仅拆非承重隔墙"


def test_a_rejection_needs_a_reason_and_leaves_the_unit_alone(permit, manager):
    with pytest.raises(BusinessRuleError):
        services.permit_reject(permit=permit, by=manager, reason="  ")
    services.permit_reject(permit=permit, by=manager, reason="拟拆承重墙")
    permit.refresh_from_db()
    permit.unit.refresh_from_db()
    assert (permit.status, permit.reject_reason, permit.unit.status) == (
        "rejected",
        "拟拆承重墙",
        "occupied",
    )
    with pytest.raises(IllegalTransition):
        services.permit_approve(permit=permit, by=manager)


def test_a_patrol_once_a_day_with_its_checklist_and_photos(active_permit, rep):
    checklist = {**all_ok(), "noise": False}
    patrol = services.patrol_record(
        permit=active_permit, by=rep, checklist=checklist, notes="电钻噪音", photos=[photo()]
    )
    assert patrol.day == estate_today(active_permit.estate)
    assert patrol.checklist["noise"] is False and patrol.photos.count() == 1
    with pytest.raises(BusinessRuleError, match="already"):
        services.patrol_record(permit=active_permit, by=rep, checklist=all_ok())
    with pytest.raises(BusinessRuleError, match="every item"):
        services.patrol_record(permit=active_permit, by=rep, checklist={"noise": True})


def test_an_application_is_not_patrolled(permit, rep):
    with pytest.raises(IllegalTransition):
        services.patrol_record(permit=permit, by=rep, checklist=all_ok())


def test_a_minor_violation_is_corrected_on_the_spot(active_permit, rep):
    violation = services.violation_record(
        permit=active_permit, by=rep, kind="noise", description="午休时间电钻，已当场停工"
    )
    assert (violation.severity, violation.status, violation.notice_number) == (
        "minor",
        "corrected",
        "",
    )
    assert violation.deadline is None and violation.closed_at is not None


def test_a_major_violation_gets_a_numbered_notice_with_a_deadline(active_permit, rep):
    services.patrol_record(permit=active_permit, by=rep, checklist=all_ok())
    violation = services.violation_record(
        permit=active_permit, by=rep, kind="load_bearing", description="拆除承重墙一角"
    )
    today = estate_today(active_permit.estate)
    assert violation.severity == "major" and violation.status == "open"
    assert violation.notice_number == f"ZG-{today.year}-000001"
    assert violation.deadline == today + datetime.timedelta(days=services.NOTICE_DAYS)
    assert violation.patrol == active_permit.patrols.get()  # today's patrol


def test_the_follow_up_verifies_the_correction(active_permit, rep, supervisor):
    violation = services.violation_record(
        permit=active_permit, by=rep, kind="facade", description="擅自改外窗"
    )
    with pytest.raises(BusinessRuleError):
        services.violation_follow_up(violation=violation, by=rep, corrected=False)
    later = estate_today(active_permit.estate) + datetime.timedelta(days=10)
    services.violation_follow_up(
        violation=violation, by=rep, corrected=False, note="未恢复", deadline=later
    )
    violation.refresh_from_db()
    assert (violation.status, violation.deadline) == ("open", later)
    services.violation_follow_up(violation=violation, by=supervisor, corrected=True, note="已恢复")
    violation.refresh_from_db()
    assert (violation.status, violation.closed_by, violation.follow_up_note) == (
        "verified",
        supervisor,
        "未恢复\n已恢复",
    )
    with pytest.raises(IllegalTransition):
        services.violation_follow_up(violation=violation, by=rep, corrected=True)


def test_an_overdue_notice_goes_to_the_supervisors_inbox_once(active_permit, rep, supervisor):
    violation = services.violation_record(
        permit=active_permit,
        by=rep,
        kind="waterproof_layer",
        description="防水层破坏",
        deadline=estate_today(active_permit.estate),
    )
    assert services.violations_notify_overdue() == 0  # due today: not yet overdue
    after = timezone.now() + datetime.timedelta(days=1, hours=1)
    assert services.violations_notify_overdue(now=after) == 1
    assert services.violations_notify_overdue(now=after) == 0
    notes = Notification.objects.filter(
        recipient=supervisor, kind="renovation.rectification_overdue"
    )
    assert [n.values["number"] for n in notes] == [violation.notice_number]
    assert not Notification.objects.filter(recipient=rep, kind="renovation.rectification_overdue")


def test_the_overdue_day_is_the_estates(active_permit, rep):
    """A deadline of the 31st is overdue from midnight in Shanghai (16:00 UTC), not in UTC."""
    with time_machine.travel(datetime.datetime(2027, 1, 31, 12, tzinfo=datetime.UTC), tick=False):
        services.violation_record(
            permit=active_permit,
            by=rep,
            kind="facade",
            description="外立面",
            deadline=datetime.date(2027, 1, 31),
        )
    before = datetime.datetime(2027, 1, 31, 15, 59, tzinfo=datetime.UTC)
    after = datetime.datetime(2027, 1, 31, 16, 1, tzinfo=datetime.UTC)
    assert services.violations_notify_overdue(now=before) == 0
    assert services.violations_notify_overdue(now=after) == 1


def test_a_violation_opens_a_work_order_linked_from_its_side(active_permit, rep):
    violation = services.violation_record(
        permit=active_permit, by=rep, kind="electrical", description="私拉电线", work_order=True
    )
    order = violation.work_order
    assert (order.source, order.trade, order.unit) == (
        Source.PATROL,
        "electrical",
        active_permit.unit,
    )
    assert active_permit.number in order.description
    with pytest.raises(BusinessRuleError, match="already open"):
        services.violation_work_order(violation=violation, by=rep)
    other = services.violation_record(
        permit=active_permit, by=rep, kind="common_areas", description="楼道堆放垃圾"
    )
    services.violation_work_order(violation=other, by=rep)
    other.refresh_from_db()
    assert other.work_order.trade == "cleaning"
    assert WorkOrder.objects.count() == 2


def test_the_acceptance_refunds_the_deposit_less_deductions_and_closes(active_permit, supervisor):
    acceptance = services.acceptance_record(
        permit=active_permit,
        by=supervisor,
        engineer="工程部孙工",
        checklist=acceptance_ok(),
        result="passed",
        owner_name="张伟",
        lead_name="陈师傅",
        deductions=[(Decimal("200"), "楼道墙面修补"), (Decimal("50.5"), "垃圾清运")],
    )
    active_permit.refresh_from_db()
    assert (acceptance.deductions, acceptance.refund) == (Decimal("250.5"), Decimal("1749.50"))
    assert [(d.amount, d.reason) for d in acceptance.deduction_lines.all()] == [
        (Decimal("200.00"), "楼道墙面修补"),
        (Decimal("50.50"), "垃圾清运"),
    ]
    assert (active_permit.status, active_permit.refund) == ("closed", Decimal("1749.50"))
    assert acceptance.owner_confirmed_at and acceptance.lead_confirmed_at
    with pytest.raises(IllegalTransition):  # read-only now
        services.patrol_record(permit=active_permit, by=supervisor, checklist=all_ok())
    with pytest.raises(IllegalTransition):
        services.violation_record(
            permit=active_permit, by=supervisor, kind="noise", description="x"
        )


def test_a_failed_acceptance_keeps_the_permit_open_to_inspect_again(active_permit, supervisor):
    checklist = {**acceptance_ok(), "waterproofing": False}
    with pytest.raises(BusinessRuleError, match="not OK"):
        services.acceptance_record(
            permit=active_permit,
            by=supervisor,
            engineer="孙工",
            checklist=checklist,
            result="passed",
            owner_name="张伟",
            lead_name="陈师傅",
        )
    failed = services.acceptance_record(
        permit=active_permit,
        by=supervisor,
        engineer="孙工",
        checklist=checklist,
        result="failed",
        conditions="闭水试验渗漏，返工后复验",
    )
    active_permit.refresh_from_db()
    assert (failed.refund, active_permit.status, active_permit.refund) == (None, "approved", None)
    again = services.acceptance_record(
        permit=active_permit,
        by=supervisor,
        engineer="孙工",
        checklist=checklist,
        result="conditions",
        conditions="一个月内补做防水",
        owner_name="张伟",
        lead_name="陈师傅",
    )
    active_permit.refresh_from_db()
    assert (again.refund, active_permit.status) == (Decimal("2000.00"), "closed")


def test_the_acceptance_refuses_what_loses_money_or_skips_a_notice(active_permit, rep, manager):
    kwargs = {
        "permit": active_permit,
        "by": manager,
        "engineer": "孙工",
        "checklist": acceptance_ok(),
        "result": "passed",
        "owner_name": "张伟",
        "lead_name": "陈师傅",
    }
    with pytest.raises(BusinessRuleError, match="more than the deposit"):
        services.acceptance_record(**kwargs, deductions=[(Decimal("2000.01"), "损坏")])
    with pytest.raises(BusinessRuleError, match="amount and its reason"):
        services.acceptance_record(**kwargs, deductions=[(Decimal("10"), "")])
    with pytest.raises(BusinessRuleError, match="names"):
        services.acceptance_record(**{**kwargs, "lead_name": ""})
    services.violation_record(permit=active_permit, by=rep, kind="facade", description="外窗")
    with pytest.raises(BusinessRuleError, match="still open"):
        services.acceptance_record(**kwargs)
    active_permit.refresh_from_db()
    assert active_permit.status == "approved" and not active_permit.acceptances.exists()
    assert Violation.objects.open().count() == 1
