"""Error pages look like the product in every mode, under the content security policy, and
the console prints each log line once."""

import logging
import sys

import pytest
from django.conf import settings
from django.urls import path
from django.utils.log import configure_logging

import desk.urls


def _boom(request):
    raise RuntimeError("a bug")


urlpatterns = [*desk.urls.urlpatterns, path("boom/", _boom)]


def _product_page(response):
    html = response.content.decode()
    assert "desk/css/desk.css" in html and "error-card" in html
    assert "<style" not in html and "style=" not in html  # nothing the policy would block
    assert "script-src 'self'" in response["Content-Security-Policy"]
    return html


@pytest.mark.parametrize("debug", [True, False])
def test_an_unknown_address_is_the_products_404_in_either_mode(client_for, front_desk, debug):
    settings.DEBUG = debug
    try:
        response = client_for(front_desk).get("/no-such-page/")
    finally:
        settings.DEBUG = False
    assert response.status_code == 404
    assert "Page not found" in _product_page(response)


def test_another_estates_record_is_the_products_404_in_chinese_with_debug_on(
    client_for, front_desk, other_estate
):
    from tests.factories import UnitFactory

    unit = UnitFactory(estate=other_estate)
    client = client_for(front_desk)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    settings.DEBUG = True
    try:
        response = client.get(f"/units/{unit.pk}/")
    finally:
        settings.DEBUG = False
    assert response.status_code == 404
    html = _product_page(response)
    assert "页面不存在" in html or "找不到" in html


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("debug", [True, False])
def test_an_uncaught_exception_is_the_products_500_in_either_mode(client, debug):
    client.raise_request_exception = False
    settings.DEBUG = debug
    try:
        response = client.get("/boom/")
    finally:
        settings.DEBUG = False
    assert response.status_code == 500
    html = _product_page(response)
    assert "a bug" not in html and "Traceback" not in html


def test_each_log_line_is_printed_once_also_in_the_demo(capsys):
    configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)  # the console is captured now
    settings.DEBUG = True  # the demo's mode, where Django's own console handler prints too
    try:
        logging.getLogger("django.request").warning("Not Found: /no-such-page/")
        logging.getLogger("desk").warning("a desk warning")
        err = capsys.readouterr().err
    finally:
        settings.DEBUG = False
        sys.stderr, captured = sys.__stderr__, sys.stderr
        configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)
        sys.stderr = captured
    assert err.count("Not Found: /no-such-page/") == 1
    assert err.count("a desk warning") == 1
