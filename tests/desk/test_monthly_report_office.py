"""The monthly workbook in a real spreadsheet application: LibreOffice (Debian's
`libreoffice-calc`, which .ci/run installs) converts every sheet of a built workbook to CSV
headless, and the figures it reads are the ones desk wrote. Like the browser tests, a
missing `soffice` skips here and fails the run in CI (CI=1)."""

import csv
import datetime
import io
import os
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from desk.monthly_report import build_workbook
from desk.reports import report_sections
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db
# Comma, double quote, UTF-8, from line 1, raw values (not as shown), every sheet to a file.
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


@pytest.fixture(scope="session")
def soffice():
    found = os.environ.get("SOFFICE_PATH") or shutil.which("soffice")
    if not found:
        reason = "LibreOffice not found (apt-get install -y libreoffice-calc, or set SOFFICE_PATH)"
        if os.environ.get("CI"):
            pytest.fail(f"CI must open the workbook in LibreOffice: {reason}", pytrace=False)
        pytest.skip(reason)
    return found


@pytest.fixture
def october(unit, register_mail):
    for day in (3, 9):
        received = datetime.datetime(2026, 10, day, 2, 0, tzinfo=datetime.UTC)
        ComplaintFactory(
            unit=unit, received_at=received, responded_at=received + datetime.timedelta(minutes=10)
        )
    return unit.estate


@pytest.fixture
def register_mail(front_desk, unit):
    from mailroom.models import MailItem
    from mailroom.services import mail_register

    (item,) = mail_register(
        estate=unit.estate,
        rows=[{"kind": "parcel", "unit": unit, "carrier": "顺丰"}],
        by=front_desk,
    )
    MailItem.objects.filter(pk=item.pk).update(
        received_at=datetime.datetime(2026, 10, 12, 2, 0, tzinfo=datetime.UTC)
    )


def _convert(soffice, path, outdir):
    profile = outdir / "profile"  # its own profile: parallel runs do not share a lock
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            CSV_FILTER,
            "--outdir",
            str(outdir),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result


def test_libreoffice_opens_every_sheet_and_reads_the_figures(october, soffice, tmp_path):
    path = tmp_path / "monthly.xlsx"
    with path.open("wb") as out:
        build_workbook(out, estate=october, year=2026, month=10)
    written = load_workbook(path).sheetnames
    assert len(written) == len(report_sections()) + 1
    _convert(soffice, path, tmp_path)
    read = {}
    for name in written:
        csv_file = tmp_path / f"monthly-{name}.csv"
        assert csv_file.exists(), f"LibreOffice wrote no {csv_file.name}"
        read[name] = list(csv.reader(io.StringIO(csv_file.read_text(encoding="utf-8"))))
    summary = {row[0]: row for row in read["Summary"] if row}
    assert summary["Figure"][:4] == ["Figure", "Value", "Target", "Met"]
    in_time = summary["Complaints answered within 30 minutes"]
    # 2 of 2, read as a number formatted as a percentage (raw values keep the % type).
    assert in_time[1:4] == ["100%", "≥ 100%", "yes"]
    complaints = {row[0]: row[1] for row in read["Complaints"] if len(row) > 1}
    assert complaints["Complaints received"] == "2"
    mail = {row[0]: row[1] for row in read["Mail"] if len(row) > 1}
    assert (mail["Mail received"], mail["Waiting at the desk at the month's end"]) == ("1", "1")
    for name in ("Renovation", "Front desk", "Patrols", "Contractors", "Work orders"):
        assert read[name][0][0], f"{name}: LibreOffice read no header"
