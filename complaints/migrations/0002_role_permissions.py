from django.db import migrations

from desk.roles import grant_permissions

VIEW = ["complaints.view_complaint"]
HANDLE = VIEW + ["complaints.add_complaint", "complaints.handle_complaint"]
OVERSEE = HANDLE + [
    "complaints.rule_complaint",
    "complaints.view_complaint_board",
    "complaints.view_complaint_analysis",
]

# Technicians have no complaint access: their work comes as work orders.
TABLE = {
    "front_desk": HANDLE,
    "service_rep": HANDLE,
    "supervisor": OVERSEE,
    "manager": OVERSEE,
    # Housekeeping (cleaning complaints) and the cashier (fee complaints) read them.
    "housekeeping_supervisor": VIEW,
    "cashier": VIEW,
}


def grant(apps, schema_editor):
    grant_permissions(apps, TABLE)


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_initial"), ("desk", "0002_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
