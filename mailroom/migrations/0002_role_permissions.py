from django.db import migrations

from desk.roles import grant_permissions

VIEW = ["mailroom.view_mailitem"]
DESK = VIEW + [
    "mailroom.add_mailitem",
    "mailroom.change_mailitem",
    "mailroom.hand_out_mailitem",
    "mailroom.void_mailitem",
    "mailroom.export_mailitems",
]

TABLE = {
    "front_desk": DESK,
    "service_rep": VIEW,
    "supervisor": DESK,
    "manager": DESK + ["mailroom.change_mailsettings"],
}


def grant(apps, schema_editor):
    grant_permissions(apps, TABLE)


class Migration(migrations.Migration):
    dependencies = [("mailroom", "0001_initial"), ("desk", "0002_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
