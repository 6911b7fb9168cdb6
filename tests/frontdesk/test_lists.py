"""The lists: filters, pagination, the Excel export, and a constant number of queries."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from frontdesk import services
from frontdesk.models import LogEntry
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def _same_queries(client, url, add, key="object_list", django_assert_num_queries=None):
    client.get(url)  # warm the session and permission caches
    add()
    with CaptureQueriesContext(connection) as one:
        response = client.get(url)
    first = len(response.context[key])
    add()
    add()
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert len(response.context[key]) == first + 2


@pytest.fixture
def make_entry(log_call, estate, unit, occupancy, front_desk):
    counter = iter(range(100))

    def make():
        n = next(counter)
        other = UnitFactory(building=unit.building, number=f"{n + 2}01", floor=n + 2)
        entry = log_call(
            unit=other,
            caller_name=f"访客{n}",
            caller_phone="13700004321",
            outcome=LogEntry.Outcome.PASSED_ON,
            department="cleaning",
            at=timezone.now() - timedelta(hours=3),
            resolve_by=timezone.now() - timedelta(hours=1),
        )
        services.log_entry_to_complaint(entry=entry, category="cleaning", by=front_desk)
        return entry

    return make


@pytest.mark.parametrize("url_name", ["frontdesk:log_list", "frontdesk:log"])
def test_the_log_reads_a_constant_number_of_queries(
    client_for, front_desk, make_entry, django_assert_num_queries, url_name
):
    _same_queries(
        client_for(front_desk),
        reverse(url_name),
        make_entry,
        django_assert_num_queries=django_assert_num_queries,
    )


def test_the_other_lists_read_a_constant_number_of_queries(
    client_for, front_desk, estate, building, unit, occupancy, technician, django_assert_num_queries
):
    client = client_for(front_desk)
    now = timezone.now()

    def incident():
        services.incident_announce(
            estate=estate,
            kind="lift",
            title="电梯维保",
            buildings=[building],
            starts_at=now,
            ends_at=now + timedelta(hours=2),
            script="走楼梯",
            by=front_desk,
        )

    def release():
        services.release_pass_issue(
            unit=unit,
            resident=occupancy.resident,
            items="柜子",
            carrier="本人",
            valid_on=timezone.localdate(),
            by=front_desk,
        )

    def message():
        services.message_leave(
            estate=estate, recipient=technician, from_name="王", text="回电", by=front_desk
        )

    for url_name, add in [
        ("frontdesk:incident_list", incident),
        ("frontdesk:pass_list", release),
        ("frontdesk:message_list", message),
    ]:
        _same_queries(
            client, reverse(url_name), add, django_assert_num_queries=django_assert_num_queries
        )


def test_the_handover_form_reads_a_constant_number_of_queries(
    client_for, front_desk, passed_on, django_assert_num_queries
):
    client = client_for(front_desk)
    url = reverse("frontdesk:handover_new")
    client.get(url)
    passed_on(hours=3)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    passed_on(hours=3)
    passed_on(hours=-0.1)
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(url)


def test_the_unit_page_reads_a_constant_number_of_queries(
    client_for, front_desk, unit, log_call, django_assert_num_queries
):
    client = client_for(front_desk)
    url = reverse("tenants:unit_detail", args=[unit.pk])
    log_call(unit=unit)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    log_call(unit=unit)
    log_call(unit=unit)
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url)
    [entries] = [
        data["entries"]
        for section, data in response.context["sections"]
        if section.key == "frontdesk"
    ]
    assert len(entries) == 3


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("purpose=repair", {"repair"}),
        ("kind=visit", {"visit"}),
        ("unit=3-1502", {"repair"}),
    ],
)
def test_the_filters_select(client_for, front_desk, log_call, unit, occupancy, query, expected):
    log_call(purpose="repair", unit=unit, resident=occupancy.resident, caller_name="")
    log_call(purpose="payment", kind="visit")
    log_call(purpose="inquiry")
    response = client_for(front_desk).get(reverse("frontdesk:log_list") + "?" + query)
    rows = response.context["object_list"]
    field = "kind" if query.startswith("kind") else "purpose"
    assert {getattr(e, field) for e in rows} == expected


def test_the_staff_and_date_filters(client_for, front_desk, log_call, rep, estate):
    from desk import roles
    from tests.factories import UserFactory

    other = UserFactory(roles=[roles.FRONT_DESK], estates=[estate])
    mine = log_call()
    log_call(by=other)
    old = log_call(at=timezone.now() - timedelta(days=3))
    url = reverse("frontdesk:log_list")
    client = client_for(front_desk)
    assert list(client.get(url, {"logged_by": front_desk.pk}).context["object_list"]) == [mine, old]
    today = timezone.localdate().isoformat()
    by_day = client.get(url, {"day_min": today, "day_max": today}).context["object_list"]
    assert old not in by_day and mine in by_day


def test_the_export_has_every_filtered_row(client_for, manager, front_desk, log_call):
    log_call(caller_phone="13700004321", summary="第一条")
    log_call(caller_phone="13700004321", summary="第二条", purpose="payment")
    response = client_for(manager).get(reverse("frontdesk:log_export") + "?purpose=inquiry")
    sheet = load_workbook(
        BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    ).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][5] == "13700004321" and rows[1][7] == "第一条"
