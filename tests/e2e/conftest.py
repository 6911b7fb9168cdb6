"""Browser tests: Playwright for Python drives Debian's Chromium against the live server.

Never `playwright install`: the browser is the system's (`CHROMIUM_PATH`, default
/usr/bin/chromium). In CI a missing browser fails the run; locally the tests skip.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.test.utils import override_settings
from django.urls import reverse

from tests.migration_data import restore_migration_data

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
# test itself (factories, asserts) would otherwise refuse to run "in an async context".
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
PASSWORD = "desk-pass-123"  # UserFactory's default


@pytest.fixture(scope="session", autouse=True)
def _plain_http_live_server():
    """The live server speaks plain http: SecurityMiddleware reads these once, when the
    server's handler is built, so the per-test `settings` fixture comes too late."""
    override = override_settings(
        SECURE_SSL_REDIRECT=False, SESSION_COOKIE_SECURE=False, CSRF_COOKIE_SECURE=False
    )
    override.enable()
    yield
    override.disable()


@pytest.fixture(autouse=True)
def _migration_data(django_db_blocker):
    """Before each browser test: a database another transactional test (or an earlier,
    reused run) left without its migration data gets it back."""
    with django_db_blocker.unblock():
        restore_migration_data()


@pytest.fixture(scope="session", autouse=True)
def _migration_data_after(django_db_setup, django_db_blocker):
    """After the last browser test: leave a kept (`--reuse-db`) database whole."""
    yield
    with django_db_blocker.unblock():
        restore_migration_data()


@pytest.fixture(scope="session")
def browser():
    executable = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not os.path.exists(executable):
        reason = (
            f"Chromium not found at {executable} "
            "(apt-get install -y chromium, or set CHROMIUM_PATH)"
        )
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser tests: {reason}", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(
        executable_path=executable, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def artifacts():
    """Screenshots land in test-artifacts/ (gitignored) for a human to look at."""
    path = Path(settings.BASE_DIR) / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path


@pytest.fixture
def page_for(browser, live_server):
    """`page_for(user)`: a fresh browser (own cookies) logged in through the real login form."""
    contexts = []

    def login(user, password=PASSWORD, viewport=DESKTOP, **context_options):
        """`context_options` go to `new_context`, e.g. is_mobile=True, has_touch=True."""
        context = browser.new_context(
            viewport=viewport,
            locale="en-US",
            accept_downloads=True,
            base_url=live_server.url,
            **context_options,
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.goto(reverse("login"))
        page.fill("input[name=username]", user.username)
        page.fill("input[name=password]", password)
        page.click("form button[type=submit]")
        page.wait_for_url(f"{live_server.url}{reverse('home')}")
        return page

    yield login
    for context in contexts:
        context.close()
