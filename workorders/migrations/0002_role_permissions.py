from django.db import migrations

from desk.roles import grant_permissions

VIEW = ["workorders.view_workorder"]
VIEW_ALL = VIEW + ["workorders.view_all_workorders"]
TAKE = ["workorders.add_workorder"]
FOLLOW = [
    "workorders.dispatch_workorder",
    "workorders.verify_workorder",
    "workorders.cancel_workorder",
    "workorders.view_daily_closing",
]
CHECK = ["workorders.view_completion_check"]

TABLE = {
    "front_desk": VIEW_ALL + TAKE,
    "service_rep": VIEW_ALL + TAKE + FOLLOW,
    "supervisor": VIEW_ALL + TAKE + FOLLOW + CHECK,
    "manager": VIEW_ALL + TAKE + FOLLOW + CHECK + ["workorders.change_workordersettings"],
    "housekeeping_supervisor": VIEW_ALL,
    # A technician sees only the orders assigned to them (no view_all_workorders).
    "technician": VIEW + ["workorders.work_workorder"],
}


def grant(apps, schema_editor):
    grant_permissions(apps, TABLE)


class Migration(migrations.Migration):
    dependencies = [("workorders", "0001_initial"), ("desk", "0002_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
