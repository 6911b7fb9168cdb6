import pytest
from django.db import IntegrityError, transaction

from complaints import services
from complaints.models import Complaint, ComplaintEvent
from desk.clock import local_date
from desk.errors import BusinessRuleError, IllegalTransition
from tests.complaints.conftest import walk

S = Complaint.Status
pytestmark = pytest.mark.django_db


def _snapshot(complaint):
    fresh = Complaint.objects.get(pk=complaint.pk)
    return {
        f.attname: getattr(fresh, f.attname) for f in Complaint._meta.concrete_fields
    }, fresh.events.count()


def test_receive_numbers_and_writes_the_timeline(complaint, front_desk):
    year = local_date(complaint.estate, complaint.received_at).year
    assert complaint.number == f"TS-{year}-000001"
    assert complaint.status == S.RECEIVED
    assert complaint.kind == Complaint.Kind.BUSINESS
    assert list(complaint.events.values_list("kind", "by")) == [("received", front_desk.pk)]


def test_numbers_follow_each_other_within_a_year(receive):
    numbers = [receive().number[-6:] for _ in range(3)]
    assert numbers == ["000001", "000002", "000003"]


def test_service_categories_are_service_complaints(receive):
    assert receive(category="broken_promise").kind == Complaint.Kind.SERVICE


def test_receive_refuses_a_unit_of_another_estate(receive, other_estate):
    with pytest.raises(BusinessRuleError):
        receive(estate=other_estate)
    assert Complaint.objects.count() == 0


def test_the_whole_flow_in_order(complaint, rep, supervisor):
    walk(complaint, S.CLOSED, by=rep, supervisor=supervisor)
    complaint.refresh_from_db()
    assert complaint.status == S.CLOSED
    assert complaint.closed_at is not None
    assert complaint.satisfaction == 5
    assert complaint.visited_by == rep
    assert list(complaint.events.values_list("kind", flat=True)) == [
        "received",
        "responded",
        "investigating",
        "resolved",
        "visited",
        "ruled",
        "closed",
    ]


def test_respond_stores_the_plan_and_who(complaint, rep):
    services.complaint_respond(complaint=complaint, plan="30分钟内上门查看", by=rep)
    complaint.refresh_from_db()
    assert (complaint.status, complaint.plan, complaint.responded_by) == (
        S.RESPONDED,
        "30分钟内上门查看",
        rep,
    )
    event = complaint.events.get(kind="responded")
    assert (event.by, event.values) == (rep, {"note": "30分钟内上门查看"})


# Every refused step: (status the complaint is in, the step), with the message shown.
REFUSED = [
    (S.RESPONDED, "respond", "already been answered"),
    (S.CLOSED, "respond", "already been answered"),
    (S.RECEIVED, "investigate", "starts after the handling plan"),
    (S.INVESTIGATING, "investigate", "starts after the handling plan"),
    (S.RECEIVED, "resolve", "under investigation"),
    (S.RESPONDED, "resolve", "under investigation"),
    (S.RESOLVED, "resolve", "under investigation"),
    (S.RECEIVED, "visit", "after the resolution"),
    (S.INVESTIGATING, "visit", "after the resolution"),
    (S.VISITED, "visit", "after the resolution"),
    (S.RECEIVED, "close", "only after the return visit"),
    (S.RESPONDED, "close", "only after the return visit"),
    (S.INVESTIGATING, "close", "only after the return visit"),
    (S.RESOLVED, "close", "only after the return visit"),
    (S.CLOSED, "close", "already closed"),
    (S.RECEIVED, "rule", "under investigation"),
    (S.RESPONDED, "rule", "under investigation"),
    (S.CLOSED, "rule", "under investigation"),
    (S.CLOSED, "assign", "closed complaint"),
    (S.CLOSED, "escalate", "closed complaint"),
]


def _step(name, complaint, rep, supervisor):
    return {
        "respond": lambda: services.complaint_respond(complaint=complaint, plan="再答一次", by=rep),
        "investigate": lambda: services.complaint_start_investigation(complaint=complaint, by=rep),
        "resolve": lambda: services.complaint_resolve(complaint=complaint, resolution="x", by=rep),
        "visit": lambda: services.complaint_record_return_visit(
            complaint=complaint, satisfaction=4, comment="", by=rep
        ),
        "close": lambda: services.complaint_close(complaint=complaint, by=rep),
        "rule": lambda: services.complaint_rule(
            complaint=complaint, validity="valid", severity="severe", reason="", by=supervisor
        ),
        "assign": lambda: services.complaint_assign(complaint=complaint, assignee=rep, by=rep),
        "escalate": lambda: services.complaint_escalate(complaint=complaint, reason="急", by=rep),
    }[name]


@pytest.mark.parametrize(("status", "step", "message"), REFUSED, ids=lambda v: str(v))
def test_an_illegal_step_is_refused_and_changes_nothing(
    complaint, rep, supervisor, status, step, message
):
    walk(complaint, status, by=rep, supervisor=supervisor)
    before = _snapshot(complaint)
    with pytest.raises(IllegalTransition) as refused:
        _step(step, complaint, rep, supervisor)()
    assert message in str(refused.value)
    assert _snapshot(complaint) == before


