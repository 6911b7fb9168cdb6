"""The version of the ended months' collection figures (billing/figures.py): a sequence that
a waiver or a bill run moves on."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("billing", "0009_figures_version"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE SEQUENCE billing_history_version",
            "DROP SEQUENCE billing_history_version",
        ),
    ]
