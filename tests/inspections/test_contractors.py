"""The contractor's monthly score sheet: weighted criteria, once a month, notices."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from desk.clock import estate_today
from desk.errors import BusinessRuleError, IllegalTransition
from inspections import contractors
from inspections.models import Evaluation, RectificationNotice, RoundType

pytestmark = pytest.mark.django_db


@pytest.fixture
def contractor(estate):
    return contractors.contractor_add(estate=estate, name="洁美保洁", service=RoundType.CLEANING)


def test_the_total_is_the_weighted_score(contractor, housekeeping):
    evaluation = contractors.evaluation_record(
        contractor=contractor,
        year=2026,
        month=11,
        scores=[("地面清洁", 60, 90), ("垃圾清运", 40, 75)],
        by=housekeeping,
    )
    assert evaluation.total == Decimal("84.0")
    assert [s.criterion for s in evaluation.scores.all()] == ["地面清洁", "垃圾清运"]


def test_the_weights_add_up_to_100_and_a_month_is_scored_once(contractor, housekeeping):
    with pytest.raises(BusinessRuleError, match="add up to 100"):
        contractors.evaluation_record(
            contractor=contractor, year=2026, month=11, scores=[("a", 50, 90)], by=housekeeping
        )
    contractors.evaluation_record(
        contractor=contractor, year=2026, month=11, scores=[("a", 100, 90)], by=housekeeping
    )
    with pytest.raises(BusinessRuleError, match="already scored"):
        contractors.evaluation_record(
            contractor=contractor, year=2026, month=11, scores=[("a", 100, 80)], by=housekeeping
        )
    assert Evaluation.objects.count() == 1


def test_the_next_sheet_starts_with_the_last_criteria(contractor, housekeeping):
    assert len(contractors.criteria_for(contractor)) == 5
    contractors.evaluation_record(
        contractor=contractor, year=2026, month=10, scores=[("绿化", 100, 88)], by=housekeeping
    )
    assert contractors.criteria_for(contractor) == [("绿化", 100)]


def test_a_notice_is_closed_once(contractor, housekeeping, estate):
    notice = contractors.notice_issue(
        contractor=contractor,
        problem="车库油污",
        deadline=estate_today(estate) + datetime.timedelta(days=2),
        by=housekeeping,
    )
    with pytest.raises(BusinessRuleError):
        contractors.notice_issue(
            contractor=contractor,
            problem="x",
            deadline=estate_today(estate) - datetime.timedelta(days=1),
            by=housekeeping,
        )
    contractors.notice_close(notice=notice, by=housekeeping)
    with pytest.raises(IllegalTransition):
        contractors.notice_close(notice=notice, by=housekeeping)


def test_the_housekeeping_supervisor_scores_a_month_on_the_page(
    client_for, housekeeping, contractor
):
    client = client_for(housekeeping)
    page = client.get(reverse("inspections:evaluation_new", args=[contractor.pk]))
    assert "Public areas clean" in page.content.decode()
    data = {"month": "2026-11", "notes": "整体良好"}
    for i, (name, weight, score) in enumerate([("地面", 70, 90), ("垃圾", 30, 80)]):
        data.update({f"criterion-{i}": name, f"weight-{i}": weight, f"score-{i}": score})
    for i in range(2, 8):
        data.update({f"criterion-{i}": "", f"weight-{i}": "", f"score-{i}": ""})
    response = client.post(reverse("inspections:evaluation_new", args=[contractor.pk]), data)
    assert response.status_code == 302
    evaluation = Evaluation.objects.get()
    assert (evaluation.year, evaluation.month, evaluation.total) == (2026, 11, Decimal("87.0"))
    html = client.get(reverse("inspections:contractor", args=[contractor.pk])).content.decode()
    assert "87.0" in html


def test_the_history_export(client_for, housekeeping, contractor):
    import io

    from openpyxl import load_workbook

    contractors.evaluation_record(
        contractor=contractor, year=2026, month=9, scores=[("a", 100, 91)], by=housekeeping
    )
    response = client_for(housekeeping).get(reverse("inspections:contractor_export"))
    rows = list(
        load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.iter_rows(
            values_only=True
        )
    )
    assert rows[1][:7] == (contractor.estate.name_en, "洁美保洁", "2026-09", "a", 100, 91, 91)


def test_a_notice_from_the_page(client_for, housekeeping, contractor, estate):
    deadline = estate_today(estate) + datetime.timedelta(days=5)
    client_for(housekeeping).post(
        reverse("inspections:notice_new", args=[contractor.pk]),
        {"problem": "楼道未清扫", "deadline": deadline.isoformat()},
    )
    assert RectificationNotice.objects.get().deadline == deadline
