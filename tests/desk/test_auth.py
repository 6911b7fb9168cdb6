import subprocess
import sys

from django.conf import settings
from django.urls import reverse


def test_login_page_logs_in_with_the_product_look(client, front_desk):
    page = client.get(reverse("login"))
    assert "Log in" in page.content.decode()
    response = client.post(reverse("login"), {"username": "frontdesk", "password": "desk-pass-123"})
    assert response.status_code == 302 and response["Location"] == reverse("home")


def test_repeated_failed_logins_lock_the_account(client, front_desk):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "frontdesk", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "frontdesk", "password": "desk-pass-123"})
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()


def test_pages_need_a_login(client):
    response = client.get(reverse("tenants:unit_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_deploy_check_passes_with_production_settings():
    env = {
        "PATH": "/usr/bin:/bin",
        "DEBUG": "false",
        "SECRET_KEY": "a-real-production-secret-key-that-is-long-enough-0123456789-abcdefghij",
        "ALLOWED_HOSTS": "desk.example.com",
        "DATABASE_URL": "sqlite:////tmp/desk-deploy-check.sqlite3",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=env,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
