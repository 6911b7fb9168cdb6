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
