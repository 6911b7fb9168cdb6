"""The tenant list export: the same masking as the pages."""

import io

from django.urls import reverse
from openpyxl import load_workbook


def _sheet_rows(response):
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]


def _tenant_row(client, unit_label):
    rows = _sheet_rows(client.get(reverse("tenants:tenant_list_export")))
    header = rows[0]
    (row,) = [r for r in rows[1:] if r[header.index("Unit")] == unit_label]
    return dict(zip(header, row, strict=True))


def _contact_details(resident):
    resident.phone_other = "02187654321"
    resident.email = "zhang.wei@example.com"
    resident.emergency_contact_phone = "13987654321"
    resident.save()


def test_front_desk_export_masks_phones(client_for, front_desk, occupancy):
    _contact_details(occupancy.resident)

    row = _tenant_row(client_for(front_desk), "3-1502")

    assert {k: row[k] for k in ("Name", "Mobile", "Other phone", "Email")} == {
        "Name": "张伟",
        "Mobile": "138****5678",
        "Other phone": "021****4321",
        "Email": None,
    }
    assert row["Emergency contact phone"] == "139****4321"


def test_manager_export_shows_phones(client_for, manager, occupancy):
    _contact_details(occupancy.resident)

    row = _tenant_row(client_for(manager), "3-1502")

    assert {k: row[k] for k in ("Name", "Mobile", "Other phone", "Email")} == {
        "Name": "张伟",
        "Mobile": "13812345678",
        "Other phone": "02187654321",
        "Email": "zhang.wei@example.com",
    }
    assert row["Emergency contact phone"] == "13987654321"


def test_export_lists_a_unit_without_residents_once(client_for, manager, unit):
    row = _tenant_row(client_for(manager), "3-1502")

    assert (row["Status"], row["Name"], row["Mobile"]) == ("Vacant", None, None)


def _rows_as_dicts(response):
    assert response.status_code == 200
    rows = _sheet_rows(response)
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_the_resident_export_masks_like_the_list(client_for, front_desk, manager, occupancy):
    _contact_details(occupancy.resident)
    url = reverse("tenants:resident_export")

    (masked,) = _rows_as_dicts(client_for(front_desk).get(url, {"q": "张伟"}))
    assert (masked["Name"], masked["Units"], masked["Mobile"]) == ("张伟", "3-1502", "138****5678")
    assert (masked["Email"], masked["Emergency contact phone"]) == (None, "139****4321")

    (full,) = _rows_as_dicts(client_for(manager).get(url, {"q": "张伟"}))
    assert (full["Mobile"], full["Email"]) == ("13812345678", "zhang.wei@example.com")


def test_the_resident_list_offers_the_export_only_to_exporters(client_for, technician, manager, db):
    url = reverse("tenants:resident_list")
    export = reverse("tenants:resident_export")
    assert export not in client_for(technician).get(url).content.decode()
    assert export in client_for(manager).get(url).content.decode()
    assert client_for(technician).get(export).status_code == 403


def test_the_reveal_log_exports_who_revealed_what_and_why(client_for, manager, resident):
    from tenants.services import contact_reveal

    contact_reveal(resident=resident, field="mobile", reason="业主报修联系不上", by=manager)
    (row,) = _rows_as_dicts(client_for(manager).get(reverse("tenants:reveal_log_export")))
    assert (row["Revealed by"], row["Resident"], row["Reason"]) == (
        manager.display_name,
        "张伟",
        "业主报修联系不上",
    )
    assert "13812345678" not in row.values()


def test_the_resident_export_runs_the_same_queries_for_one_resident_or_three(
    client_for, manager, unit, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import OccupancyFactory

    client = client_for(manager)
    url = reverse("tenants:resident_export")
    OccupancyFactory(unit=unit)
    with CaptureQueriesContext(connection) as one:
        assert len(_rows_as_dicts(client.get(url))) == 1
    OccupancyFactory(unit=unit)
    OccupancyFactory(unit=unit)
    with django_assert_max_num_queries(len(one)):
        assert len(_rows_as_dicts(client.get(url))) == 3
