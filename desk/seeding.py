"""Demo and reference data: the contract every app's seeder follows.

`manage.py seed_demo [--scale demo|reference] [--seed N]` builds a `SeedContext` and
calls every registered seeder, in order, inside one transaction. A seeder is a function

    def seed(ctx: SeedContext) -> None: ...

in `<app>/seed.py`, registered from the app's `AppConfig.ready()` (in `<app>/hooks.py`):

    register_seeder("complaints", seed, order=30)

The register's seeder (order 10) makes the estates; it also says which of the scale's
estates exist already (`existing=`), so that a seeded database is not seeded twice.
desk's staff seeder runs at order 20; the other apps' seeders come after it.

What a seeder gets on `ctx`:

- `ctx.scale`: "tiny" (tests only), "demo" (the `make run` estate) or "reference"
  (the estate of DESIGN.md "Scale", used by `bench/`).
- `ctx.rng`: a `random.Random(seed)`. Use it for *every* random choice, and iterate in a
  fixed order (order_by the natural key or pk), so that one seed gives the same data.
  Never use the `random` module or `uuid4` directly.
- `ctx.now`: the anchor time (aware; the start of the current hour). Every seeded time is
  at or before it; derive dates from it (`ctx.now - timedelta(days=...)`), never call
  `timezone.now()` yourself.
- `ctx.sizes`: how much to make at this scale, e.g. `ctx.sizes["complaints"]`. Read a key
  this file does not list yet with `ctx.sizes.get("my_key", default)` and add it to
  `SCALES` below when you can.
- `ctx.estates`: the estates (desk.Estate), filled by the register's seeder. Their
  buildings, units, residents and current occupancies exist when later seeders run.
  The busy unit `3-1502` of `ctx.estates[0]` (building "3", unit "1502") has a long
  history; the benchmark times its page, so give it a fair share of your records too.
- `ctx.staff`: the staff by role, `ctx.staff[roles.TECHNICIAN]` is a list of users (the
  first is the printed login of that role, who works in every estate of the scale; the
  others work in one estate each: `user.estates`). Use it for assignees and actors.
- `ctx.log(message)`: progress output.

Rules for seeders: write with `bulk_create(..., batch_size=2000)` (the reference scale
must seed in under 5 minutes on 2 cores), build records in memory first, do not call
Celery tasks or send mail. Seeders may call service functions for a handful of records
where the rule matters more than speed. simple-history does not record bulk_create;
that is accepted for seeded data. A seeder runs once per database: when the scale's
estates already exist, `seed_demo` only re-ensures the logins.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from desk import roles


@dataclass(frozen=True)
class Seeder:
    name: str
    seed: Callable
    order: int = 100
    existing: Callable | None = None  # ctx -> the scale's estates already seeded, or []


_seeders: dict[str, Seeder] = {}


def register_seeder(name, seed, *, order=100, existing=None) -> Seeder:
    """Add (or replace, by name) a seeder of the demo and reference data."""
    seeder = Seeder(name, seed, order, existing)
    _seeders[name] = seeder
    return seeder


def seeders() -> list[Seeder]:
    """Every registered seeder, in the order they run."""
    return sorted(_seeders.values(), key=lambda seeder: (seeder.order, seeder.name))


# How much each scale makes. "reference" is the estate of DESIGN.md "Scale".
SCALES = {
    "tiny": {
        "estates": 1,
        "buildings": 2,
        "units": 24,
        "residents": 36,
        "bill_months": 2,
        "complaints": 12,
        "work_orders": 12,
        "mail_items": 12,
        "patrol_rounds": 6,
        "renovation_permits": 2,
    },
    "demo": {
        "estates": 1,
        "buildings": 5,
        "units": 200,
        "residents": 300,
        "bill_months": 6,
        "complaints": 150,
        "work_orders": 200,
        "mail_items": 150,
        "patrol_rounds": 60,
        "renovation_permits": 10,
    },
    "reference": {
        "estates": 3,
        "buildings": 40,
        "units": 10_000,
        "residents": 15_000,
        "bill_months": 24,
        "bill_lines": 720_000,
        "complaints": 60_000,
        "work_orders": 120_000,
        "mail_items": 200_000,
        "patrol_rounds": 100_000,
        "renovation_permits": 1_500,
    },
}

# The printed login of each role. One documented password: this is demo data only.
DEMO_PASSWORD = "desk-demo-2026"
LOGINS = {
    roles.FRONT_DESK: ("frontdesk", "李娜"),
    roles.SERVICE_REP: ("rep", "王强"),
    roles.SUPERVISOR: ("supervisor", "陈静"),
    roles.HOUSEKEEPING: ("housekeeping", "赵敏"),
    roles.CASHIER: ("cashier", "刘芳"),
    roles.TECHNICIAN: ("technician", "张磊"),
    roles.MANAGER: ("manager", "周建国"),
}
# Further staff per estate at each scale (the technicians a dispatcher picks from...).
EXTRA_STAFF = {
    "tiny": {},
    "demo": {roles.TECHNICIAN: 3, roles.SERVICE_REP: 2, roles.FRONT_DESK: 1},
    "reference": {
        roles.TECHNICIAN: 10,
        roles.SERVICE_REP: 6,
        roles.FRONT_DESK: 3,
        roles.SUPERVISOR: 2,
        roles.HOUSEKEEPING: 2,
        roles.CASHIER: 2,
    },
}
_STAFF_NAMES = [
    "王伟",
    "李军",
    "张勇",
    "刘洋",
    "陈杰",
    "杨磊",
    "黄涛",
    "赵明",
    "吴超",
    "周鹏",
    "徐斌",
    "孙浩",
    "马辉",
    "朱峰",
    "胡俊",
    "郭亮",
]
_ROLE_SLUG = {
    roles.FRONT_DESK: "desk",
    roles.SERVICE_REP: "rep",
    roles.SUPERVISOR: "sup",
    roles.HOUSEKEEPING: "hk",
    roles.CASHIER: "cash",
    roles.TECHNICIAN: "tech",
    roles.MANAGER: "mgr",
}


@dataclass
class SeedContext:
    scale: str
    rng: random.Random
    now: datetime
    sizes: dict[str, int]
    seed: int = 1
    estates: list = field(default_factory=list)
    staff: dict[str, list] = field(default_factory=dict)
    log: Callable[[str], None] = field(default=lambda message: None)


def make_context(scale="demo", seed=1, now=None, log=None):
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}; one of {', '.join(SCALES)}")
    if now is None:
        now = timezone.now().replace(minute=0, second=0, microsecond=0)
    return SeedContext(
        scale=scale,
        rng=random.Random(seed),
        now=now,
        sizes=dict(SCALES[scale]),
        seed=seed,
        log=log or (lambda message: None),
    )


def existing_estates(ctx):
    """The scale's estates if they were seeded already (as the register's seeder says)."""
    for seeder in seeders():
        if seeder.existing is not None and (found := seeder.existing(ctx)):
            return found
    return []


def run(scale="demo", seed=1, now=None, log=None):
    """Seed the scale unless it exists; always (re)ensure the logins.

    Returns (ctx, ran): `ran` lists the names of the seeders that ran (empty when the data
    existed).
    """
    ctx = make_context(scale, seed, now=now, log=log)
    existing = existing_estates(ctx)
    if existing:
        ctx.estates = existing
        ensure_staff(ctx)
        return ctx, []
    ran = []
    with transaction.atomic():
        for seeder in seeders():
            started = timezone.now()
            seeder.seed(ctx)
            ran.append(seeder.name)
            seconds = (timezone.now() - started).total_seconds()
            ctx.log(f"  {seeder.name}: {seconds:.1f} s")
    return ctx, ran


def seed_staff(ctx):
    """The seeder of the staff: the printed logins and the further staff per estate."""
    ensure_staff(ctx)


def ensure_staff(ctx):
    """Create or repair the logins of the scale; fills `ctx.staff`. Idempotent."""
    from django.contrib.auth.models import Group

    from desk.models import User

    password = make_password(DEMO_PASSWORD)
    groups = {g.name: g for g in Group.objects.filter(name__in=roles.ROLES)}
    wanted = []  # (username, name, role, estates)
    for role in roles.ROLES:
        username, name = LOGINS[role]
        wanted.append((username, name, role, ctx.estates))
    names = iter(_STAFF_NAMES * 10)
    for estate in ctx.estates:
        for role, count in EXTRA_STAFF[ctx.scale].items():
            for i in range(2, count + 2):
                username = f"{estate.code.lower()}-{_ROLE_SLUG[role]}-{i:02d}"
                wanted.append((username, next(names), role, [estate]))

    existing = {u.username: u for u in User.objects.filter(username__in=[w[0] for w in wanted])}
    User.objects.bulk_create(
        [
            User(username=username, first_name=name, password=password, is_active=True)
            for username, name, _role, _estates in wanted
            if username not in existing
        ],
        batch_size=500,
    )
    users = {u.username: u for u in User.objects.filter(username__in=[w[0] for w in wanted])}
    primary = [LOGINS[role][0] for role in roles.ROLES]
    User.objects.filter(username__in=primary).update(password=password, is_active=True)

    Membership = User.groups.through
    Staffing = User.estates.through
    Membership.objects.bulk_create(
        [
            Membership(user_id=users[username].pk, group_id=groups[role].pk)
            for username, _name, role, _estates in wanted
        ],
        ignore_conflicts=True,
    )
    Staffing.objects.bulk_create(
        [
            Staffing(user_id=users[username].pk, estate_id=estate.pk)
            for username, _name, _role, estates in wanted
            for estate in estates
        ],
        ignore_conflicts=True,
    )
    ctx.staff = {role: [] for role in roles.ROLES}
    for username, _name, role, _estates in wanted:
        ctx.staff[role].append(users[username])
    return ctx.staff


def register():
    """desk's own seeder: the staff, once the register has made the estates."""
    register_seeder("desk.staff", seed_staff, order=20)


def login_rows():
    """(role label, username, password) of each printed login."""
    return [(str(roles.ROLE_LABELS[role]), LOGINS[role][0], DEMO_PASSWORD) for role in roles.ROLES]
