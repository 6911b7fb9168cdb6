"""The version of the collection figures (billing/figures.py): a sequence that every write
of what is billed, paid or waived moves on."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("billing", "0008_open_drawer_index"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE SEQUENCE billing_figures_version",
            "DROP SEQUENCE billing_figures_version",
        ),
    ]
