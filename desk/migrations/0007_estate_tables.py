"""Step 3 of 3 of Estate's move to desk (see desk 0006): the tables take desk's names
(`desk_estate`, `desk_estate_staff`, `desk_historicalestate`; rows, ids and the links that
point at them stay), and the content types follow, so the roles keep their estate
permissions (now `desk.view_estate`, `desk.change_estate`) and the admin log its entries.
"""

from django.db import migrations

from desk.roles import ROLES, grant_permissions

MOVED = ["estate", "historicalestate"]


def move_content_types(apps, schema_editor, source="tenants", target="desk"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for model in MOVED:
        old = ContentType.objects.filter(app_label=source, model=model).first()
        if old is None:
            continue  # a fresh database: the grants below make them
        new = ContentType.objects.filter(app_label=target, model=model).first()
        if new is None:
            old.app_label = target
            old.save(update_fields=["app_label"])
            continue
        # Both exist (the target's made by an earlier grant): carry the grants over, drop the old.
        for permission in Permission.objects.filter(content_type=old):
            same = Permission.objects.filter(content_type=new, codename=permission.codename)
            if twin := same.first():
                twin.group_set.add(*permission.group_set.all())
                twin.user_set.add(*permission.user_set.all())
        old.delete()


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="desk", target="tenants")


def grant(apps, schema_editor):
    # What tenants 0002 granted for the estate before it moved.
    table = {role: ["desk.view_estate"] for role in ROLES}
    table["manager"].append("desk.change_estate")
    grant_permissions(apps, table)


class Migration(migrations.Migration):

    dependencies = [
        ("desk", "0006_estate"),
        ("tenants", "0005_estate_to_desk"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.AlterModelTable(name="estate", table=None),
        migrations.AlterModelTable(name="historicalestate", table=None),
        migrations.RunPython(move_content_types, move_content_types_back),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
