from django.db import migrations

from desk.roles import ROLES, grant_permissions

# The estate's permissions (view to every role, change to the manager) were granted here
# too; since the estate moved to desk they are desk's (desk 0007 grants and carries them).
VIEW = ["tenants.view_building", "tenants.view_unit", "tenants.view_resident"]
DESK_WORK = [
    "tenants.add_resident",
    "tenants.change_resident",
    "tenants.manage_occupancy",
    "tenants.export_register",
]
REGISTER_UPKEEP = [
    "tenants.add_building",
    "tenants.change_building",
    "tenants.add_unit",
    "tenants.change_unit",
    "tenants.import_register",
]

TABLE = {role: list(VIEW) for role in ROLES}
TABLE["front_desk"] += DESK_WORK
TABLE["service_rep"] += DESK_WORK
TABLE["cashier"] += ["tenants.export_register"]
TABLE["supervisor"] += DESK_WORK + REGISTER_UPKEEP + ["tenants.reveal_contact"]
TABLE["manager"] += (
    DESK_WORK
    + REGISTER_UPKEEP
    + [
        "tenants.view_contact_details",
        "tenants.view_contactreveal",
    ]
)


def grant(apps, schema_editor):
    grant_permissions(apps, TABLE)


class Migration(migrations.Migration):
    dependencies = [("tenants", "0001_initial"), ("desk", "0002_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
