"""Every list exports what its filters select, masked as its reader may see it."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import BuildingFactory, ComplaintFactory, UnitFactory, WorkOrderFactory

pytestmark = pytest.mark.django_db


def _sheet(response):
    assert response.status_code == 200
    book = load_workbook(BytesIO(b"".join(response.streaming_content)))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.fixture
def complaints(unit, other_estate):
    noise = ComplaintFactory(unit=unit, category="noise", number="TS-2026-000001")
    fees = ComplaintFactory(unit=unit, category="fees", number="TS-2026-000002")
    elsewhere = UnitFactory(building=BuildingFactory(estate=other_estate, number="1"))
    ComplaintFactory(unit=elsewhere, category="noise", number="TS-2026-000003")
    return noise, fees


def test_the_complaint_export_follows_the_filters_and_masks_for_front_desk(
    complaints, client_for, front_desk
):
    response = client_for(front_desk).get(reverse("complaints:export"), {"category": "noise"})
    assert response["Content-Disposition"].startswith('attachment; filename="complaints-')
    rows = _sheet(response)
    # Only the noise complaint of the desk's own estate, not the other estate's.
    assert [(r["Number"], r["Unit"], r["Phone"]) for r in rows] == [
        ("TS-2026-000001", "3-1502", "138****5678")
    ]


def test_a_manager_exports_the_phone_unmasked(complaints, client_for, manager):
    rows = _sheet(client_for(manager).get(reverse("complaints:export")))
    assert sorted(r["Number"] for r in rows) == ["TS-2026-000001", "TS-2026-000002"]
    assert {r["Phone"] for r in rows} == {"13812345678"}


def test_my_complaints_export_only_mine(complaints, client_for, rep):
    noise, _fees = complaints
    noise.assignee = rep
    noise.save()
    rows = _sheet(client_for(rep).get(reverse("complaints:mine_export")))
    assert [r["Number"] for r in rows] == ["TS-2026-000001"]


def test_the_list_links_its_export_with_the_filters(complaints, client_for, front_desk):
    html = client_for(front_desk).get(reverse("complaints:list"), {"category": "noise"})
    assert f'href="{reverse("complaints:export")}?category=noise"' in html.content.decode()


def test_the_work_order_export_follows_the_filters_and_masks(unit, client_for, front_desk):
    WorkOrderFactory(unit=unit, trade="plumbing", requested_by_name="张伟")
    WorkOrderFactory(unit=unit, trade="electrical")
    rows = _sheet(client_for(front_desk).get(reverse("workorders:export"), {"trade": "plumbing"}))
    assert [(r["Unit"], r["Trade"], r["Requested by"], r["Phone"]) for r in rows] == [
        ("3-1502", "Plumbing", "张伟", "138****5678")
    ]


def test_the_daily_closing_exports_the_open_orders(unit, client_for, rep):
    open_order = WorkOrderFactory(unit=unit)
    WorkOrderFactory(unit=unit, status="cancelled", cancel_reason="重复报修")
    rows = _sheet(client_for(rep).get(reverse("workorders:daily_closing_export")))
    assert [r["Number"] for r in rows] == [open_order.number]


def test_an_invalid_filter_exports_the_rows_the_list_shows(complaints, client_for, manager):
    client = client_for(manager)
    data = {"received_min": "x", "category": "noise"}
    listed = client.get(reverse("complaints:list"), data)
    assert listed.context["filter"].errors  # the bad date is shown next to its field
    rows = _sheet(client.get(reverse("complaints:export"), data))
    assert [r["Number"] for r in rows] == [c.number for c in listed.context["object_list"]]
    assert [r["Number"] for r in rows] == ["TS-2026-000001"]


@pytest.mark.parametrize(
    ("name", "factory"),
    [
        ("complaints:export", ComplaintFactory),
        ("workorders:export", WorkOrderFactory),
        ("workorders:daily_closing_export", WorkOrderFactory),
    ],
)
def test_an_export_runs_the_same_queries_for_one_row_or_three(
    name, factory, unit, client_for, manager, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(manager)
    factory(unit=unit)
    with CaptureQueriesContext(connection) as one:
        assert len(_sheet(client.get(reverse(name)))) == 1
    factory(unit=unit)
    factory(unit=unit)
    with django_assert_max_num_queries(len(one)):
        assert len(_sheet(client.get(reverse(name)))) == 3
