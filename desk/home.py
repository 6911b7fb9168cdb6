"""The home page's panels: what each role sees first, added by the apps.

An app adds a panel from its `AppConfig.ready()` (in `<app>/hooks.py`):

    register_home_panel("tenants.estates", roles=ROLES, template="tenants/home_estates.html",
                        context=lambda request: {"estates": estates_with_unit_counts(request.user)},
                        order=50)

`context(request)` is a selector call: its queries run inside the home page's budget
(tests/desk/test_home.py counts them per role). The home page renders, in `order`, the
panels registered for one of the user's roles (a superuser sees them all), on a grid: one
screen of cards on a desk monitor, one column to scroll on a phone. A panel that is a row
of buttons or of cards of its own says `wide=True` and takes the grid's whole width.
Every number on a panel links to the filtered list behind it; a chart includes
`partials/chart.html` (desk/charts.py), which has the same figures as a table.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string

from desk.roles import user_roles


@dataclass(frozen=True)
class HomePanel:
    name: str
    roles: frozenset
    template: str
    context: Callable
    order: int = 100
    wide: bool = False


@dataclass(frozen=True)
class RenderedPanel:
    name: str
    wide: bool
    html: str

    def __str__(self):
        return self.html


_panels: dict[str, HomePanel] = {}


def register_home_panel(name, *, roles, template, context, order=100, wide=False) -> HomePanel:
    """Add (or replace, by name) a panel of the home page."""
    panel = HomePanel(name, frozenset(roles), template, context, order, wide)
    _panels[name] = panel
    return panel


def home_panels() -> list[HomePanel]:
    """Every registered panel, in order."""
    return sorted(_panels.values(), key=lambda panel: (panel.order, panel.name))


def home_panels_for(request, roles=None) -> list[HomePanel]:
    """The panels registered for one of the user's roles (read unless given), in order."""
    user = request.user
    held = set(user_roles(user) if roles is None else roles)
    return [panel for panel in home_panels() if user.is_superuser or panel.roles & held]


def render_home_panels(request, roles=None) -> list[RenderedPanel]:
    """Each of the user's panels rendered: its template with its `context(request)`."""
    return [
        RenderedPanel(
            panel.name,
            panel.wide,
            render_to_string(panel.template, panel.context(request), request=request),
        )
        for panel in home_panels_for(request, roles)
    ]
