"""A staff member's saved language wins over the browser's; blank follows the browser."""

import re

from django.conf import settings
from django.urls import reverse

from desk.models import User
from tests.factories import UserFactory

CHINESE = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _lang(response):
    return re.search(r'<html lang="([^"]+)">', response.content.decode()).group(1)


def _save_language(user, language):
    user.language = language
    user.save(update_fields=["language"])


def test_a_saved_language_wins_over_the_browser_s(manager, client_for):
    _save_language(manager, "zh-hans")

    response = client_for(manager).get(reverse("staff_list"), **ENGLISH)

    assert _lang(response) == "zh-hans"
    assert "<title>员工" in response.content.decode()


def test_a_saved_language_wins_over_the_switcher_s_cookie(manager, client_for):
    _save_language(manager, "en")
    client = client_for(manager)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"

    response = client.get(reverse("staff_list"), **CHINESE)

    assert _lang(response) == "en"
    assert "<title>Staff" in response.content.decode()


def test_without_a_saved_language_the_browser_s_language_is_used(manager, client_for):
    client = client_for(manager)

    assert _lang(client.get(reverse("home"), **CHINESE)) == "zh-hans"
    assert _lang(client.get(reverse("home"), **ENGLISH)) == "en"


def test_switching_the_language_while_logged_in_saves_it(manager, client_for):
    client = client_for(manager)

    response = client.post(
        reverse("set_language"), {"language": "zh-hans", "next": reverse("home")}, **ENGLISH
    )

    assert response["Location"] == reverse("home")
    manager.refresh_from_db()
    assert manager.language == "zh-hans"
    client.cookies.clear()
    client.force_login(manager)
    assert _lang(client.get(reverse("home"), **ENGLISH)) == "zh-hans"


def test_switching_to_an_unoffered_language_saves_nothing(manager, client_for):
    client_for(manager).post(reverse("set_language"), {"language": "fr", "next": "/"})

    manager.refresh_from_db()
    assert manager.language == ""


def test_switching_the_language_logged_out_only_sets_the_cookie(client):
    response = client.post(
        reverse("set_language"), {"language": "zh-hans", "next": reverse("login")}, **ENGLISH
    )

    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "zh-hans"
    page = client.get(reverse("login"), **ENGLISH)
    assert _lang(page) == "zh-hans"
    assert "登录" in page.content.decode()


def test_logging_in_brings_the_saved_language_and_it_stays_after_logout(client, manager):
    _save_language(manager, "zh-hans")

    response = client.post(
        reverse("login"),
        {"username": manager.username, "password": "desk-pass-123"},
        follow=True,
        **ENGLISH,
    )

    assert _lang(response) == "zh-hans"
    client.post(reverse("logout"), **ENGLISH)
    login_page = client.get(reverse("login"), **ENGLISH)
    assert _lang(login_page) == "zh-hans"
    assert "登录" in login_page.content.decode()


def test_the_manager_sets_a_staff_member_s_language(client_for, manager, estate):
    member = UserFactory(username="deskclerk", roles=["front_desk"], estates=[estate])
    client = client_for(manager)
    form = {
        "username": "deskclerk",
        "name": "王芳",
        "roles": ["front_desk"],
        "estates": [estate.pk],
    }

    client.post(reverse("staff_edit", args=[member.pk]), {**form, "language": "zh-hans"})
    assert User.objects.get(pk=member.pk).language == "zh-hans"

    client.post(reverse("staff_edit", args=[member.pk]), {**form, "language": ""})
    assert User.objects.get(pk=member.pk).language == ""


def test_the_staff_form_offers_the_browser_s_language(client_for, manager):
    html = client_for(manager).get(reverse("staff_new"), **ENGLISH).content.decode()

    select = re.search(r'<select[^>]*id="id_language".*?</select>', html, re.S).group(0)
    assert re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select) == [
        ("", "The browser&#x27;s language"),
        ("en", "English"),
        ("zh-hans", "Simplified Chinese"),
    ]
