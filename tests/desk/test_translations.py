"""Simplified Chinese ships complete: every string of the product is translated and compiled."""

import re
import shutil

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

# The same ignores as `make messages`.
IGNORES = [".venv/*", "static/*", "tests/*", "bench/*"]
CATALOGUE = "zh_Hans/LC_MESSAGES/django"


def _key(entry):
    return (entry.msgctxt or None, entry.msgid, entry.msgid_plural or None)


def _translation(entry):
    if entry.msgid_plural:
        return tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
    return entry.msgstr


def _translated(catalogue):
    return {_key(e): _translation(e) for e in catalogue.translated_entries()}


@pytest.fixture
def fresh_catalogue(settings, tmp_path, monkeypatch):
    """makemessages run over the code now, merged into a copy of the committed catalogue.

    makemessages writes into any `locale` folder beside the code it reads, and a template's
    temporary .py beside the template, so it runs in a mirror of the project: every
    top-level entry linked, `locale` and `templates` copied (two runs at once, on two xdist
    workers, would otherwise remove each other's temporary files).
    """
    mirror = tmp_path / "project"
    mirror.mkdir()
    for entry in settings.BASE_DIR.iterdir():
        if entry.name not in {"locale", "templates", ".venv", ".git"}:
            (mirror / entry.name).symlink_to(entry)
    shutil.copytree(settings.BASE_DIR / "locale", mirror / "locale")
    shutil.copytree(settings.BASE_DIR / "templates", mirror / "templates")
    settings.LOCALE_PATHS = [mirror / "locale"]
    monkeypatch.chdir(mirror)
    call_command(
        "makemessages",
        locale=["zh_Hans"],
        ignore_patterns=IGNORES,
        no_obsolete=True,
        symlinks=True,
        verbosity=0,
    )
    return polib.pofile(str(mirror / "locale" / f"{CATALOGUE}.po"))


def test_every_string_of_the_product_is_translated_into_chinese(fresh_catalogue):
    untranslated = [e.msgid for e in fresh_catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in fresh_catalogue.fuzzy_entries()]
    assert not untranslated, "Untranslated (run `make messages`, fill them in):\n" + "\n".join(
        untranslated
    )
    assert not fuzzy, "Fuzzy (check them, drop the fuzzy flag):\n" + "\n".join(fuzzy)
    assert len(fresh_catalogue.translated_entries()) > 150


def test_translations_keep_their_placeholders(fresh_catalogue):
    broken = [
        (e.msgid, e.msgstr)
        for e in fresh_catalogue.translated_entries()
        if "python-format" in e.flags and not e.msgid_plural
        for placeholder in re.findall(r"%\(\w+\)[sd]", e.msgid)
        if placeholder not in e.msgstr
    ]
    assert broken == []


def test_the_committed_mo_file_is_compiled_from_the_committed_po_file(tmp_path):
    po = polib.pofile(str(settings.BASE_DIR / "locale" / f"{CATALOGUE}.po"))
    committed_mo = polib.mofile(str(settings.BASE_DIR / "locale" / f"{CATALOGUE}.mo"))
    po.save_as_mofile(str(tmp_path / "django.mo"))
    compiled_now = polib.mofile(str(tmp_path / "django.mo"))
    assert _translated(committed_mo) == _translated(compiled_now), (
        "run `make messages` (compilemessages) and commit the .mo"
    )
    assert _translated(committed_mo)[(None, "Units", None)] == "房号"


def test_a_page_chosen_in_chinese_by_cookie_shows_chinese_navigation(client_for, front_desk):
    client = client_for(front_desk)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    page = client.get(reverse("tenants:unit_list")).content.decode()
    for label in ("首页", "房号", "业户", "退出登录", "导出 Excel", '<html lang="zh-hans">'):
        assert label in page
    assert "Log out" not in page


def test_a_browser_asking_for_chinese_gets_the_chinese_page(client_for, front_desk):
    page = client_for(front_desk).get(reverse("home"), HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
    html = page.content.decode()
    assert "客服前台" in html and "修改密码" in html
    assert "Service desk" not in html


def test_english_stays_the_default(client_for, front_desk):
    html = client_for(front_desk).get(reverse("home")).content.decode()
    assert "Service desk" in html and "客服前台" not in html
