from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints import services
from complaints.models import Complaint, ComplaintSettings
from complaints.selectors import breached_q

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_first_response_is_due_30_minutes_after_receipt(receive):
    at = datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI)
    complaint = receive(received_at=at)
    assert complaint.first_response_due == at + timedelta(minutes=30)


def test_the_estate_can_set_another_limit(receive, estate):
    ComplaintSettings.objects.create(estate=estate, first_response_minutes=15)
    at = datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI)
    assert receive(received_at=at).first_response_due == at + timedelta(minutes=15)


def test_received_at_23_50_is_due_at_00_20_the_next_day(receive, client_for, supervisor):
    at = datetime(2026, 3, 2, 23, 50, tzinfo=SHANGHAI)
    complaint = receive(received_at=at)
    assert complaint.first_response_due == datetime(2026, 3, 3, 0, 20, tzinfo=SHANGHAI)
    # The number's year is the day of receipt.
    assert complaint.number.startswith("TS-2026-")

    page = client_for(supervisor).get(reverse("complaints:detail", args=[complaint.pk]))
    html = page.content.decode()
    assert "2026-03-03 00:20" in html  # the due time, on the next day
    assert "2026-03-02 23:50" in html  # the receipt
    assert f'data-due="{complaint.first_response_due.isoformat()}"' in html


def test_times_are_shown_in_the_estate_zone_not_the_server_zone(
    receive, estate, client_for, supervisor, settings
):
    estate.time_zone = "Asia/Urumqi"  # two hours behind Shanghai
    estate.save(update_fields=["time_zone"])
    complaint = receive(received_at=datetime(2026, 3, 2, 23, 50, tzinfo=SHANGHAI))
    html = client_for(supervisor).get(reverse("complaints:detail", args=[complaint.pk])).content
    assert "2026-03-02 22:20" in html.decode()  # due 00:20 Shanghai = 22:20 Urumqi


def test_the_new_year_starts_a_new_sequence(receive):
    last_of_year = receive(received_at=datetime(2025, 12, 31, 23, 50, tzinfo=SHANGHAI))
    first_of_year = receive(received_at=datetime(2026, 1, 1, 0, 5, tzinfo=SHANGHAI))
    assert (last_of_year.number, first_of_year.number) == ("TS-2025-000001", "TS-2026-000001")


def test_breached_when_unanswered_past_due_or_answered_late(receive, rep):
    at = timezone.now() - timedelta(minutes=45)
    late = receive(received_at=at)
    pending = receive(received_at=timezone.now() - timedelta(minutes=10))
    answered_late = receive(received_at=at)
    services.complaint_respond(complaint=answered_late, plan="上门", by=rep)
    answered_in_time = receive(received_at=at)
    services.complaint_respond(
        complaint=answered_in_time, plan="上门", by=rep, at=at + timedelta(minutes=29)
    )
    now = timezone.now()
    assert [c.is_breached(now) for c in (late, pending, answered_late, answered_in_time)] == [
        True,
        False,
        True,
        False,
    ]
    # The database's answer (the lists' filter, on the stored `answered_late`) is the same.
    in_db = Complaint.objects.filter(breached_q(now)).values_list("pk", flat=True)
    assert set(in_db) == {late.pk, answered_late.pk}


def test_the_list_marks_breached_rows_and_filters_them(receive, client_for, supervisor):
    late = receive(received_at=timezone.now() - timedelta(minutes=31))
    fresh = receive(received_at=timezone.now() - timedelta(minutes=1))
    client = client_for(supervisor)
    page = client.get(reverse("complaints:list")).content.decode()
    assert page.count('class="badge text-bg-danger breached"') == 1
    breached = client.get(reverse("complaints:list"), {"breached": "true"})
    assert [c.pk for c in breached.context["object_list"]] == [late.pk]
    not_breached = client.get(reverse("complaints:list"), {"breached": "false"})
    assert [c.pk for c in not_breached.context["object_list"]] == [fresh.pk]
    either = client.get(reverse("complaints:list"), {"breached": ""})
    assert {c.pk for c in either.context["object_list"]} == {late.pk, fresh.pk}
    # Empty is "any", like every other filter: no "Unknown" that reads as a value.
    assert [
        value for value, _label in either.context["filter"].form.fields["breached"].widget.choices
    ] == ["", "true", "false"]


def test_the_countdown_script_is_loaded_without_inline_script(complaint, client_for, rep):
    html = client_for(rep).get(reverse("complaints:list")).content.decode()
    assert "complaints/js/countdown.js" in html
    assert "<script>" not in html
    assert Complaint.objects.count() == 1


def test_received_at_00_10_on_new_year_s_day_is_the_new_year_and_january(receive, estate):
    """16:10 UTC on 31 December is 00:10 on 1 January in Shanghai: the estate's new year."""
    from complaints.analysis import monthly_analysis

    at = datetime(2026, 12, 31, 16, 10, tzinfo=ZoneInfo("UTC"))
    complaint = receive(received_at=at, occurred_on=date(2027, 1, 1))
    assert complaint.number == "TS-2027-000001"
    january = monthly_analysis(estate, 2027, 1)
    december = monthly_analysis(estate, 2026, 12)
    assert ([r["number"] for r in january.rows], december.rows) == (["TS-2027-000001"], [])


def test_an_estate_in_another_zone_numbers_by_its_own_year(receive, estate):
    """The same instant is still 31 December in Urumqi (UTC+6)."""
    from complaints.analysis import monthly_analysis

    estate.time_zone = "Asia/Urumqi"
    estate.save(update_fields=["time_zone"])
    at = datetime(2026, 12, 31, 16, 10, tzinfo=ZoneInfo("UTC"))
    complaint = receive(received_at=at, occurred_on=date(2026, 12, 31))
    assert complaint.number == "TS-2026-000001"
    assert [r["number"] for r in monthly_analysis(estate, 2026, 12).rows] == ["TS-2026-000001"]
