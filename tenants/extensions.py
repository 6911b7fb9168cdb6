"""Extension points through which later apps plug into the register.

**Unit page sections.** The unit page shows the register's own facts, then one section
per app (bills, complaints, work orders, renovation, mail...). An app adds its section
in its `AppConfig.ready()`:

    register_unit_section(UnitSection(
        key="complaints", title=_("Complaints"), template="complaints/unit_section.html",
        permission="complaints.view_complaint", order=30,
        context=lambda unit, user: {"complaints": recent_complaints(unit)},
    ))

`context` must run a constant number of queries (the unit page's budget is fixed).

**Move-out checks.** Before a resident moves out, every registered check is asked; a
check returns a translated reason to refuse (billing: "the unit has arrears") or None:

    register_move_out_check(lambda occupancy: _("Arrears") if has_arrears(...) else None)
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

_unit_sections: dict[str, "UnitSection"] = {}
_move_out_checks: list[Callable[[Any], str | None]] = []


@dataclass(frozen=True)
class UnitSection:
    key: str
    title: str
    template: str
    context: Callable[[Any, Any], dict] = field(default=lambda unit, user: {})
    permission: str | None = None
    order: int = 100


def register_unit_section(section: UnitSection) -> None:
    _unit_sections[section.key] = section


def unit_sections_for(user) -> list[UnitSection]:
    sections = sorted(_unit_sections.values(), key=lambda s: (s.order, s.key))
    return [s for s in sections if s.permission is None or user.has_perm(s.permission)]


def register_move_out_check(check: Callable[[Any], str | None]) -> None:
    if check not in _move_out_checks:
        _move_out_checks.append(check)


def move_out_refusals(occupancy) -> list[str]:
    return [reason for check in _move_out_checks if (reason := check(occupancy))]
