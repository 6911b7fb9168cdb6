"""The demo (`make run`) migrates an embedded SQLite database from nothing; production runs
PostgreSQL. So a migration holds no raw SQL: SQL that only PostgreSQL knows (a sequence, an
index type) runs in a RunPython that asks the connection's vendor first, as
billing/migrations/0009_figures_version.py does."""

from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import RunSQL

PROJECT_APPS = {
    "desk",
    "tenants",
    "complaints",
    "workorders",
    "billing",
    "frontdesk",
    "mailroom",
    "renovation",
    "inspections",
    "visits",
}


def test_no_migration_runs_raw_sql_that_the_demos_sqlite_would_refuse():
    loader = MigrationLoader(None, ignore_no_migrations=True)  # the files, no database
    raw = sorted(
        f"{app}.{name}"
        for (app, name), migration in loader.disk_migrations.items()
        if any(isinstance(operation, RunSQL) for operation in migration.operations)
        and app in PROJECT_APPS
    )
    assert raw == []
