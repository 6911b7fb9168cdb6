"""The reminder ladder: stages on a fixture calendar (over a month's and a year's turn, on
the estate's clock), notices emailed and queued for print, visits in the named person's
inbox, idempotence, paid accounts leaving, and a constant number of queries."""

import datetime
from decimal import Decimal as D

import pytest
import time_machine
from celery.schedules import crontab
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from billing import ladder
from billing.ladder import reminder_run
from billing.ladder_services import ladder_settings_update
from billing.models import ArrearsCase, LadderStep, Stage
from billing.payment_services import payment_take
from billing.tasks import send_overdue_reminders
from desk.errors import BusinessRuleError
from desk.models import Notification, NumberSequence
from tenants.models import Area, AreaBuilding
from tests.billing.ladder_fixtures import overdue_line
from tests.factories import ResidentFactory, UnitFactory

pytestmark = pytest.mark.django_db

DUE = datetime.date(2026, 12, 15)
SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))


def _stages(unit):
    return list(
        LadderStep.objects.filter(unit=unit)
        .order_by("reached_on", "id")
        .values_list("stage", "reached_on")
    )


@pytest.fixture
def payer(estate):
    return ResidentFactory(estate=estate, name="王芳", email="wangfang@example.com")


@pytest.fixture
def owing(unit, property_fee, payer):
    return overdue_line(unit, property_fee, due=DUE, amount="223.75", payer=payer)


@pytest.fixture
def area(estate, building, rep):
    area = Area.objects.create(estate=estate, name="一区", rep=rep)
    AreaBuilding.objects.create(area=area, building=building)
    return area


def _on(local_day, hour=9):
    """The instant of `local_day` at `hour` on the estate's (Shanghai) clock."""
    return datetime.datetime.combine(local_day, datetime.time(hour), tzinfo=SHANGHAI)


def test_the_ladder_climbs_a_stage_on_each_day_of_the_estates_calendar(
    estate, unit, owing, area, rep, supervisor, manager, celery_eager
):
    """Due 15 December 2026: reminder on the 16th, deadline on the 30th, the rep's visit on
    14 January 2027, the supervisor's on 13 February, the director on 15 March (the
    default ladder: 1, 15, 30, 60, 90 days). The days between move nothing."""
    calendar = [
        (datetime.date(2026, 12, 15), []),
        (datetime.date(2026, 12, 16), [Stage.REMINDER]),
        (datetime.date(2026, 12, 29), []),
        (datetime.date(2026, 12, 30), [Stage.DEADLINE]),
        (datetime.date(2027, 1, 1), []),
        (datetime.date(2027, 1, 14), [Stage.REP_VISIT]),
        (datetime.date(2027, 2, 13), [Stage.SUPERVISOR_VISIT]),
        (datetime.date(2027, 3, 15), [Stage.DIRECTOR]),
        (datetime.date(2027, 6, 1), []),  # the top of the ladder: nothing more
    ]
    seen = []
    for day, expected in calendar:
        with time_machine.travel(_on(day), tick=False):
            send_overdue_reminders.delay()
        new = [(s, d) for s, d in _stages(unit) if (s, d) not in seen]
        assert [s for s, _d in new] == expected, day
        assert all(d == day for _s, d in new)
        seen += new

    case = ArrearsCase.objects.get(unit=unit)
    assert (case.stage, case.opened_on, case.closed_on) == (
        Stage.DIRECTOR,
        DUE.replace(day=16),
        None,
    )
    deadline = LadderStep.objects.get(stage=Stage.DEADLINE)
    assert deadline.pay_by == datetime.date(2027, 1, 9)  # 10 days to pay
    # The late fee runs from the deadline notice: nothing on its day, from 10 January after
    # its 10 grace days; by the rep's visit on 14 January, 5 days × 0.05% × 223.75 = 0.56.
    assert (deadline.late_fee, deadline.late_fee_from) == (D("0"), datetime.date(2027, 1, 10))
    assert LadderStep.objects.get(stage=Stage.REP_VISIT).late_fee == D("0.56")
    # Each notice carries the next number of its series, per estate and year.
    assert [s.number for s in LadderStep.objects.order_by("reached_on")][:2] == [
        "CJ-CH-2026-000001",
        "XQ-CH-2026-000001",
    ]
    visits = Notification.objects.filter(kind=ladder.VISIT_KIND).order_by("id")
    assert [(n.recipient, n.role) for n in visits] == [
        (rep, ""),
        (supervisor, "supervisor"),
        (manager, "manager"),
    ]


@time_machine.travel(datetime.datetime(2026, 12, 15, 16, 30, tzinfo=datetime.UTC), tick=False)
def test_the_day_is_the_estates_not_the_servers(estate, unit, owing, celery_eager):
    """16:30 UTC on the 15th is already 00:30 on the 16th in Shanghai: the day after due."""
    send_overdue_reminders.delay()

    assert _stages(unit) == [(Stage.REMINDER, datetime.date(2026, 12, 16))]


def test_a_notice_is_emailed_once_and_queued_for_print(estate, unit, owing, payer):
    day = datetime.date(2026, 12, 16)

    reminder_run(estate=estate, today=day)
    reminder_run(estate=estate, today=day)  # twice a day: nothing sent twice

    step = LadderStep.objects.get()
    assert (step.stage, step.principal, step.email_to) == (
        Stage.REMINDER,
        D("223.75"),
        "wangfang@example.com",
    )
    assert step.printed_at is None and step.emailed_at is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["wangfang@example.com"]
    assert "催缴通知书" in message.subject and "Reminder notice" in message.subject
    assert "223.75" in message.body and "3-1502" in message.body


