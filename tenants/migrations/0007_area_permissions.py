from django.db import migrations

from desk.roles import grant_permissions

# The manager divides the estate's buildings into areas and names their reps.
TABLE = {
    "manager": [
        "tenants.view_area",
        "tenants.add_area",
        "tenants.change_area",
        "tenants.delete_area",
    ]
}


def grant(apps, schema_editor):
    grant_permissions(apps, TABLE)


class Migration(migrations.Migration):
    dependencies = [("tenants", "0006_areas"), ("desk", "0002_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
