"""Meter readings from Excel: the shared upload checks, a preview with the readings' rules
(below the previous refused unless replaced, far above the average flagged), then all rows
saved or none, once per preview."""

import io
import zipfile
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from billing.models import MeterReading
from billing.reading_import import read_readings
from tests.factories import MeterReadingFactory, UnitFactory

pytestmark = pytest.mark.django_db


def _xlsx(rows, header=("房号", "读数", "换表", "起始读数")):
    book = Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _upload(content, name="readings.xlsx"):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.fixture
def units(building, unit):
    """3-1502 read 112 in March (usage 12 a month before); 3-1601 never read."""
    for month, (start, reading) in enumerate([(76, 88), (88, 100), (100, 112)], start=1):
        MeterReadingFactory(
            unit=unit, kind="water", year=2026, month=month, start=start, reading=reading
        )
    return unit, UnitFactory(building=building, number="1601", floor=16)


def test_the_preview_applies_the_reading_rules_and_names_the_rows(estate, units, cashier):
    unit, other = units
    content = _xlsx([("3-1502", 111, "", ""), ("3号楼1601室", "20", "", ""), ("9-9999", 1, "", "")])
    read = read_readings(
        io.BytesIO(content), estate=estate, kind="water", year=2026, month=4, by=cashier
    )
    assert [(e.row, e.message) for e in read.errors] == [
        (2, read.errors[0].message),
        (4, "No such unit in this estate."),
    ]
    assert read.errors[0].message.startswith("111 is below the previous reading 112.00.")
    assert MeterReading.objects.filter(month=4).count() == 0


def test_a_replaced_meter_and_a_flag_show_in_the_preview(estate, units, cashier):
    content = _xlsx([("3-1502", 7, "是", 0), ("3-1601", "20.5", "", "")])
    read = read_readings(
        io.BytesIO(content), estate=estate, kind="water", year=2026, month=4, by=cashier
    )
    assert read.errors == []
    assert [(r.unit.label, r.start, r.usage, r.flagged) for r in read.rows] == [
        ("3-1502", D("0"), D("7"), False),
        ("3-1601", D("20.5"), D("0.0"), False),
    ]
    high = _xlsx([("3-1502", 200, "", "")])  # 88 against an average of 12: flagged
    [row] = read_readings(
        io.BytesIO(high), estate=estate, kind="water", year=2026, month=4, by=cashier
    ).rows
    assert (row.usage, row.flagged) == (D("88"), True)


def test_upload_preview_save_once(estate, units, cashier, client_for):
    client = client_for(cashier)
    url = reverse("billing:reading_import")
    assert client.get(url).status_code == 200
    content = _xlsx([("3-1502", "125", "", ""), ("3-1601", "40", "", "")])
    preview = client.post(url, {"kind": "water", "period": "2026-04", "file": _upload(content)})
    assert preview.status_code == 200
    token = preview.context["token"]
    assert token and "125" in preview.content.decode()
    assert MeterReading.objects.filter(month=4).count() == 0

    saved = client.post(reverse("billing:reading_import_commit"), {"token": token})
    assert saved.status_code == 302
    april = {r.unit.label: (r.start, r.reading) for r in MeterReading.objects.filter(month=4)}
    assert april == {"3-1502": (D("112.00"), D("125.00")), "3-1601": (D("40.00"), D("40.00"))}
    # the same preview cannot be saved twice
    client.post(reverse("billing:reading_import_commit"), {"token": token})
    assert MeterReading.objects.filter(month=4).count() == 2


def test_the_shared_upload_checks_refuse_what_is_not_a_workbook(estate, units, cashier, client_for):
    client = client_for(cashier)
    url = reverse("billing:reading_import")
    not_xlsx = client.post(
        url, {"kind": "water", "period": "2026-04", "file": _upload(b"hello", "r.csv")}
    )
    assert not_xlsx.context["form"].errors["file"]
    fake = io.BytesIO()
    with zipfile.ZipFile(fake, "w") as archive:
        archive.writestr("a.txt", "x")
    refused = client.post(
        url, {"kind": "water", "period": "2026-04", "file": _upload(fake.getvalue())}
    )
    assert refused.context["form"].errors["file"]
    unknown = client.post(
        url,
        {
            "kind": "water",
            "period": "2026-04",
            "file": _upload(_xlsx([("3-1502", 1)], header=("房号", "电话"))),
        },
    )
    assert "电话" in unknown.context["form"].errors["file"][0]


def test_the_template_has_the_columns(cashier, client_for):
    response = client_for(cashier).get(reverse("billing:reading_import_template"))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [c.value for c in sheet[1]] == ["Unit", "Reading", "Meter replaced", "Start reading"]


def test_building_and_unit_may_be_apart(estate, units, cashier):
    content = _xlsx([("3", "1601", "20")], header=("楼栋", "房号", "读数"))
    read = read_readings(
        io.BytesIO(content), estate=estate, kind="water", year=2026, month=4, by=cashier
    )
    assert (read.errors, [r.unit.label for r in read.rows]) == ([], ["3-1601"])
