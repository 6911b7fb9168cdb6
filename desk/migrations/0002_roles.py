from django.db import migrations

from desk.roles import ROLES, grant_permissions


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for role in ROLES:
        Group.objects.get_or_create(name=role)
    grant_permissions(apps, {"manager": ["desk.manage_staff"]})


class Migration(migrations.Migration):
    dependencies = [("desk", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
