"""The desk's pages: the batch sheet, the pickup, the hand-out, the list and its export."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from mailroom.models import MailItem
from tests.factories import UnitFactory
from tests.mailroom.matrix import SIGNATURE

pytestmark = pytest.mark.django_db


def _sheet(estate, rows, **batch):
    data = {
        "batch-estate": str(estate.pk),
        "batch-kind": "parcel",
        "batch-carrier": "顺丰速运",
        "batch-shelf": "A-01",
        "rows-TOTAL_FORMS": str(max(len(rows), 3)),
        "rows-INITIAL_FORMS": "0",
        **{f"batch-{k}": v for k, v in batch.items()},
    }
    for n, row in enumerate(rows):
        data.update({f"rows-{n}-{k}": v for k, v in row.items()})
    return data


def test_three_parcels_of_one_courier_in_one_submit(
    client_for, front_desk, estate, unit, occupancy
):
    rows = [{"unit_label": "3-1502", "tracking_number": f"SF{n}"} for n in range(3)]
    response = client_for(front_desk).post(reverse("mailroom:register"), _sheet(estate, rows))
    assert response.status_code == 302
    items = list(MailItem.objects.order_by("pk"))
    assert [(i.tracking_number, i.carrier, i.shelf, i.unit, i.resident) for i in items] == [
        (f"SF{n}", "顺丰速运", "A-01", unit, occupancy.resident) for n in range(3)
    ]


def test_one_bad_row_saves_nothing_and_names_the_row(client_for, front_desk, estate, unit):
    rows = [
        {"unit_label": "3-1502", "tracking_number": "SF1"},
        {"unit_label": "9-9999", "tracking_number": "SF2"},
        {"unit_label": "3-1502", "tracking_number": "SF3"},
    ]
    response = client_for(front_desk).post(reverse("mailroom:register"), _sheet(estate, rows))
    assert response.status_code == 200
    assert "Row 2: There is no such unit in this estate." in response.content.decode()
    assert MailItem.objects.count() == 0


def test_a_tracking_number_already_registered_is_flagged(
    client_for, front_desk, estate, unit, register_one
):
    register_one(tracking_number="SF777")
    client = client_for(front_desk)
    check = client.get(
        reverse("mailroom:row_check"),
        {
            "batch-estate": estate.pk,
            "rows-0-unit_label": "3-1502",
            "rows-0-tracking_number": "SF777",
        },
    )
    assert "data-mail-duplicate" in check.content.decode()
    rows = [{"unit_label": "3-1502", "tracking_number": "SF777"}]
    response = client.post(reverse("mailroom:register"), _sheet(estate, rows), follow=True)
    assert "Already in the register: SF777" in response.content.decode()


def test_the_unit_typed_shows_its_occupants(client_for, front_desk, estate, unit, occupancy):
    check = client_for(front_desk).get(
        reverse("mailroom:row_check"), {"batch-estate": estate.pk, "rows-4-unit_label": "3栋1502"}
    )
    html = check.content.decode()
    assert 'id="rows-4-check"' in html and "张伟" in html and 'value="张伟"' in html


def test_the_code_finds_the_item_and_signing_hands_it_out(client_for, front_desk, register_one):
    item = register_one()
    client = client_for(front_desk)
    found = client.get(reverse("mailroom:pickup"), {"q": item.pickup_code})
    target = reverse("mailroom:hand_out", args=[item.pk])
    assert found["Location"] == f"{target}?code={item.pickup_code}"
    form = client.get(found["Location"])
    assert f'value="{item.pickup_code}"' in form.content.decode()
    signed = client.post(
        target,
        {"code": item.pickup_code, "collector": "resident", "signature": SIGNATURE},
    )
    assert signed.status_code == 302
    item.refresh_from_db()
    assert item.status == "collected"
    assert client.get(reverse("mailroom:signature", args=[item.pk]))["Content-Type"] == "image/png"


def test_a_wrong_code_is_refused_on_the_page(client_for, front_desk, register_one):
    item = register_one()
    wrong = "000000" if item.pickup_code != "000000" else "111111"
    response = client_for(front_desk).post(
        reverse("mailroom:hand_out", args=[item.pk]),
        {"code": wrong, "collector": "resident", "signed_name": "张伟"},
    )
    assert response.status_code == 400
    assert "Wrong pickup code" in response.content.decode()
    item.refresh_from_db()
    assert item.status == "received"


def test_the_unit_finds_its_waiting_mail(client_for, front_desk, register_one):
    item = register_one()
    html = client_for(front_desk).get(reverse("mailroom:pickup"), {"q": "3-1502"}).content.decode()
    assert reverse("mailroom:hand_out", args=[item.pk]) in html


@pytest.mark.parametrize("rows", [1, 3])
def test_the_register_reads_a_constant_number_of_queries(
    client_for, front_desk, estate, unit, occupancy, register_one, django_assert_num_queries, rows
):
    for n in range(rows):
        register_one(unit=UnitFactory(building=unit.building), tracking_number=f"SF{n}")
    client = client_for(front_desk)
    client.get(reverse("mailroom:list"))  # the session's first reads
    # Session, user, estates, the two permission reads, the inbox's count, the page's
    # count and rows, the filter's building and estate choices, the estates' mail settings
    # (the flags' days; the estates are the user's, read with the session's first reads).
    with django_assert_num_queries(11):
        response = client.get(reverse("mailroom:list"), {"status": "awaiting", "age": ""})
    assert response.content.decode().count("data-mail-item=") == rows


def test_the_unit_page_shows_its_mail(client_for, front_desk, unit, register_one):
    item = register_one(tracking_number="SF-UNIT")
    html = client_for(front_desk).get(reverse("tenants:unit_detail", args=[unit.pk])).content
    assert b"SF-UNIT" in html and reverse("mailroom:detail", args=[item.pk]).encode() in html


def test_the_export_is_the_filtered_register(client_for, front_desk, register_one):
    register_one(tracking_number="SF-A")
    register_one(tracking_number="SF-B", kind="letter")
    response = client_for(front_desk).get(reverse("mailroom:export"), {"kind": "letter"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert rows[0][:4] == ("Received", "Kind", "Carrier", "Tracking number")
    assert [r[3] for r in rows[1:]] == ["SF-B"]
