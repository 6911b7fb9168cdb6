from django.db import migrations

from desk.roles import grant_permissions

READ = ["visits.view_survey", "visits.view_surveyresponse"]
ENTER = READ + ["visits.add_surveyresponse"]

# A manager builds the surveys; whoever takes the returned sheets (the front desk, the reps,
# the supervisors, the manager) enters their answers and reads the results.
TABLE = {
    "service_rep": ENTER,
    "supervisor": ENTER,
    "front_desk": ENTER,
    "manager": ENTER + ["visits.add_survey"],
}


def grant(apps, schema_editor):
    grant_permissions(apps, TABLE)


class Migration(migrations.Migration):
    dependencies = [("visits", "0005_opinion_unit_required"), ("desk", "0002_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
