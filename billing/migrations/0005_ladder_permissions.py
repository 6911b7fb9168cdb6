from django.db import migrations

from desk.roles import grant_permissions

TABLE = {
    # The front desk prints the notices the reminder run queues; the fee centre too.
    "front_desk": ["billing.print_notice"],
    "cashier": ["billing.print_notice"],
    # Who visits records what the visit heard.
    "service_rep": ["billing.record_outcome"],
    "supervisor": ["billing.record_outcome", "billing.print_notice"],
    "manager": [
        "billing.record_outcome",
        "billing.print_notice",
        "billing.change_laddersettings",
    ],
}


def grant(apps, schema_editor):
    grant_permissions(apps, TABLE)


class Migration(migrations.Migration):
    dependencies = [("billing", "0004_ladder"), ("desk", "0002_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
