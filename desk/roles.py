"""The seven roles of the customer service department, as Django groups.

Groups are created by data migrations. Each app's data migration grants its own
permissions to the roles with `grant_permissions`, so the role → permission table of
an app lives next to that app's models.
"""

from django.utils.translation import gettext_lazy as _

FRONT_DESK = "front_desk"
SERVICE_REP = "service_rep"
SUPERVISOR = "supervisor"
HOUSEKEEPING = "housekeeping_supervisor"
CASHIER = "cashier"
TECHNICIAN = "technician"
MANAGER = "manager"

ROLES = [FRONT_DESK, SERVICE_REP, SUPERVISOR, HOUSEKEEPING, CASHIER, TECHNICIAN, MANAGER]

ROLE_LABELS = {
    FRONT_DESK: _("Front desk"),
    SERVICE_REP: _("Service rep"),
    SUPERVISOR: _("Supervisor"),
    HOUSEKEEPING: _("Housekeeping supervisor"),
    CASHIER: _("Cashier"),
    TECHNICIAN: _("Technician"),
    MANAGER: _("Manager"),
}

ROLE_CHOICES = [(role, ROLE_LABELS[role]) for role in ROLES]


def role_label(group_name):
    return ROLE_LABELS.get(group_name, group_name)


def user_roles(user):
    """The role names of a user, in the order of ROLES."""
    names = {g.name for g in user.groups.all()}
    return [role for role in ROLES if role in names]


def grant_permissions(apps, table):
    """For data migrations: give each role the permissions listed for it.

    `table` maps a role to "app_label.codename" strings. Permissions are created first,
    since on a fresh database they only appear after all migrations have run.
    """
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, perms in table.items():
        group, _created = Group.objects.get_or_create(name=role)
        for perm in perms:
            app_label, codename = perm.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
