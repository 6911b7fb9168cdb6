"""The main navigation: each entry is shown to the roles that hold its permission.

Apps add their entries from their `AppConfig.ready()` (in `<app>/hooks.py`):

    register_nav_item("complaints:list", _("Complaints"), "megaphone",
                      "complaints.view_complaint", order=30)

Entries show in `order`; an entry whose URL does not resolve is left out.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str
    icon: str
    permission: str | None
    order: int = 100


_items: dict[str, NavItem] = {}


def register_nav_item(url_name, label, icon, permission, order=100) -> NavItem:
    """Add (or replace, by URL name) an entry of the top bar."""
    item = NavItem(url_name, label, icon, permission, order)
    _items[url_name] = item
    return item


def nav_items() -> list[NavItem]:
    """Every registered entry, in order."""
    return sorted(_items.values(), key=lambda item: (item.order, item.url_name))


def navigation_for(user):
    items = []
    for item in nav_items():
        if item.permission and not user.has_perm(item.permission):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue  # an app that is not built yet
        items.append({"url": url, "label": item.label, "icon": item.icon, "name": item.url_name})
    return items


def register():
    """desk's own entries: the home page first, the manager's pages late."""
    register_nav_item("home", _("Home"), "house", None, order=0)
    register_nav_item(
        "reports", _("Reports"), "file-earmark-bar-graph", "desk.build_monthly_report", order=65
    )
    register_nav_item("staff_list", _("Staff"), "person-badge", "desk.manage_staff", order=70)
    register_nav_item(
        "estate_settings_list", _("Estate settings"), "gear", "desk.change_estate", order=80
    )
