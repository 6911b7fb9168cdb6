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

A check may instead return `MoveOutRefusal(reason, override_permission=...)`: staff who hold
that permission may then move the resident out anyway by giving their own reason (billing:
a manager overrides the arrears check); the reason is kept in the occupancy's history.

**Renovation facts.** A unit's status (vacant / occupied / renovating) has one owner,
`tenants.services.unit_status_refresh`, which derives it from the occupancy and from what
the apps say: an app that knows a unit is under renovation (renovation: an active permit)
registers a check `check(unit) -> bool`, and calls `unit_status_refresh` when that changes:

    register_renovation_check(lambda unit: Permit.objects.active().filter(unit=unit).exists())
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

_unit_sections: dict[str, "UnitSection"] = {}
_move_out_checks: list[Callable[[Any], str | None]] = []
_renovation_checks: list[Callable[[Any], bool]] = []


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


@dataclass(frozen=True)
class MoveOutRefusal:
    """A refusal that staff with `override_permission` may override, giving a reason."""

    reason: str
    override_permission: str | None = None

    def __str__(self):
        return str(self.reason)


def register_move_out_check(check: Callable[[Any], "str | MoveOutRefusal | None"]) -> None:
    if check not in _move_out_checks:
        _move_out_checks.append(check)


def move_out_refusals(occupancy, *, by=None, override_reason: str = "") -> list[str]:
    """The reasons to refuse the move-out; with `by` and an `override_reason`, those of
    them that `by` may override are left out."""
    refusals = [refusal for check in _move_out_checks if (refusal := check(occupancy))]
    if by is not None and override_reason.strip():
        refusals = [
            refusal
            for refusal in refusals
            if not (
                isinstance(refusal, MoveOutRefusal)
                and refusal.override_permission
                and by.has_perm(refusal.override_permission)
            )
        ]
    return [str(refusal) for refusal in refusals]


# **Unit alerts.** What staff must know as soon as a unit is typed (an outage in its
# building): the visit log, the complaint intake and the repair call show them. An app
# registers a function `(unit, now) -> list[UnitAlert]` (one or two queries):
#
#     register_unit_alert("frontdesk.incidents", incident_alerts)


@dataclass(frozen=True)
class UnitAlert:
    title: str
    text: str = ""
    url: str = ""
    key: str = ""  # what a form may link the record to (an incident's id)


_unit_alerts: dict[str, Callable[[Any, Any], list]] = {}


def register_unit_alert(name: str, alerts: Callable[[Any, Any], list]) -> None:
    _unit_alerts[name] = alerts


def unit_alerts(unit, now=None) -> list[UnitAlert]:
    """Every registered app's alerts for the unit at `now` (default: this instant)."""
    from django.utils import timezone

    now = now or timezone.now()
    return [alert for name in sorted(_unit_alerts) for alert in _unit_alerts[name](unit, now)]


# **Unit arrears.** Where billing exists, what the unit owes (Decimal, 0 when settled);
# None when no app keeps accounts. Billing registers `register_unit_arrears(fn)`.

_unit_arrears: list[Callable[[Any], Any]] = []


def register_unit_arrears(arrears: Callable[[Any], Any]) -> None:
    _unit_arrears[:] = [arrears]


def unit_arrears(unit):
    return _unit_arrears[0](unit) if _unit_arrears else None


def register_renovation_check(check: Callable[[Any], bool]) -> None:
    """`check(unit)`: True while the unit is under renovation (an app's active permit)."""
    if check not in _renovation_checks:
        _renovation_checks.append(check)


def unit_is_renovating(unit) -> bool:
    return any(check(unit) for check in _renovation_checks)
