"""The production-like stack of README as written: `collectstatic` with production settings,
then gunicorn serves the login page, and whitenoise its CSS and scripts."""

import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url):
    # Behind the TLS proxy of a real site: the header says the request came over HTTPS.
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.headers.get_content_type(), response.read()


@pytest.fixture
def production(tmp_path):
    """The environment of README's production-like stack (minus PostgreSQL and Redis, which
    the login page and the static files do not need)."""
    return {
        "PATH": f"{BIN}:/usr/bin:/bin",
        "DEBUG": "false",
        "SECRET_KEY": "a-real-production-secret-key-that-is-long-enough-0123456789-abcdefghij",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        "REDIS_URL": "redis://127.0.0.1:6379/0",  # named, not reached
        "STATIC_ROOT": str(tmp_path / "static"),
    }


def test_gunicorn_serves_the_login_page_and_whitenoise_its_assets(production, tmp_path):
    collected = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input"],
        capture_output=True,
        text=True,
        env=production,
        cwd=settings.BASE_DIR,
        timeout=120,
    )
    assert collected.returncode == 0, collected.stderr
    assert (tmp_path / "static" / "staticfiles.json").is_file()

    port = _free_port()
    server = subprocess.Popen(
        [BIN / "gunicorn", "desk.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=production,
        cwd=settings.BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 20
        while True:
            try:
                status, kind, body = _get(f"{base}/login/")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.1)
        html = body.decode()
        styles = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
        scripts = re.findall(r'<script src="([^"]+)"', html)

        assert (status, kind) == (200, "text/html")
        assert styles and scripts
        assert all(re.search(r"\.[0-9a-f]{12}\.(css|js)$", url) for url in styles + scripts)
        css = [_get(base + url)[:2] for url in styles]
        js = [_get(base + url)[:2] for url in scripts]
        assert css == [(200, "text/css")] * len(styles)
        assert js == [(200, "text/javascript")] * len(scripts)
    finally:
        server.terminate()
        server.wait(timeout=10)
