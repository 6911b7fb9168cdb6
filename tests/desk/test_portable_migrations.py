"""The demo (`make run`) migrates an embedded SQLite database from nothing; production runs
PostgreSQL. So a migration holds no raw SQL: SQL that only PostgreSQL knows (a sequence, an
index type) runs in a RunPython that asks the connection's vendor first, as
billing/migrations/0009_figures_version.py does."""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import RunSQL


def _project_apps():
    """The apps of this repository (not Django's or a package's)."""
    root = Path(settings.BASE_DIR).resolve()
    return {
        config.label
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(root)
        and ".venv" not in Path(config.path).parts
    }


def test_no_migration_runs_raw_sql_that_the_demos_sqlite_would_refuse():
    loader = MigrationLoader(None, ignore_no_migrations=True)  # the files, no database
    project_apps = _project_apps()
    assert {"desk", "billing"} <= project_apps
    raw = sorted(
        f"{app}.{name}"
        for (app, name), migration in loader.disk_migrations.items()
        if any(isinstance(operation, RunSQL) for operation in migration.operations)
        and app in project_apps
    )
    assert raw == []
