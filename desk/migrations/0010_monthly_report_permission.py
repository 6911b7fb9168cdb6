"""The monthly statistics workbook's permission, for the manager."""

from django.db import migrations

from desk.roles import grant_permissions


def grant(apps, schema_editor):
    grant_permissions(apps, {"manager": ["desk.build_monthly_report"]})


class Migration(migrations.Migration):
    dependencies = [
        ("desk", "0009_job_attempts"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="job",
            options={
                "ordering": ["-created_at", "-pk"],
                "permissions": [
                    (
                        "build_monthly_report",
                        "Can build and download the monthly statistics workbook",
                    )
                ],
                "verbose_name": "job",
                "verbose_name_plural": "jobs",
            },
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
