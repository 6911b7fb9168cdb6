"""The ladder's pages: the front desk's print batch, the notice on paper, a visit's outcome
recorded on the account."""

import datetime

import pytest
from django.urls import reverse

from billing.ladder import reminder_run
from billing.models import LadderStep, Reason, Stage
from tests.billing.ladder_fixtures import overdue_line
from tests.printing import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def notices(estate, unit, property_fee, resident):
    overdue_line(unit, property_fee, due=datetime.date(2026, 11, 15), payer=resident)
    reminder_run(estate=estate, today=datetime.date(2026, 11, 16))
    reminder_run(estate=estate, today=datetime.date(2026, 11, 30))
    return list(LadderStep.objects.order_by("reached_on"))


def test_the_front_desk_prints_the_batch_and_marks_it_printed(notices, front_desk, client_for):
    client = client_for(front_desk)

    batch = client.get(reverse("billing:reminder_batch"))
    assert [s.stage for s in batch.context["waiting"]] == [Stage.REMINDER, Stage.DEADLINE]

    paper = client.get(reverse("billing:reminder_print"))
    printed = text(paper)
    assert "Reminder notice" in printed and "Deadline notice" in printed
    assert printed.count("3-1502") >= 2
    deadline = client.get(reverse("billing:reminder_print") + f"?step={notices[1].pk}")
    grid = {c.label: c.value for r in deadline.context["notices"][0]["rows"] for c in r.cells}
    assert grid["Overdue amount"] == "200.00"
    assert grid["Pay by"].startswith("2026-12-10")

    done = client.post(reverse("billing:reminder_mark_printed"), {"step": [s.pk for s in notices]})
    assert done.status_code == 302
    assert client.get(reverse("billing:reminder_batch")).context["waiting"] == []
    assert set(LadderStep.objects.values_list("printed_by", flat=True)) == {front_desk.pk}


def test_the_print_batch_reads_the_same_queries_for_one_notice_as_for_three(
    estate, building, property_fee, front_desk, client_for
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import UnitFactory

    client = client_for(front_desk)
    counts = []
    for numbers in (["101"], ["102", "103"]):
        for number in numbers:
            overdue_line(
                UnitFactory(building=building, number=number),
                property_fee,
                due=datetime.date(2026, 11, 15),
            )
        reminder_run(estate=estate, today=datetime.date(2026, 11, 16))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("billing:reminder_batch")).status_code == 200
            assert client.get(reverse("billing:reminder_print")).status_code == 200
        counts.append(len(queries))
    assert LadderStep.objects.count() == 3
    assert counts[0] == counts[1]


def test_the_rep_records_what_the_visit_heard_on_the_account(
    estate, unit, property_fee, rep, client_for
):
    overdue_line(unit, property_fee, due=datetime.date(2026, 9, 15))
    for day in (1, 2, 3):
        reminder_run(estate=estate, today=datetime.date(2026, 12, day))
    visit = LadderStep.objects.get(stage=Stage.REP_VISIT)
    client = client_for(rep)

    response = client.post(
        reverse("billing:ladder_step", args=[visit.pk]),
        {"reason": Reason.HARDSHIP, "expected_on": "2026-12-20", "note": "下月发工资后缴"},
    )

    assert response.status_code == 302
    visit.refresh_from_db()
    assert (visit.reason, visit.expected_on, visit.note, visit.outcome_by) == (
        Reason.HARDSHIP,
        datetime.date(2026, 12, 20),
        "下月发工资后缴",
        rep,
    )
    page = text(client.get(reverse("billing:ladder_step", args=[visit.pk])))
    assert "Cannot pay at the moment" in page and "2026-12-20" in page


def test_an_expected_date_before_the_visit_is_refused(estate, unit, property_fee, rep, client_for):
    overdue_line(unit, property_fee, due=datetime.date(2026, 9, 15))
    for day in (1, 2, 3):
        reminder_run(estate=estate, today=datetime.date(2026, 12, day))
    visit = LadderStep.objects.get(stage=Stage.REP_VISIT)

    response = client_for(rep).post(
        reverse("billing:ladder_step", args=[visit.pk]),
        {"reason": Reason.OTHER, "expected_on": "2026-11-01"},
    )

    assert response.status_code == 200
    assert "cannot be before" in text(response)
    visit.refresh_from_db()
    assert visit.reason == ""
