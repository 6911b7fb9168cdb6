from django.db import migrations

from desk.roles import grant_permissions

VIEW = ["renovation.view_permit"]
APPLY = ["renovation.add_permit"]
PATROL = ["renovation.patrol_permit"]
REVIEW = ["renovation.accept_permit", "renovation.view_weekly_report"]

TABLE = {
    # The front desk takes applications; reps patrol; the supervisor accepts and reports;
    # the manager approves (and may do everything else).
    "front_desk": VIEW + APPLY,
    "service_rep": VIEW + APPLY + PATROL,
    "supervisor": VIEW + PATROL + REVIEW,
    "manager": VIEW + APPLY + PATROL + REVIEW + ["renovation.approve_permit"],
}


def grant(apps, schema_editor):
    grant_permissions(apps, TABLE)


class Migration(migrations.Migration):
    dependencies = [("renovation", "0001_initial"), ("desk", "0002_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