def test_a_payer_without_an_address_gets_no_email(estate, unit, property_fee):
    overdue_line(unit, property_fee, due=DUE, payer=ResidentFactory(estate=estate, email=""))

    reminder_run(estate=estate, today=datetime.date(2026, 12, 16))

    assert LadderStep.objects.get().email_to == ""
    assert mail.outbox == []


def test_an_email_claimed_before_a_crash_is_not_sent_again(estate, unit, owing, monkeypatch):
    def crash(messages):
        raise ConnectionError("the mail server went away")

    monkeypatch.setattr(mail.get_connection().__class__, "send_messages", lambda self, m: crash(m))
    with pytest.raises(ConnectionError):
        reminder_run(estate=estate, today=datetime.date(2026, 12, 16))
    monkeypatch.undo()

    reminder_run(estate=estate, today=datetime.date(2026, 12, 16))

    assert LadderStep.objects.count() == 1  # the step was committed before the mail
    assert mail.outbox == []  # at most once: never twice


def test_an_account_moves_one_stage_a_day_even_when_far_behind(estate, unit, property_fee):
    overdue_line(unit, property_fee, due=datetime.date(2026, 6, 15))

    for day in (16, 16, 17, 18):
        reminder_run(estate=estate, today=datetime.date(2026, 12, day))

    assert [s for s, _d in _stages(unit)] == [Stage.REMINDER, Stage.DEADLINE, Stage.REP_VISIT]


def test_an_account_that_paid_leaves_the_ladder_and_a_new_debt_starts_again(
    estate, unit, owing, cashier
):
    reminder_run(estate=estate, today=datetime.date(2026, 12, 16))
    with time_machine.travel(_on(datetime.date(2026, 12, 20)), tick=False):
        payment_take(unit=unit, amount=D("223.75") + D("0"), method="cash", by=cashier)

    result = reminder_run(estate=estate, today=datetime.date(2026, 12, 31))

    case = ArrearsCase.objects.get()
    assert case.closed_on == datetime.date(2026, 12, 31) and result.closed == 1
    assert LadderStep.objects.count() == 1  # no deadline notice for a paid account

    overdue_line(unit, owing.standard, due=datetime.date(2027, 1, 15))
    reminder_run(estate=estate, today=datetime.date(2027, 1, 16))
    assert ArrearsCase.objects.filter(closed_on__isnull=True).get().stage == Stage.REMINDER
    assert ArrearsCase.objects.count() == 2


def test_a_unit_in_no_area_is_visited_by_the_supervisors(estate, unit, property_fee, supervisor):
    overdue_line(unit, property_fee, due=datetime.date(2026, 10, 15))
    for day in (1, 2, 3):
        reminder_run(estate=estate, today=datetime.date(2026, 12, day))

    step = LadderStep.objects.get(stage=Stage.REP_VISIT)
    assert step.assignee is None
    note = Notification.objects.get(kind=ladder.VISIT_KIND)
    assert (note.recipient, note.url) == (supervisor, f"/billing/ladder/{step.pk}/")


def _run_queries(estate, day):
    with CaptureQueriesContext(connection) as queries:
        reminder_run(estate=estate, today=day)
    return len(queries)


def test_the_run_takes_the_same_queries_for_one_account_as_for_three(
    estate, building, unit, property_fee, area, supervisor, manager
):
    overdue_line(unit, property_fee, due=datetime.date(2026, 9, 15))
    one = [_run_queries(estate, datetime.date(2026, 12, d)) for d in (1, 2, 3)]

    for number in ("1601", "1701"):
        other = UnitFactory(building=building, number=number)
        overdue_line(other, property_fee, due=datetime.date(2026, 9, 15))
    for model in (LadderStep, ArrearsCase, NumberSequence):  # the notices' series anew too
        model.objects.all().delete()
    three = [_run_queries(estate, datetime.date(2026, 12, d)) for d in (1, 2, 3)]

    assert three == one
    assert LadderStep.objects.filter(stage=Stage.REP_VISIT).count() == 3


def test_the_ladders_days_are_the_estates(estate, unit, owing, manager):
    ladder_settings_update(
        estate=estate,
        by=manager,
        reminder_days=3,
        deadline_days=10,
        pay_within_days=7,
        rep_visit_days=20,
        supervisor_visit_days=40,
        director_days=60,
    )

    reminder_run(estate=estate, today=datetime.date(2026, 12, 17))
    assert _stages(unit) == []
    reminder_run(estate=estate, today=datetime.date(2026, 12, 18))
    reminder_run(estate=estate, today=datetime.date(2026, 12, 25))
    assert [s for s, _d in _stages(unit)] == [Stage.REMINDER, Stage.DEADLINE]
    assert LadderStep.objects.get(stage=Stage.DEADLINE).pay_by == datetime.date(2027, 1, 1)


def test_the_stages_must_come_one_after_the_other(estate, manager):
    with pytest.raises(BusinessRuleError):
        ladder_settings_update(
            estate=estate,
            by=manager,
            reminder_days=10,
            deadline_days=5,
            pay_within_days=7,
            rep_visit_days=20,
            supervisor_visit_days=40,
            director_days=60,
        )


def test_the_command_runs_the_day_given(estate, unit, owing):
    call_command("send_overdue_reminders", "--date", "2026-12-16")

    assert _stages(unit) == [(Stage.REMINDER, datetime.date(2026, 12, 16))]


def test_the_beat_runs_the_reminders_daily_at_nine_with_an_expiry():
    entry = settings.CELERY_BEAT_SCHEDULE["billing.send_overdue_reminders"]
    assert entry["task"] == "billing.send_overdue_reminders"
    assert entry["schedule"] == crontab(minute=0, hour=9)
    assert 0 < entry["options"]["expires"] < 24 * 60 * 60
    assert send_overdue_reminders.acks_late and send_overdue_reminders.reject_on_worker_lost
