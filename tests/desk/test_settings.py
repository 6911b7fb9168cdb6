"""Configuration that fails loudly: with DEBUG off, no SECRET_KEY or no broker stops the
process at start with a clear message; in-process tasks only when asked for by name."""

import json
import subprocess
import sys

import pytest
from django.conf import settings

SHOW = (
    "import json; from django.conf import settings as s; print(json.dumps({"
    "'eager': s.CELERY_TASK_ALWAYS_EAGER, 'broker': s.CELERY_BROKER_URL, "
    "'transport': getattr(s, 'CELERY_BROKER_TRANSPORT_OPTIONS', {}), "
    "'longest_job': s.LONGEST_JOB_SECONDS, 'dev_key': s.SECRET_KEY.startswith('django-insecure')"
    "}))"
)


def _settings(**env):
    """desk.settings loaded in a fresh process with only `env` (and no .env file's help)."""
    base = {"PATH": "/usr/bin:/bin", "DATABASE_URL": "sqlite:////tmp/desk-settings-test.sqlite3"}
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {SHOW}"],
        capture_output=True,
        text=True,
        env={**base, "DJANGO_SETTINGS_MODULE": "desk.settings", **env},
        cwd=settings.BASE_DIR,
        timeout=60,
    )


def _refusal(result):
    assert result.returncode != 0, result.stdout
    return result.stderr.strip().splitlines()[-1]


def test_production_without_a_secret_key_refuses_to_start():
    result = _settings(DEBUG="false", REDIS_URL="redis://127.0.0.1:6379/0")

    assert _refusal(result).startswith(
        "django.core.exceptions.ImproperlyConfigured: SECRET_KEY is not set. "
        "Set it to a long random value"
    )


@pytest.mark.parametrize("debug", [{}, {"DEBUG": "false"}])
def test_production_without_a_broker_refuses_to_start(debug):
    result = _settings(SECRET_KEY="k" * 50, **debug)

    assert _refusal(result) == (
        "django.core.exceptions.ImproperlyConfigured: REDIS_URL is not set: without a broker "
        "no task leaves the web process and the schedules (the complaint escalation, the "
        "sweep of stale jobs) never run. Set REDIS_URL=redis://host:6379/0, or "
        "TASKS_IN_PROCESS=true to run tasks in-process."
    )


def _loaded(result):
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_in_process_tasks_when_asked_for_by_name():
    loaded = _loaded(_settings(SECRET_KEY="k" * 50, TASKS_IN_PROCESS="true"))

    assert (loaded["eager"], loaded["broker"], loaded["dev_key"]) == (True, "memory://", False)


def test_redis_is_the_broker_and_outwaits_the_longest_job():
    loaded = _loaded(_settings(SECRET_KEY="k" * 50, REDIS_URL="redis://127.0.0.1:6379/5"))

    assert (loaded["eager"], loaded["broker"]) == (False, "redis://127.0.0.1:6379/5")
    assert loaded["longest_job"] == 2 * 60 * 60
    assert loaded["transport"]["visibility_timeout"] > loaded["longest_job"]


def test_the_demo_runs_with_a_development_key_and_a_folder_as_its_broker(tmp_path):
    demo = _loaded(_settings(DEBUG="true", CELERY_BROKER_DIR=str(tmp_path)))
    bare = _loaded(_settings(DEBUG="true"))

    assert (demo["eager"], demo["broker"], demo["dev_key"]) == (False, "filesystem://", True)
    assert demo["transport"] == {
        "data_folder_in": str(tmp_path),
        "data_folder_out": str(tmp_path),
        "control_folder": str(tmp_path / "control"),
        "store_processed": False,
    }
    assert (bare["eager"], bare["dev_key"]) == (True, True)
