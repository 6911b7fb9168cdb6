from django.db import migrations

from desk.roles import grant_permissions

READ = ["visits.view_visit", "visits.view_opinion"]
VISIT = READ + ["visits.add_visit", "visits.change_opinion"]

# Service reps and supervisors visit and answer; managers and the front desk read; a
# manager sets the estate's visit rules.
TABLE = {
    "service_rep": VISIT,
    "supervisor": VISIT,
    "front_desk": READ,
    "manager": READ + ["visits.change_visitsettings"],
}


def grant(apps, schema_editor):
    grant_permissions(apps, TABLE)


class Migration(migrations.Migration):
    dependencies = [("visits", "0001_initial"), ("desk", "0002_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
