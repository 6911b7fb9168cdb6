"""The monthly analysis against figures computed by hand on a small month (March 2026)."""

import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from complaints.analysis import daily_summary, monthly_analysis, nearest_rank
from complaints.models import Complaint
from tests.factories import ComplaintFactory, UnitFactory

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")


def at(day, hour, minute=0, month=3):
    return datetime(2026, month, day, hour, minute, tzinfo=SH)


def _complaint(unit, received, *, responded_min=None, resolved_h=None, **fields):
    status = Complaint.Status.RECEIVED
    if responded_min is not None:
        fields["responded_at"] = received + timedelta(minutes=responded_min)
        status = Complaint.Status.RESPONDED
    if resolved_h is not None:
        fields["resolved_at"] = received + timedelta(hours=resolved_h)
        status = Complaint.Status.RESOLVED
    if fields.get("satisfaction"):
        fields["visited_at"] = fields["resolved_at"] + timedelta(hours=1)
        status = Complaint.Status.VISITED
    return ComplaintFactory(
        unit=unit,
        estate=unit.estate if unit else fields.pop("estate"),
        received_at=received,
        occurred_on=received.date(),
        status=status,
        **fields,
    )


@pytest.fixture
def march(unit, building, estate, other_estate):
    other_unit = UnitFactory(building=building, number="0801", floor=8)
    _complaint(
        unit,
        at(1, 9),
        responded_min=10,
        resolved_h=4,
        satisfaction=5,
        validity="valid",
        severity="general",
    )
    _complaint(
        unit,
        at(5, 10),
        responded_min=20,
        resolved_h=24,
        satisfaction=3,
        validity="valid",
        severity="severe",
        category="staff_attitude",
        channel="in_person",
    )
    _complaint(
        other_unit,
        at(10, 8),
        responded_min=45,
        resolved_h=2,
        satisfaction=4,
        validity="invalid",
        invalid_kind="ordinary",
        category="repairs",
        channel="online",
    )
    _complaint(None, at(20, 14), responded_min=5, estate=estate)
    # 23:50 on the last day is still March in the estate's zone (15:50 UTC).
    _complaint(other_unit, at(31, 23, 50), category="parking", channel="patrol")
    # Not March in Shanghai, though 16:10 UTC on 31 March; and the day before March.
    _complaint(unit, at(1, 0, 10, month=4))
    _complaint(unit, at(28, 23, 59, month=2))
    # Another estate's complaint.
    _complaint(UnitFactory(building__estate=other_estate), at(15, 9))


def _counts(rows):
    return {value: n for value, _label, n in rows if n}


def test_monthly_figures_match_the_hand_computed_ones(march, estate):
    a = monthly_analysis(estate, 2026, 3)
    assert a.total == 5
    assert _counts(a.by_category) == {"noise": 2, "staff_attitude": 1, "repairs": 1, "parking": 1}
    assert _counts(a.by_kind) == {"service": 1, "business": 4}
    assert _counts(a.by_channel) == {"phone": 2, "in_person": 1, "online": 1, "patrol": 1}
    assert _counts(a.by_validity) == {"valid": 2, "invalid": 1}
    assert a.unruled == 2
    assert _counts(a.by_severity) == {"general": 1, "severe": 1}
    assert _counts(a.by_invalid_kind) == {"ordinary": 1}
    # Response minutes 5, 10, 20, 45: median 15, p90 by nearest rank = the 4th = 45.
    assert (a.answered, a.response_median, a.response_p90) == (4, 15.0, 45.0)
    # 10, 20 and 5 minutes are in time; 45 is late; one is unanswered: 3 of 5.
    assert (a.answered_in_time, a.in_time_share) == (3, 60.0)
    # Resolution hours 4, 24, 2.
    assert (a.resolved, a.resolution_median_hours, a.resolution_average_hours) == (3, 4.0, 10.0)
    assert (a.visited, a.satisfaction_average) == (3, 4.0)
    assert a.satisfaction_distribution == [(1, 0), (2, 0), (3, 1), (4, 1), (5, 1)]
    assert a.top_units == [("3-0801", 2), ("3-1502", 2)]


def test_nearest_rank_percentile():
    assert nearest_rank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90) == 9
    assert nearest_rank([7], 90) == 7
    assert nearest_rank([], 90) is None


def test_an_empty_month_has_no_figures(estate):
    a = monthly_analysis(estate, 2026, 1)
    assert (a.total, a.response_median, a.in_time_share, a.satisfaction_average) == (
        0,
        None,
        None,
        None,
    )


def test_the_daily_summary_counts_the_estate_day(march, estate):
    day = daily_summary(estate, datetime(2026, 3, 31).date(), now=at(31, 23, 59))
    assert (day.total, _counts(day.by_category)) == (1, {"parking": 1})
    # The 45-minute answer and February's unanswered one; 23:50's is due only at 00:20.
    assert day.open_breached == 2


def test_the_monthly_page_and_the_excel_export(march, estate, client_for, manager):
    client = client_for(manager)
    page = client.get(reverse("complaints:monthly"), {"estate": estate.pk, "month": "2026-03"})
    assert page.context["analysis"].total == 5
    assert 'id="m-in-time">60.0%' in page.content.decode()

    response = client.get(
        reverse("complaints:monthly_export"), {"estate": estate.pk, "month": "2026-03"}
    )
    assert response["Content-Disposition"].endswith('complaints-CH-2026-03.xlsx"')
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    summary = {row[0]: row[1] for row in book.worksheets[0].iter_rows(values_only=True)}
    assert summary["Complaints received"] == 5
    assert summary["Share answered in time (%)"] == 60.0
    assert summary["90th percentile minutes to first response"] == 45.0
    detail = list(book["Complaints"].iter_rows(values_only=True))
    assert len(detail) == 6  # header + 5
    assert detail[-1][1] == "2026-03-31 23:50"


def test_a_bad_month_is_a_form_error(client_for, manager, estate):
    page = client_for(manager).get(
        reverse("complaints:monthly"), {"estate": estate.pk, "month": "2026-13"}
    )
    assert page.context["analysis"] is None
    assert page.context["form"].errors["month"]
