"""The Excel import of the register: template, preview, all-or-nothing commit, bad files.

"Import" queues a job (desk.jobs); here it runs in-process once the request commits.
tests/tenants/test_import_job.py covers the job itself.
"""

import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from desk.exports import XLSX_TYPE
from desk.models import Job
from tenants import imports
from tenants.import_columns import EXAMPLE_EMERGENCY_PHONE, EXAMPLE_MOBILE
from tenants.models import Building, Occupancy, Resident, Unit
from tests.factories import EstateFactory

HEADERS = [c.header for c in imports.COLUMNS]


def _row(**values):
    """A template row; unnamed columns are empty."""
    return [values.get(c.key) for c in imports.COLUMNS]


def _xlsx(rows, headers=HEADERS):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _upload(data, name="register.xlsx", content_type=XLSX_TYPE):
    return SimpleUploadedFile(name, data, content_type=content_type)


def _preview(client, data, **kwargs):
    return client.post(reverse("tenants:import"), {"file": _upload(data, **kwargs)})


@pytest.fixture(autouse=True)
def _jobs_in_process(celery_eager):
    """The import job runs in this process, also when REDIS_URL is set."""


def _commit(client, token):
    """Press "Import": the job is queued once the request commits, and runs at once."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("tenants:import_commit"), {"token": token})


def _import(client, data):
    preview = _preview(client, data)
    assert preview.context["errors"] == []
    response = _commit(client, preview.context["token"])
    job = Job.objects.get()  # the latest
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert (job.status, job.result["changes"]) == ("done", preview.context["result"].changes)
    job.delete()
    return preview.context["result"]


def _counts():
    return {
        model.__name__: model.objects.count() for model in (Building, Unit, Resident, Occupancy)
    }


def _stored_files(settings):
    """The previewed files waiting under MEDIA_ROOT/imports."""
    directory = settings.MEDIA_ROOT / "imports"
    return sorted(p.name for p in directory.glob("*")) if directory.exists() else []


GOOD_ROWS = [
    _row(
        estate_code="CH",
        building="5",
        unit="101",
        floor=1,
        floor_area=88.25,
        usage="residence",
        status="vacant",
        handover_date=datetime.date(2020, 6, 30),
        name="李雷",
        name_en="Li Lei",
        kind="person",
        mobile="138 0000 0001",
        email="li.lei@example.com",
        emergency_contact_name="韩梅梅",
        emergency_contact_phone="139-0000-0001",
        role="owner",
        move_in=datetime.date(2021, 1, 1),
    ),
    _row(
        estate_code="CH",
        building="5",
        unit="101",
        floor=1,
        floor_area=88.25,
        usage="residence",
        status="vacant",
        handover_date=datetime.date(2020, 6, 30),
        name="李小雷",
        role="Family member",
        move_in="2021/01/01",
    ),
    _row(estate_code="ch", building=5, unit=102, floor=1, floor_area="60.5", usage="Office"),
    _row(
        estate_code="CH",
        building="3",
        unit="1502",
        floor=15,
        floor_area=120,
        name="绿湖科技有限公司",
        kind="company",
        contact_person="王经理",
        mobile="02112345678",
        role="company_contact",
        move_in=datetime.date(2022, 3, 1),
    ),
]


def test_template_download_has_the_canonical_headers_and_an_example(client_for, manager):
    response = client_for(manager).get(reverse("tenants:import_template"))

    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    register, columns = workbook.worksheets
    rows = list(register.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    assert rows[1][:5] == ("CH", "3", "1502", 15, 89.5)
    assert [
        r[0] for r in columns.iter_rows(min_row=2, max_row=len(HEADERS) + 1, values_only=True)
    ] == (HEADERS)


def test_the_template_example_uses_phones_no_resident_can_have(client_for, manager):
    response = client_for(manager).get(reverse("tenants:import_template"))
    register = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    header, example = list(register.iter_rows(max_row=2, values_only=True))
    row = dict(zip(header, example, strict=True))
    assert (row["Mobile"], row["Emergency contact phone"]) == (
        EXAMPLE_MOBILE,
        EXAMPLE_EMERGENCY_PHONE,
    )


class _RiggedRandom:
    """Draws the template's example numbers first, then the busy owner's, then a fresh one."""

    def __init__(self):
        self.draws = iter([("138", 0), ("139", 0), ("138", 12345678), ("137", 1)])
        self.prefix = None

    def choice(self, options):
        self.prefix, self.tail = next(self.draws)
        return self.prefix

    def randrange(self, stop):
        return self.tail


def test_the_seeder_never_gives_a_resident_an_example_phone():
    from tenants.seed_people import People

    people = People(_RiggedRandom(), datetime.date(2026, 3, 1))
    assert people.mobile() == "13700000001"


def test_the_template_with_its_example_row_imports(client_for, manager, unit):
    client = client_for(manager)
    template = b"".join(client.get(reverse("tenants:import_template")).streaming_content)

    result = _import(client, template)

    unit.refresh_from_db()
    assert (result.units.created, result.units.updated) == (0, 1)
    assert (unit.floor_area, unit.status) == (Decimal("89.50"), Unit.Status.OCCUPIED)
    assert Resident.objects.get(name="张伟", mobile=EXAMPLE_MOBILE).name_en == "Zhang Wei"


def test_a_good_file_imports_the_right_values(client_for, manager, unit, estate, settings):
    client = client_for(manager)

    preview = _preview(client, _xlsx(GOOD_ROWS))
    result = preview.context["result"]
    assert Unit.objects.count() == 1  # the preview writes nothing
    assert [
        (c.created, c.updated)
        for c in (result.buildings, result.units, result.residents, result.occupancies)
    ] == [(1, 0), (2, 1), (3, 0), (3, 0)]
    assert b'id="import-commit"' in preview.content

    _commit(client, preview.context["token"])

    new = Unit.objects.get(building__estate=estate, building__number="5", number="101")
    assert (new.estate, new.floor, new.floor_area, new.usage, new.status, new.handover_date) == (
        estate,
        1,
        Decimal("88.25"),
        Unit.Usage.RESIDENCE,
        Unit.Status.OCCUPIED,  # vacant in the file, but it has an owner now
        datetime.date(2020, 6, 30),
    )
    shop = Unit.objects.get(building__number="5", number="102")
    assert (shop.floor_area, shop.usage, shop.status) == (
        Decimal("60.50"),
        Unit.Usage.OFFICE,
        Unit.Status.VACANT,
    )
    li = Resident.objects.get(name="李雷")
    assert (li.estate, li.name_en, li.mobile, li.email, li.emergency_contact_phone) == (
        estate,
        "Li Lei",
        "13800000001",
        "li.lei@example.com",
        "13900000001",
    )
    assert sorted(new.occupancies.values_list("resident__name", "role", "move_in")) == [
        ("李小雷", Occupancy.Role.FAMILY, datetime.date(2021, 1, 1)),
        ("李雷", Occupancy.Role.OWNER, datetime.date(2021, 1, 1)),
    ]
    unit.refresh_from_db()
    assert (unit.floor_area, unit.status) == (Decimal("120.00"), Unit.Status.OCCUPIED)
    company = Resident.objects.get(name="绿湖科技有限公司")
    assert (company.kind, company.contact_person) == (Resident.Kind.COMPANY, "王经理")
    assert Building.objects.get(estate=estate, number="5").floors == 1
    assert new.history.get().history_user == manager
    assert _stored_files(settings) == []  # the previewed file is gone after the commit


def test_importing_the_same_file_again_changes_nothing(client_for, manager, unit):
    client = client_for(manager)
    _import(client, _xlsx(GOOD_ROWS))
    before = _counts()

    result = _import(client, _xlsx(GOOD_ROWS))

    assert _counts() == before
    assert result.changes == 0


def test_importing_a_changed_area_updates_the_unit(client_for, manager, unit):
    client = client_for(manager)
    _import(client, _xlsx(GOOD_ROWS))
    before = _counts()
    changed = [list(r) for r in GOOD_ROWS]
    changed[2][4] = 61.75

    result = _import(client, _xlsx(changed))

    assert _counts() == before
    assert (result.units.created, result.units.updated, result.changes) == (0, 1, 1)
    assert Unit.objects.get(building__number="5", number="102").floor_area == Decimal("61.75")


def test_a_file_with_bad_rows_writes_nothing_and_lists_each_row(
    client_for, manager, occupancy, settings
):
    before = _counts()
    rows = [
        GOOD_ROWS[0],
        _row(estate_code="CH", building="5", unit="103", floor=1, floor_area=-3),
        _row(estate_code="CH", building="5", unit="104", floor="one", floor_area=50, usage="pool"),
        _row(estate_code="CH", building="5", unit="105", floor=1, floor_area=50, mobile="1380x"),
        _row(estate_code="CH", building="5", unit="106", floor=1, floor_area=50, name="赵六"),
        _row(building="5", unit="107", floor=1, floor_area=50, handover_date="next week"),
        GOOD_ROWS[0],
    ]

    response = _preview(client_for(manager), _xlsx(rows))

    assert _counts() == before
    assert [(e.row, e.column, e.message) for e in response.context["errors"]] == [
        (3, "Floor area (m²)", "Enter an area greater than 0."),
        (4, "Floor", "Enter a whole number."),
        (
            4,
            "Usage",
            "“pool” is not one of: residence (Residence), office (Office), shop (Shop), "
            "parking (Parking).",
        ),
        (5, "Mobile", "A phone number has digits only."),
        (5, "Resident name", "Enter the resident's name, or leave the resident columns empty."),
        (5, "Occupancy role", "Enter the occupancy role."),
        (5, "Move-in date", "Enter the move-in date."),
        (6, "Occupancy role", "Enter the occupancy role."),
        (6, "Move-in date", "Enter the move-in date."),
        (7, "Handover date", "Enter a date, e.g. 2024-06-30."),
        (7, "Estate code", "This value is required."),
        (8, "Resident name", "The same resident and role are already on row 2."),
    ]
    content = response.content.decode()
    assert "Enter an area greater than 0." in content and 'id="import-errors"' in content
    assert 'id="import-commit"' not in content
    assert _stored_files(settings) == []


def test_another_estates_code_is_refused(client_for, manager, unit, other_estate):
    before = _counts()
    rows = [_row(estate_code="JQ", building="1", unit="101", floor=1, floor_area=50)]

    response = _preview(client_for(manager), _xlsx(rows))

    assert _counts() == before
    assert [(e.row, e.column, e.message) for e in response.context["errors"]] == [
        (2, "Estate code", "“JQ” is not the code of an estate you work in."),
    ]


def test_a_unit_given_twice_with_different_details_is_refused(client_for, manager, unit):
    rows = [GOOD_ROWS[2], [*GOOD_ROWS[2][:4], 70, *GOOD_ROWS[2][5:]]]

    response = _preview(client_for(manager), _xlsx(rows))

    assert [(e.row, e.message) for e in response.context["errors"]] == [
        (3, "Row 2 gives different details for this unit."),
    ]


def _form_errors(response):
    return response.context["form"].errors["file"]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("register.csv", b"estate,unit\nCH,3-1502\n", "Upload an Excel workbook (.xlsx)."),
        (
            "register.xlsx",
            b"estate,unit\nCH,3-1502\n",
            "This file is not an Excel workbook (.xlsx).",
        ),
        (
            "register.xlsx",
            b"PK\x03\x04 broken",
            "This file is not an Excel workbook (.xlsx).",
        ),
    ],
)
def test_a_file_that_is_not_xlsx_is_refused(client_for, manager, unit, name, data, message):
    before = _counts()

    response = _preview(client_for(manager), data, name=name)

    assert response.status_code == 200
    assert _form_errors(response) == [message]
    assert _counts() == before


def test_a_zip_that_is_not_a_workbook_is_refused(client_for, manager, unit):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "hello")

    response = _preview(client_for(manager), out.getvalue())

    assert _form_errors(response) == ["This file is not an Excel workbook (.xlsx)."]


def test_wrong_columns_are_refused(client_for, manager, unit):
    before = _counts()

    response = _preview(client_for(manager), _xlsx([["张三", "138"]], headers=["Name", "Phone"]))

    assert _form_errors(response) == [
        "The columns do not match the template (missing: Estate code, Building number, "
        "Unit number, Floor, Floor area (m²); unknown: Phone). Download the template."
    ]
    assert _counts() == before


def test_chinese_headers_are_understood(client_for, manager, unit):
    headers = ["项目编码", "楼栋", "房号", "楼层", "建筑面积（㎡）"]
    result = _import(client_for(manager), _xlsx([["CH", "3", "1502", 15, 95]], headers=headers))

    unit.refresh_from_db()
    assert (result.units.updated, unit.floor_area) == (1, Decimal("95.00"))


def test_a_file_over_the_size_limit_is_refused(client_for, manager, unit, settings):
    data = b"PK\x03\x04" + b"\0" * (imports.MAX_UPLOAD_BYTES + 1)

    response = _preview(client_for(manager), data)

    assert _form_errors(response) == ["The file is larger than 10 MB."]
    assert _stored_files(settings) == []


def _bomb(member_bytes):
    """A real workbook with one extra, highly compressible member."""
    out = io.BytesIO(_xlsx(GOOD_ROWS))
    chunk = b"\0" * (1024 * 1024)
    with (
        zipfile.ZipFile(out, "a", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/media/padding.xml", "w") as member,
    ):
        for _ in range(member_bytes // len(chunk)):
            member.write(chunk)
    return out.getvalue()


@pytest.mark.parametrize("member_mb", [60, 5], ids=["over-50-MB", "ratio"])
def test_a_zip_bomb_is_refused_before_it_is_opened(client_for, manager, unit, member_mb):
    data = _bomb(member_mb * 1024 * 1024)
    assert len(data) < 1024 * 1024  # small on the wire
    before = _counts()

    response = _preview(client_for(manager), data)

    assert _form_errors(response) == [
        "The workbook unpacks to more than 50 MB, or is packed suspiciously tightly."
    ]
    assert _counts() == before


def test_a_file_with_too_many_rows_is_refused(client_for, manager, unit, monkeypatch):
    monkeypatch.setattr(imports, "MAX_ROWS", 3)

    response = _preview(client_for(manager), _xlsx([GOOD_ROWS[2]] * 4))

    assert _form_errors(response) == ["The file has more than 3 rows; split it into smaller files."]


def test_a_token_of_another_user_cannot_be_committed(client_for, manager, supervisor, unit):
    preview = _preview(client_for(manager), _xlsx(GOOD_ROWS))
    before = _counts()

    response = client_for(supervisor).post(
        reverse("tenants:import_commit"), {"token": preview.context["token"]}, follow=True
    )

    assert response.redirect_chain == [(reverse("tenants:import"), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "This import has expired or was already done. Upload the file again."
    ]
    assert _counts() == before


def test_a_token_commits_once(client_for, manager, unit, settings):
    client = client_for(manager)
    preview = _preview(client, _xlsx(GOOD_ROWS))
    token = preview.context["token"]
    _commit(client, token)
    after = _counts()

    response = _commit(client, token)

    assert response["Location"] == reverse("tenants:import")
    assert _counts() == after
    assert _stored_files(settings) == []
    assert Job.objects.count() == 1


def test_the_commit_checks_the_estates_again(client_for, manager, unit, settings):
    client = client_for(manager)
    preview = _preview(client, _xlsx(GOOD_ROWS))
    manager.estates.clear()
    manager.estates.add(EstateFactory(code="ELSE"))
    before = _counts()

    _commit(client, preview.context["token"])

    assert _counts() == before
    job = Job.objects.get()
    assert (job.status, job.message, job.result["error_count"]) == (
        "failed",
        "The file has 4 problems now. Nothing was imported.",
        4,
    )
    assert job.result["errors"][0] == {
        "row": 2,
        "column": "Estate code",
        "message": "“CH” is not the code of an estate you work in.",
    }
    assert _stored_files(settings) == []
