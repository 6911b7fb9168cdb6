"""The permission matrix: every URL the project defines × every role.

Each app lists its URLs in `tests/<app>/matrix.py`:

    def build(world):            # optional: add the app's objects to the world
        world.complaint = ComplaintFactory(unit=world.unit)

    CASES = [
        Case("complaints:detail", args=lambda w: [w.complaint.pk], allowed=ALL_ROLES),
        Case("complaints:respond", args=..., method="post", allowed={SERVICE_REP, ...}),
    ]

For each case and role the test expects: `ok` (200 unless given) for allowed roles,
403 for the others, a redirect to the login page for anonymous users (or `anonymous`, the
status of a public URL such as the resident's survey page, whose token is its only key), and — for a
URL about one object (`scoped=True`, the default when args are given) — 404 for a
manager of another estate. Where a role's outcome is something else, `expect` says it:

    Case("workorders:start", args=..., method="post", expect={TECHNICIAN: 302}),
    Case("workorders:detail", args=..., allowed=VIEWERS, expect={TECHNICIAN: 404}),

The roles' users (`m-<role>`, each in `world.estate`) exist before `build`, as
`world.users[role]`, so an app can give them its objects (a technician's own orders).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from desk import roles

ALL_ROLES = frozenset(roles.ROLES)
DESK_ROLES = frozenset({roles.FRONT_DESK, roles.SERVICE_REP, roles.SUPERVISOR, roles.MANAGER})


@dataclass
class Case:
    url_name: str
    allowed: frozenset = frozenset()
    args: Callable = field(default=lambda world: [])
    method: str = "get"
    data: Callable = field(default=lambda world: {})
    ok: int = 200
    scoped: bool | None = None  # None: scoped when the URL takes arguments
    note: str = ""
    expect: dict = field(default_factory=dict)  # role → status, where not `ok` / 403
    # A public URL (the resident's survey page: anonymous, its signed token the only key)
    # gives anonymous users this status instead of the login page.
    anonymous: int | None = None

    def __post_init__(self):
        self.allowed = frozenset(self.allowed)
        unknown = (self.allowed | set(self.expect)) - ALL_ROLES
        if unknown:
            raise ValueError(f"{self.url_name}: no such roles {sorted(unknown)}")

    def expected(self):
        """The status each role should get."""
        return {
            role: self.expect.get(role, self.ok if role in self.allowed else 403)
            for role in roles.ROLES
        }


class World:
    """The objects the matrix needs, built once per test."""
