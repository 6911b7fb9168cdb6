"""Complaint numbers move to desk.NumberSequence (kind "TS"): copy each year's last number,
then drop ComplaintSequence. A database at TS-2026-000123 continues at 124."""

from django.db import migrations

KIND = "TS"


def copy_to_desk(apps, schema_editor):
    try:
        ComplaintSequence = apps.get_model("complaints", "ComplaintSequence")
    except LookupError:  # run again on the final state (tests/migration_data.py): nothing to copy
        return
    NumberSequence = apps.get_model("desk", "NumberSequence")
    for year, last in ComplaintSequence.objects.values_list("year", "last"):
        series, _ = NumberSequence.objects.get_or_create(kind=KIND, estate=None, year=year)
        if last > series.last:
            series.last = last
            series.save(update_fields=["last"])


def copy_back(apps, schema_editor):
    ComplaintSequence = apps.get_model("complaints", "ComplaintSequence")
    NumberSequence = apps.get_model("desk", "NumberSequence")
    for year, last in NumberSequence.objects.filter(kind=KIND, estate=None).values_list(
        "year", "last"
    ):
        ComplaintSequence.objects.update_or_create(year=year, defaults={"last": last})


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0004_answered_late"),
        ("desk", "0005_number_sequence"),
    ]

    operations = [
        migrations.RunPython(copy_to_desk, copy_back),
        migrations.DeleteModel(name="ComplaintSequence"),
    ]
