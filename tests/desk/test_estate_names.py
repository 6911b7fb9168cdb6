"""Names in the reader's language: an English page shows the estate's English name."""

import pytest
from django.urls import reverse

from tests.factories import EstateFactory

pytestmark = pytest.mark.django_db

CHINESE = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_an_english_page_shows_the_english_name(client_for, manager, unit):
    client = client_for(manager)
    page = client.get(reverse("tenants:unit_detail", args=[unit.pk]), **ENGLISH)
    listed = client.get(reverse("tenants:unit_list"), **ENGLISH)

    assert "Green Lake Garden · 3-1502" in page.content.decode()
    assert "翠湖花园" not in page.content.decode()
    assert "Green Lake Garden" in listed.content.decode()


def test_a_chinese_page_shows_the_chinese_name(client_for, manager, unit):
    page = client_for(manager).get(reverse("tenants:unit_detail", args=[unit.pk]), **CHINESE)
    assert "翠湖花园 · 3-1502" in page.content.decode()
    assert "Green Lake Garden" not in page.content.decode()


def test_an_estate_without_an_english_name_keeps_its_name(client_for, manager):
    estate = EstateFactory(name="金桥大厦", name_en="")
    manager.estates.add(estate)
    from django.utils import translation

    with translation.override("en"):
        assert estate.display_name == "金桥大厦"
    with translation.override("zh-hans"):
        assert estate.display_name == "金桥大厦"


def test_the_filters_dropdown_and_the_export_name_the_estate_in_the_readers_language(
    client_for, manager, unit
):
    from io import BytesIO

    from openpyxl import load_workbook

    from tests.factories import WorkOrderFactory

    WorkOrderFactory(unit=unit)
    client = client_for(manager)
    english = client.get(reverse("workorders:list"), **ENGLISH).content.decode()
    assert ">Green Lake Garden</option>" in english and ">翠湖花园</option>" not in english
    chinese = client.get(reverse("workorders:list"), **CHINESE).content.decode()
    assert ">翠湖花园</option>" in chinese
    response = client.get(reverse("workorders:export"), **ENGLISH)
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    headers = [cell.value for cell in sheet[1]]
    assert sheet.cell(2, headers.index("Estate") + 1).value == "Green Lake Garden"


def test_chinese_labels_take_the_full_width_colon_and_the_title_agrees_with_the_brand(
    client_for, manager, unit
):
    from tests.factories import WorkOrderFactory

    order = WorkOrderFactory(
        unit=unit, trade="greening", department="greening", materials="草籽 2 kg"
    )
    client = client_for(manager)
    chinese = client.get(reverse("workorders:detail", args=[order.pk]), **CHINESE).content.decode()
    assert "所用材料：</strong>" in chinese and "所用材料:" not in chinese
    assert f"<title>{order.number} · 客服前台</title>" in chinese
    english = client.get(reverse("workorders:detail", args=[order.pk]), **ENGLISH).content.decode()
    assert "Materials used: </strong>" in english
    assert f"<title>{order.number} · Service desk</title>" in english
    assert "Service desk</span></a>" in english  # the brand
    assert "Greening · Greening" not in english and ">Greening</dd>" in english
