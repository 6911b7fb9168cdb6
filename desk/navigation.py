"""The main navigation: each entry is shown to the roles that hold its permission.

Apps add their entries here as they are built: (url name, label, icon, permission).
"""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

NAVIGATION = [
    ("home", _("Home"), "house", None),
    ("tenants:unit_list", _("Units"), "building", "tenants.view_unit"),
    ("tenants:resident_list", _("Residents"), "people", "tenants.view_resident"),
    ("complaints:list", _("Complaints"), "megaphone", "complaints.view_complaint"),
    ("workorders:list", _("Work orders"), "tools", "workorders.view_workorder"),
    ("workorders:my_today", _("My orders today"), "phone", "workorders.work_workorder"),
    ("tenants:import", _("Import"), "upload", "tenants.import_register"),
    ("staff_list", _("Staff"), "person-badge", "desk.manage_staff"),
    ("estate_settings_list", _("Estate settings"), "gear", "desk.change_estate"),
    ("tenants:reveal_log", _("Contact reveals"), "eye", "tenants.view_contactreveal"),
]


def navigation_for(user):
    items = []
    for url_name, label, icon, permission in NAVIGATION:
        if permission and not user.has_perm(permission):
            continue
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue  # an app that is not built yet
        items.append({"url": url, "label": label, "icon": icon, "name": url_name})
    return items
