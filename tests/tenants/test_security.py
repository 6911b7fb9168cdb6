"""Residents' contact data stays masked for roles without the contact permission: on the
edit form too, and a phone search cannot be used to find the hidden digits."""

import pytest
from django.urls import reverse

from tenants.models import Resident

CONTACTS = {
    "mobile": "13812345678",
    "phone_other": "02155551234",
    "email": "zhangwei@example.com",
    "id_number": "310101198001011234",
    "emergency_contact_phone": "13900001111",
}


@pytest.fixture
def known(resident):
    Resident.objects.filter(pk=resident.pk).update(**CONTACTS)
    resident.refresh_from_db()
    return resident


def _edit(client, resident, **changes):
    """Open the edit form and send it back, contacts left empty, with these changes."""
    url = reverse("tenants:resident_edit", args=[resident.pk])
    seen = client.get(url).context["form"]["seen_version"].value()
    data = {"kind": "person", "name": resident.name, **dict.fromkeys(CONTACTS, ""), **changes}
    return client.post(url, {"seen_version": seen, **data})


def test_the_edit_form_does_not_send_contacts_to_the_front_desk(client_for, front_desk, known):
    page = client_for(front_desk).get(reverse("tenants:resident_edit", args=[known.pk]))
    html = page.content.decode()
    assert [value for value in CONTACTS.values() if value in html] == []
    assert 'placeholder="138****5678"' in html
    assert 'placeholder="3101**********1234"' in html


def test_the_edit_form_shows_contacts_to_the_manager(client_for, manager, known):
    page = client_for(manager).get(reverse("tenants:resident_edit", args=[known.pk]))
    html = page.content.decode()
    assert [value for value in CONTACTS.values() if value not in html] == []


def test_the_front_desk_saves_without_clearing_the_contacts_it_cannot_see(
    client_for, front_desk, known
):
    response = _edit(client_for(front_desk), known, name="张伟伟", mobile="139 0000 2222")
    assert response.status_code == 302
    known.refresh_from_db()
    assert known.name == "张伟伟"
    assert {k: getattr(known, k) for k in CONTACTS} == {**CONTACTS, "mobile": "13900002222"}


def test_a_bad_phone_on_the_edit_form_changes_nothing(client_for, front_desk, known):
    response = _edit(
        client_for(front_desk), known, name="张伟伟", emergency_contact_phone="call his wife"
    )
    assert response.status_code == 200
    assert response.context["form"].errors["emergency_contact_phone"] == [
        "A phone number has digits only."
    ]
    known.refresh_from_db()
    assert (known.name, known.emergency_contact_phone) == ("张伟", "13900001111")


def _found(client, query, **filters):
    response = client.get(reverse("tenants:resident_list"), {"q": query, **filters})
    return [r.name for r in response.context["object_list"]]


@pytest.mark.parametrize(
    "query, filters, found",
    [
        ("张伟 5678", {}, ["张伟"]),  # the tail the mask shows, with the name
        ("5678 张伟", {}, ["张伟"]),
        ("5678", {"unit": "3-1502"}, ["张伟"]),  # ... or with the unit
        ("张伟 1234", {}, ["张伟"]),  # the other phone's shown tail
        ("张伟 4321", {}, []),
        ("5678", {}, []),  # digits alone: 10⁴ tries would confirm a number
        ("13812345678", {}, []),  # the whole number: never
        ("138-1234-5678", {}, []),
        ("张伟 13812345678", {}, []),  # not with a name either
        ("02155551234", {}, []),  # the other phone, whole
        ("张伟 45678", {}, []),  # one hidden digit more: would reveal it
    ],
)
def test_a_masked_role_finds_only_by_the_shown_tail_with_a_name_or_unit(
    client_for, front_desk, known, occupancy, query, filters, found
):
    assert _found(client_for(front_desk), query, **filters) == found


@pytest.mark.parametrize("query", ["13812345678", "5678", "张伟 45678"])
def test_a_refused_phone_search_says_how_to_search(client_for, supervisor, known, query):
    response = client_for(supervisor).get(reverse("tenants:resident_list"), {"q": query})
    assert response.context["object_list"].count() == 0
    html = response.content.decode()
    assert "search by the last four digits together with the name or the unit" in html
    assert "No resident matches." not in html


def test_a_search_by_name_alone_gives_no_hint(client_for, front_desk, known):
    response = client_for(front_desk).get(reverse("tenants:resident_list"), {"q": "李"})
    assert "No resident matches." in response.content.decode()
    assert response.context["filter"].search_hint == ""


