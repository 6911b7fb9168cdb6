"""The machine the suite runs on: which services it uses, and what it could not run here.

Loaded early (`-p tests.machine` in pyproject's addopts), before pytest-django reads the
settings. With DATABASE_URL / REDIS_URL set (or in .env), those are used as they are. Unset, the
machine's PostgreSQL and Redis are used when they answer on their usual ports
(postgres://postgres@127.0.0.1:5432/postgres, redis://127.0.0.1:6379/0; the probes try
PROBE_DATABASE_URL / PROBE_REDIS_URL instead when set), else SQLite and in-process tasks.

The run's last lines name what was not run here and why (the skip reasons, grouped), so a
skipped browser or worker test is never only a number in the summary line.
"""

import os
import socket
import subprocess
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest

MACHINE_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/postgres"
MACHINE_REDIS_URL = "redis://127.0.0.1:6379/0"
SQLITE_URL = "sqlite:///test.sqlite3"  # pytest-django tests on an in-memory copy of it

_found = {}  # what the probes found, for the summary

# Skip reasons the tests share, so the last lines group them.
NEEDS_REDIS = "a real Celery worker needs Redis (set REDIS_URL, or start Redis on :6379)"
NEEDS_POSTGRESQL = (
    "row locks under real concurrency need PostgreSQL (set DATABASE_URL, or start it on :5432)"
)


def _answers(url, default_port, timeout=1.0):
    """A quick look at the port first (a closed one answers at once); a socket-path URL
    (no host) is left to the client."""
    parts = urlsplit(url)
    if not parts.hostname:
        return True
    try:
        with socket.create_connection((parts.hostname, parts.port or default_port), timeout):
            return True
    except OSError:
        return False


def _postgres_answers(url):
    if not _answers(url, 5432):
        return False
    import psycopg

    try:
        psycopg.connect(url, connect_timeout=3).close()
    except psycopg.Error:
        return False
    return True


def _redis_answers(url):
    if not _answers(url, 6379):
        return False
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_timeout=2).ping())
    except redis.RedisError:
        return False


def _choose_services():
    import environ

    # What the settings will read: the environment, then a .env file beside manage.py.
    environ.Env.read_env(Path(__file__).resolve().parent.parent / ".env", overwrite=False)
    if "DATABASE_URL" not in os.environ:
        probe = os.environ.get("PROBE_DATABASE_URL", MACHINE_DATABASE_URL)
        found = _postgres_answers(probe)
        os.environ["DATABASE_URL"] = probe if found else SQLITE_URL
        _found["database"] = probe if found else f"SQLite (no PostgreSQL answered at {probe})"
    if "REDIS_URL" not in os.environ:
        probe = os.environ.get("PROBE_REDIS_URL", MACHINE_REDIS_URL)
        found = _redis_answers(probe)
        os.environ["REDIS_URL"] = probe if found else ""
        _found["redis"] = probe if found else f"in-process tasks (no Redis answered at {probe})"


_choose_services()


def pytest_report_header(config):
    lines = []
    if "database" in _found:
        lines.append(f"database (DATABASE_URL unset): {_found['database']}")
    if "redis" in _found:
        lines.append(f"tasks (REDIS_URL unset): {_found['redis']}")
    return lines


def _skip_reason(report):
    longrepr = report.longrepr
    reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
    return reason.removeprefix("Skipped: ")


def _has_cjk_font():
    try:
        found = subprocess.run(
            ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return bool(found.stdout.strip())


def _browser_tests_ran(terminalreporter):
    return any(
        report.nodeid.startswith("tests/e2e/") and report.when == "call"
        for report in terminalreporter.stats.get("passed", [])
        + terminalreporter.stats.get("failed", [])
    )


@pytest.hookimpl(trylast=True)
def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if hasattr(config, "workerinput"):  # an xdist worker: the controller reports
        return
    skipped = terminalreporter.stats.get("skipped", [])
    reasons = Counter(_skip_reason(report) for report in skipped)
    notes = [f"{name}: {found}" for name, found in _found.items()]
    if _browser_tests_ran(terminalreporter) and not _has_cjk_font():
        notes.append(
            "screenshots: no CJK font, the Chinese pages show boxes "
            "(apt-get install fonts-noto-cjk, or run bin/ensure-browser as root)"
        )
    if not reasons and not notes:
        return
    terminalreporter.section("Not run here" if reasons else "Services", sep="-")
    for note in notes:
        terminalreporter.write_line(note)
    if reasons:
        terminalreporter.write_line(f"Not run here: {sum(reasons.values())} tests")
        for reason, count in sorted(reasons.items(), key=lambda item: (-item[1], item[0])):
            terminalreporter.write_line(f"  {count:4d} × {reason}")
    else:
        terminalreporter.write_line("Everything ran here.")
