"""A visit and its opinions: each line is open until answered or turned into a case."""

from datetime import timedelta

import pytest
from django.utils import timezone

from complaints.models import Complaint
from desk import roles
from desk.errors import BusinessRuleError
from desk.models import Notification
from tests.factories import ResidentFactory, UserFactory
from visits import services
from visits.models import Opinion, Visit
from workorders.models import WorkOrder

pytestmark = pytest.mark.django_db


def test_a_visit_keeps_who_was_met_and_its_opinions_due_in_three_days(record, occupancy):
    at = timezone.now() - timedelta(hours=2)
    visit = record(
        at=at, opinions=[("楼道灯不亮", "repairs"), ("  ", "other"), ("垃圾", "cleaning")]
    )
    assert visit.met == occupancy.resident
    assert [(o.text, o.category, o.answer_due) for o in visit.opinions.all()] == [
        ("楼道灯不亮", "repairs", at + timedelta(days=3)),
        ("垃圾", "cleaning", at + timedelta(days=3)),
    ]
    assert Opinion.objects.open().count() == 2


def test_nobody_home_is_a_visit_without_a_resident(record):
    visit = record(met=None, kind="fees")
    assert visit.nobody_home and visit.get_kind_display() == "Fee visit"


def test_the_estates_setting_gives_the_answer_time(record, estate, manager):
    services.visit_settings_update(estate=estate, by=manager, answer_days=5, half_year_target=98)
    visit = record(opinions=[("噪音", "noise")])
    opinion = visit.opinions.get()
    assert opinion.answer_due == visit.at + timedelta(days=5)


def test_the_person_met_is_one_of_the_units_current_occupants(record, estate):
    stranger = ResidentFactory(estate=estate, name="路人")
    with pytest.raises(BusinessRuleError, match="occupants"):
        record(met=stranger)
    assert Visit.objects.count() == 0


def test_a_visit_in_the_future_or_of_another_estates_staff_is_refused(record, other_estate):
    with pytest.raises(BusinessRuleError):
        record(at=timezone.now() + timedelta(hours=1))
    with pytest.raises(BusinessRuleError):
        record(by=UserFactory(roles=[roles.SERVICE_REP], estates=[other_estate]))
    with pytest.raises(BusinessRuleError):
        record(opinions=[("x", "nonsense")])
    assert Visit.objects.count() == 0 and Opinion.objects.count() == 0


def test_an_answer_closes_the_opinion_once(record, supervisor):
    opinion = record(opinions=[("门禁坏了", "security")]).opinions.get()
    with pytest.raises(BusinessRuleError):
        services.opinion_answer(opinion=opinion, answer="  ", by=supervisor)
    assert Opinion.objects.get().is_open
    answered = services.opinion_answer(opinion=opinion, answer="已通知保安部修理", by=supervisor)
    assert (answered.answer, answered.answered_by, answered.is_open) == (
        "已通知保安部修理",
        supervisor,
        False,
    )
    assert Opinion.objects.open().count() == 0
    with pytest.raises(BusinessRuleError, match="already"):
        services.opinion_answer(opinion=opinion, answer="again", by=supervisor)


def test_an_opinion_becomes_a_complaint_in_one_step(record, rep, occupancy):
    opinion = record(opinions=[("保洁员态度差\n多次不打扫", "service")]).opinions.get()
    complaint = services.opinion_to_complaint(opinion=opinion, category="staff_attitude", by=rep)
    opinion.refresh_from_db()
    assert opinion.complaint == complaint and not opinion.is_open
    assert (complaint.subject, complaint.resident, complaint.channel) == (
        "保洁员态度差",
        occupancy.resident,
        Complaint.Channel.IN_PERSON,
    )
    with pytest.raises(BusinessRuleError):
        services.opinion_to_work_order(opinion=opinion, trade="cleaning", priority="normal", by=rep)
    assert WorkOrder.objects.count() == 0


def test_an_opinion_becomes_a_work_order_in_one_step(record, rep, unit):
    opinion = record(opinions=[("厨房水龙头漏水", "repairs")]).opinions.get()
    order = services.opinion_to_work_order(
        opinion=opinion, trade="plumbing", priority="normal", by=rep
    )
    opinion.refresh_from_db()
    assert opinion.work_order == order and order.unit == unit and not opinion.is_open
    assert order.description == "厨房水龙头漏水"
    with pytest.raises(BusinessRuleError):
        services.opinion_to_complaint(opinion=opinion, category="repairs", by=rep)
    assert Complaint.objects.count() == 0


def test_an_overdue_opinion_goes_to_the_areas_rep_and_the_supervisors_once(
    record, area, rep, supervisor
):
    overdue = record(
        at=timezone.now() - timedelta(days=4), opinions=[("电梯异响", "repairs")]
    ).opinions.get()
    record(opinions=[("新的", "other")])  # not due yet
    answered = record(
        at=timezone.now() - timedelta(days=4), opinions=[("已答", "other")]
    ).opinions.get()
    services.opinion_answer(opinion=answered, answer="已解释", by=rep)

    assert services.opinions_overdue_notify() == 1
    assert services.opinions_overdue_notify() == 0
    notes = Notification.objects.filter(kind=services.OVERDUE_KIND)
    assert sorted(n.recipient.username for n in notes) == ["rep", "supervisor"]
    assert notes.first().values == {"unit": "3-1502", "text": "电梯异响"}
    overdue.refresh_from_db()
    assert overdue.overdue_notified_at is not None


def test_a_unit_in_no_area_tells_the_supervisors(record, supervisor):
    record(at=timezone.now() - timedelta(days=4), opinions=[("x", "other")])
    assert services.opinions_overdue_notify() == 1
    assert [n.recipient for n in Notification.objects.all()] == [supervisor]


def test_the_hourly_task_tells_the_overdue_opinions(record, supervisor, celery_eager, settings):
    from visits.tasks import notify_overdue_opinions

    assert "visits.notify_overdue_opinions" in settings.CELERY_BEAT_SCHEDULE
    record(at=timezone.now() - timedelta(days=4), opinions=[("x", "other")])
    assert notify_overdue_opinions.delay().get() == 1
    assert Notification.objects.get().recipient == supervisor
