from django.db import migrations

from desk.roles import grant_permissions

# The housekeeping supervisor makes work orders: from a finding of their cleaning,
# greening and pest-control rounds (inspections:finding_order), and by hand.
TABLE = {"housekeeping_supervisor": ["workorders.add_workorder"]}


def grant(apps, schema_editor):
    grant_permissions(apps, TABLE)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, perms in TABLE.items():
        for perm in perms:
            app_label, codename = perm.split(".")
            for group in Group.objects.filter(name=role):
                group.permissions.remove(
                    *Permission.objects.filter(
                        content_type__app_label=app_label, codename=codename
                    )
                )


class Migration(migrations.Migration):
    dependencies = [("workorders", "0009_phone_through_resident")]

    operations = [migrations.RunPython(grant, revoke)]