@pytest.mark.parametrize(
    "query", ["13812345678", "02155551234", "2345678", "5678", "138-1234-5678", "张伟 5678"]
)
def test_the_manager_finds_by_the_whole_number_or_any_tail(client_for, manager, known, query):
    assert _found(client_for(manager), query) == ["张伟"]


def test_the_manager_does_not_find_a_number_nobody_has(client_for, manager, known):
    assert _found(client_for(manager), "13812345679") == []


def test_the_move_in_search_has_the_same_limits(client_for, front_desk, known, unit):
    client = client_for(front_desk)
    url = reverse("tenants:move_in", args=[unit.pk])
    whole = client.get(url, {"q": "13812345678"})
    assert whole.context["matches"] == []
    assert "search by the last four digits" in whole.content.decode()
    assert client.get(url, {"q": "5678"}).context["matches"] == []
    assert [r.name for r in client.get(url, {"q": "张伟 45678"}).context["matches"]] == []
    assert [r.name for r in client.get(url, {"q": "张伟 5678"}).context["matches"]] == ["张伟"]


def test_a_mangled_resident_in_the_move_in_link_is_a_404(client_for, front_desk, unit):
    url = reverse("tenants:move_in", args=[unit.pk])
    assert client_for(front_desk).get(url, {"resident": "abc"}).status_code == 404


def test_another_estates_resident_cannot_be_moved_in(client_for, front_desk, unit, other_estate):
    from tests.factories import ResidentFactory

    stranger = ResidentFactory(estate=other_estate)
    url = reverse("tenants:move_in", args=[unit.pk])
    client = client_for(front_desk)
    assert client.get(url, {"resident": stranger.pk}).status_code == 404
    response = client.post(url, {"resident": stranger.pk, "role": "owner", "move_in": "2026-01-01"})
    assert response.status_code == 404
    assert not stranger.occupancies.exists()


def test_the_unit_list_filter_takes_only_the_users_buildings(
    client_for, front_desk, unit, other_estate
):
    from tests.factories import BuildingFactory

    building = BuildingFactory(estate=other_estate, number="3")
    client = client_for(front_desk)
    choices = client.get(reverse("tenants:unit_list")).context["filter"].form.fields["building"]
    assert building not in choices.queryset
    response = client.get(reverse("tenants:unit_list"), {"building": building.pk})
    assert "building" in response.context["filter"].errors
    assert [u.estate_id for u in response.context["object_list"]] == [unit.estate_id]


def test_the_htmx_rows_and_the_move_in_matches_are_masked(client_for, front_desk, known, unit):
    client = client_for(front_desk)
    rows = client.get(reverse("tenants:resident_list"), {"q": "张伟 5678"}, HTTP_HX_REQUEST="true")
    matches = client.get(reverse("tenants:move_in", args=[unit.pk]), {"q": "张伟 5678"})
    for response in (rows, matches):
        html = response.content.decode()
        assert "138****5678" in html and "13812345678" not in html


def test_an_xml_entity_bomb_in_a_workbook_is_refused(client_for, manager, unit):
    """A sheet whose entities expand a thousand million times is refused at once, with a
    message, by the XML parser's own limit (openpyxl reads through it)."""
    import io
    import zipfile

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    from desk.exports import XLSX_TYPE
    from tenants.imports import COLUMNS

    workbook = Workbook()
    workbook.active.append([c.header for c in COLUMNS])
    plain = io.BytesIO()
    workbook.save(plain)
    entities = "".join(
        f'<!ENTITY e{i} "{(f"&e{i - 1};" if i > 1 else "lol") * 10}">' for i in range(1, 10)
    )
    bomb = (
        f'<?xml version="1.0"?><!DOCTYPE x [{entities}]><worksheet xmlns='
        '"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
        '<c r="A1" t="inlineStr"><is><t>&e9;</t></is></c></row></sheetData></worksheet>'
    )
    data = io.BytesIO()
    with (
        zipfile.ZipFile(plain) as source,
        zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            content = source.read(member.filename)
            if member.filename == "xl/worksheets/sheet1.xml":
                content = bomb.encode()
            target.writestr(member.filename, content)
    upload = SimpleUploadedFile("register.xlsx", data.getvalue(), content_type=XLSX_TYPE)
    response = client_for(manager).post(reverse("tenants:import"), {"file": upload})
    assert response.context["form"].errors["file"] == [
        "The workbook could not be read; save it again as .xlsx."
    ]


def test_the_resident_export_searches_with_the_same_limits(client_for, front_desk, known):
    from io import BytesIO

    from openpyxl import load_workbook

    def names(query):
        response = client_for(front_desk).get(reverse("tenants:resident_export"), {"q": query})
        sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).worksheets[0]
        return [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]

    assert (names("张伟 5678"), names("5678"), names("13812345678")) == (["张伟"], [], [])
