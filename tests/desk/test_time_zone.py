"""Times are shown, and typed dates read, in the zone of the staff member's estates."""

import re
from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from desk.middleware import EstateTimeZoneMiddleware
from tests.factories import ComplaintFactory, EstateFactory, WorkOrderFactory

# Asia/Urumqi is UTC+6, the settings' Asia/Shanghai UTC+8: 17:30 UTC on 10 March is
# 23:30 that day in Urumqi but 01:30 the next day in Shanghai.
LATE_ON_THE_10TH = datetime(2026, 3, 10, 17, 30, tzinfo=UTC)
LATE_ON_THE_9TH = datetime(2026, 3, 9, 16, 30, tzinfo=UTC)  # Shanghai: 00:30 on the 10th


@pytest.fixture
def urumqi(estate):
    estate.time_zone = "Asia/Urumqi"
    estate.save(update_fields=["time_zone"])
    return estate


def _numbers(html, prefix):
    return re.findall(rf">({prefix}-\d{{4}}-\d{{6}})<", html)


def test_the_default_zone_is_not_urumqi(settings):
    assert settings.TIME_ZONE == "Asia/Shanghai"


def test_a_work_order_s_created_time_is_shown_in_the_estate_s_zone(urumqi, unit, rep, client_for):
    order = WorkOrderFactory(unit=unit, created_at=LATE_ON_THE_10TH)

    html = client_for(rep).get(reverse("workorders:detail", args=[order.pk])).content.decode()

    assert "2026-03-10 23:30" in html
    assert "2026-03-11 01:30" not in html


def test_a_user_of_an_estate_in_the_default_zone_sees_the_default_zone(
    estate, unit, rep, client_for
):
    order = WorkOrderFactory(unit=unit, created_at=LATE_ON_THE_10TH)

    html = client_for(rep).get(reverse("workorders:detail", args=[order.pk])).content.decode()

    assert "2026-03-11 01:30" in html


def test_the_work_order_list_s_date_range_uses_the_estate_s_day(urumqi, unit, rep, client_for):
    late_on_the_10th = WorkOrderFactory(unit=unit, created_at=LATE_ON_THE_10TH)
    WorkOrderFactory(unit=unit, created_at=LATE_ON_THE_9TH)

    response = client_for(rep).get(
        reverse("workorders:list"),
        {"created_after": "2026-03-10", "created_before": "2026-03-10"},
    )

    assert _numbers(response.content.decode(), "WO") == [late_on_the_10th.number]


def test_the_complaint_list_s_date_range_uses_the_estate_s_day(urumqi, unit, rep, client_for):
    late_on_the_10th = ComplaintFactory(unit=unit, received_at=LATE_ON_THE_10TH)
    ComplaintFactory(unit=unit, received_at=LATE_ON_THE_9TH)

    response = client_for(rep).get(
        reverse("complaints:list"),
        {"received_min": "2026-03-10", "received_max": "2026-03-10"},
    )

    assert _numbers(response.content.decode(), "TS") == [late_on_the_10th.number]


def test_staff_of_estates_in_two_zones_get_the_default_zone(urumqi, unit, rep, client_for):
    EstateFactory(time_zone="Asia/Tokyo").staff.add(rep)
    order = WorkOrderFactory(unit=unit, created_at=LATE_ON_THE_10TH)

    html = client_for(rep).get(reverse("workorders:detail", args=[order.pk])).content.decode()

    assert "2026-03-11 01:30" in html


def _zone_seen_by_the_view(user):
    seen = []

    def view(request):
        seen.append(timezone.get_current_timezone_name())
        return None

    request = RequestFactory().get("/")
    request.user = user
    EstateTimeZoneMiddleware(view)(request)
    return seen[0]


def test_anonymous_pages_use_the_default_zone(urumqi, rep):
    assert _zone_seen_by_the_view(rep) == "Asia/Urumqi"
    timezone.activate("Asia/Urumqi")  # as if a previous request had left it behind

    assert _zone_seen_by_the_view(AnonymousUser()) == "Asia/Shanghai"


def test_the_zone_does_not_outlive_the_request(urumqi, rep):
    _zone_seen_by_the_view(rep)

    assert timezone.get_current_timezone_name() == "Asia/Shanghai"


def test_the_zone_comes_with_the_estate_ids_in_one_query(urumqi, rep, client_for):
    client = client_for(rep)

    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("workorders:list")).content.decode()

    estate_reads = [q["sql"] for q in queries if '"desk_estate_staff"' in q["sql"]]
    assert len(estate_reads) == 1
    assert "No work order matches." in html
