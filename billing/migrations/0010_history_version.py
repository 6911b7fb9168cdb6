"""The version of the ended months' collection figures (billing/figures.py): a sequence that
a waiver or a bill run moves on; on SQLite (the demo) a counter in the cache."""

from django.db import migrations


def create(apps, schema_editor):
    # Again after a transactional test's flush (tests/migration_data.py): if not there.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE SEQUENCE IF NOT EXISTS billing_history_version")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP SEQUENCE IF EXISTS billing_history_version")


class Migration(migrations.Migration):
    dependencies = [
        ("billing", "0009_figures_version"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
