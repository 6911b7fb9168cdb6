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
