"""The permission matrix: every URL the project defines × every role.

Each app lists its URLs in `tests/<app>/matrix.py`:

    def build(world):            # optional: add the app's objects to the world
        world.complaint = ComplaintFactory(unit=world.unit)

    CASES = [
        Case("complaints:detail", args=lambda w: [w.complaint.pk], allowed=ALL_ROLES),
        Case("complaints:respond", args=..., method="post", allowed={SERVICE_REP, ...}),
    ]

For each case and role the test expects: `ok` (200 unless given) for allowed roles,
403 for the others, a redirect to the login page for anonymous users, and — for a
URL about one object (`scoped=True`, the default when args are given) — 404 for a
manager of another estate.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from desk import roles

ALL_ROLES = frozenset(roles.ROLES)
DESK_ROLES = frozenset({roles.FRONT_DESK, roles.SERVICE_REP, roles.SUPERVISOR, roles.MANAGER})


@dataclass
class Case:
    url_name: str
    allowed: frozenset
    args: Callable = field(default=lambda world: [])
    method: str = "get"
    data: Callable = field(default=lambda world: {})
    ok: int = 200
    scoped: bool | None = None  # None: scoped when the URL takes arguments
    note: str = ""

    def __post_init__(self):
        self.allowed = frozenset(self.allowed)


class World:
    """The objects the matrix needs, built once per test."""