def test_closing_needs_a_ruling(complaint, rep, supervisor):
    walk(complaint, S.VISITED, by=rep, supervisor=supervisor)
    with pytest.raises(IllegalTransition, match="rule on the complaint before it is closed"):
        services.complaint_close(complaint=complaint, by=rep)
    assert Complaint.objects.get(pk=complaint.pk).status == S.VISITED


def test_a_valid_ruling_needs_a_severity(complaint, rep, supervisor):
    walk(complaint, S.INVESTIGATING, by=rep)
    with pytest.raises(BusinessRuleError, match="general or severe"):
        services.complaint_rule(complaint=complaint, validity="valid", reason="", by=supervisor)


def test_an_invalid_ruling_needs_a_kind_and_a_reason(complaint, rep, supervisor):
    walk(complaint, S.INVESTIGATING, by=rep)
    with pytest.raises(BusinessRuleError, match="ordinary or malicious"):
        services.complaint_rule(complaint=complaint, validity="invalid", reason="x", by=supervisor)
    with pytest.raises(BusinessRuleError, match="reason"):
        services.complaint_rule(
            complaint=complaint,
            validity="invalid",
            invalid_kind="malicious",
            reason=" ",
            by=supervisor,
        )
    assert Complaint.objects.get(pk=complaint.pk).validity == ""


def test_rule_invalid_malicious_with_reason(complaint, rep, supervisor):
    walk(complaint, S.INVESTIGATING, by=rep)
    services.complaint_rule(
        complaint=complaint,
        validity="invalid",
        invalid_kind="malicious",
        severity="severe",  # ignored: an invalid complaint has no severity
        reason="匿名且无事实依据",
        by=supervisor,
    )
    complaint.refresh_from_db()
    assert (complaint.validity, complaint.invalid_kind, complaint.severity) == (
        "invalid",
        "malicious",
        "",
    )
    assert complaint.ruled_by == supervisor
    assert complaint.events.get(kind="ruled").values == {
        "validity": "invalid",
        "invalid_kind": "malicious",
        "note": "匿名且无事实依据",
    }


def test_rule_valid_severe(complaint, rep, supervisor):
    walk(complaint, S.INVESTIGATING, by=rep)
    services.complaint_rule(
        complaint=complaint, validity="valid", severity="severe", reason="媒体关注", by=supervisor
    )
    assert Complaint.objects.values_list("validity", "severity", "invalid_kind").get() == (
        "valid",
        "severe",
        "",
    )


def test_front_desk_cannot_rule(complaint, front_desk, rep):
    walk(complaint, S.INVESTIGATING, by=rep)
    with pytest.raises(BusinessRuleError, match="supervisor or manager"):
        services.complaint_rule(
            complaint=complaint, validity="valid", severity="general", reason="", by=front_desk
        )


def test_the_database_refuses_an_inconsistent_ruling(complaint):
    with transaction.atomic(), pytest.raises(IntegrityError):
        Complaint.objects.filter(pk=complaint.pk).update(validity="valid", invalid_kind="malicious")


def test_the_database_refuses_a_satisfaction_out_of_range(complaint):
    with transaction.atomic(), pytest.raises(IntegrityError):
        Complaint.objects.filter(pk=complaint.pk).update(satisfaction=6)


def test_satisfaction_out_of_range_is_refused(complaint, rep):
    walk(complaint, S.RESOLVED, by=rep)
    with pytest.raises(BusinessRuleError):
        services.complaint_record_return_visit(
            complaint=complaint, satisfaction=0, comment="", by=rep
        )


def test_assign_and_reassign_write_the_timeline(complaint, rep, supervisor, front_desk):
    services.complaint_assign(complaint=complaint, assignee=rep, by=front_desk)
    services.complaint_assign(complaint=complaint, assignee=supervisor, by=supervisor)
    complaint.refresh_from_db()
    assert complaint.assignee == supervisor
    assigned = complaint.events.filter(kind=ComplaintEvent.Kind.ASSIGNED)
    assert [(e.by, e.values) for e in assigned] == [
        (front_desk, {"assignee": rep.display_name}),
        (supervisor, {"assignee": supervisor.display_name}),
    ]


def test_assigning_to_the_same_person_twice_is_refused(complaint, rep):
    services.complaint_assign(complaint=complaint, assignee=rep, by=rep)
    with pytest.raises(IllegalTransition):
        services.complaint_assign(complaint=complaint, assignee=rep, by=rep)


def test_assigning_to_a_technician_or_an_outsider_is_refused(complaint, technician, outsider, rep):
    for person in (technician, outsider):
        with pytest.raises(BusinessRuleError):
            services.complaint_assign(complaint=complaint, assignee=person, by=rep)
    assert Complaint.objects.get(pk=complaint.pk).assignee is None


def test_a_late_report_is_flagged_probably_invalid(receive):
    from datetime import timedelta

    from django.utils import timezone

    late = receive(occurred_on=timezone.localdate() - timedelta(days=31))
    on_time = receive(occurred_on=timezone.localdate() - timedelta(days=30))
    assert (late.days_before_report, on_time.days_before_report) == (31, 30)
