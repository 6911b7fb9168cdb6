"""The demo runs its schedules: the worker of `make run` (Procfile.dev, on a folder as its
broker, no Redis) escalates a complaint left unanswered past its 30 minutes."""

import os
import shlex
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from celery.beat import ScheduleEntry, Scheduler
from django.conf import settings as django_settings
from django.db import connection
from kombu import Connection

from complaints.models import Complaint
from desk.celery import app as celery_app
from tests.factories import ComplaintFactory

pytestmark = [
    pytest.mark.usefixtures("roles_survive_the_flush"),
    pytest.mark.skipif(
        "postgresql" not in django_settings.DATABASES["default"]["ENGINE"],
        reason="the worker process needs the test database: PostgreSQL",
    ),
]

ESCALATION = "complaints.escalate_overdue"


def _demo_worker_command():
    procfile = (Path(django_settings.BASE_DIR) / "Procfile.dev").read_text()
    (line,) = [line for line in procfile.splitlines() if line.startswith("worker:")]
    return line.removeprefix("worker:").strip()


def _database_url():
    db = connection.settings_dict
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{db['USER']}@{host}/{db['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_the_demo_worker_escalates_a_complaint_left_unanswered(
    unit, supervisor, tmp_path, settings
):
    settings.CELERY_TASK_ALWAYS_EAGER = False  # to the worker, also without REDIS_URL
    # The worker's clock is the machine's, also when the suite's is moved (--clock).
    hatch = time_machine.escape_hatch
    machine_time = hatch.time.time() if hatch.is_travelling() else time.time()
    machine_now = datetime.fromtimestamp(machine_time, tz=UTC)
    overdue = ComplaintFactory(unit=unit, received_at=machine_now - timedelta(minutes=31))
    broker = tmp_path / "broker"
    broker.mkdir()
    bin_dir = Path(sys.executable).parent
    env = {
        "PATH": f"{bin_dir}:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "DEBUG": "true",  # as `make run` sets it
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_DIR": str(broker),
    }
    worker = subprocess.Popen(
        ["sh", "-c", f"exec {_demo_worker_command()}"],
        env=env,
        cwd=django_settings.BASE_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        # What beat does every minute, published into the worker's folder (beat itself waits
        # for the next minute: `make run` shows that by hand, see README).
        entry = django_settings.CELERY_BEAT_SCHEDULE[ESCALATION]
        options = {  # as desk.settings sets them for CELERY_BROKER_DIR
            "data_folder_in": str(broker),
            "data_folder_out": str(broker),
            "control_folder": str(broker / "control"),
        }
        with (
            Connection("filesystem://", transport_options=options) as conn,
            conn.Producer() as producer,
        ):
            Scheduler(celery_app, lazy=True).apply_async(
                ScheduleEntry(name=ESCALATION, app=celery_app, **entry),
                producer=producer,
                advance=False,
            )
        deadline = time.monotonic() + 45
        while time.monotonic() < deadline and worker.poll() is None:
            overdue.refresh_from_db()
            if overdue.escalation_level == Complaint.Escalation.SUPERVISOR:
                break
            time.sleep(0.3)
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        output = worker.communicate(timeout=30)[0].decode(errors="replace")
        connection.close()

    assert overdue.escalation_level == Complaint.Escalation.SUPERVISOR, output[-3000:]
    assert (broker / "control" / "celery.exchange").is_file()  # nothing outside the folder
    assert "beat: Starting..." in output, output[-3000:]
    assert shlex.split(_demo_worker_command())[:5] == ["celery", "-A", "desk", "worker", "--beat"]
