from django.db import migrations

from desk.roles import grant_permissions

READ = [
    "frontdesk.view_logentry",
    "frontdesk.view_staffmessage",
    "frontdesk.view_incident",
    "frontdesk.view_releasepass",
    "frontdesk.view_handover",
]
DESK = READ + [
    "frontdesk.add_logentry",
    "frontdesk.change_logentry",
    "frontdesk.add_staffmessage",
    "frontdesk.add_incident",
    "frontdesk.change_incident",
    "frontdesk.add_releasepass",
    "frontdesk.change_releasepass",
    "frontdesk.add_handover",
    "frontdesk.change_handover",
]

# The front desk does the work; supervisors and managers read it; a manager keeps the
# estate's handover checklist.
TABLE = {
    "front_desk": DESK,
    "supervisor": READ,
    "manager": READ + ["frontdesk.change_handoverchecklist"],
}


def grant(apps, schema_editor):
    grant_permissions(apps, TABLE)


class Migration(migrations.Migration):
    dependencies = [("frontdesk", "0001_initial"), ("desk", "0002_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
