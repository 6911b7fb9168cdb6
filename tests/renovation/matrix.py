"""Renovation URLs × roles: the front desk and reps take applications, only a manager
approves; reps, supervisors and managers patrol; supervisors and managers accept and read
the weekly report. Housekeeping, the cashier and technicians see none of it."""

from desk import roles
from tests.matrix import Case

FRONT, REP, SUPERVISOR, MANAGER = (
    roles.FRONT_DESK,
    roles.SERVICE_REP,
    roles.SUPERVISOR,
    roles.MANAGER,
)
VIEWERS = {FRONT, REP, SUPERVISOR, MANAGER}
APPLICANTS = {FRONT, REP, MANAGER}
PATROLLERS = {REP, SUPERVISOR, MANAGER}
REVIEWERS = {SUPERVISOR, MANAGER}


def _pk(name):
    return lambda world: [getattr(world, name).pk]


def build(world):
    from renovation import services
    from tests.factories import OccupancyFactory, UnitFactory
    from tests.renovation.conftest import all_ok, apply_for, photo

    front, manager, rep = (world.users[r] for r in (FRONT, MANAGER, REP))
    # Structural works: an empty approval is refused (the form again), never approved.
    world.renovation_application = apply_for(
        world.unit, world.resident, front, scopes=["structural"], description="拆隔墙"
    )
    other = UnitFactory(building=world.building, number="1601", floor=16)
    owner = OccupancyFactory(unit=other).resident
    world.renovation_permit = services.permit_approve(
        permit=apply_for(other, owner, front), by=manager
    )
    patrol = services.patrol_record(
        permit=world.renovation_permit, by=rep, checklist=all_ok(), photos=[photo()]
    )
    world.patrol_photo = patrol.photos.get()
    world.renovation_violation = services.violation_record(
        permit=world.renovation_permit, by=rep, kind="facade", description="擅改外窗"
    )


CASES = [
    Case("renovation:list", allowed=VIEWERS),
    Case("renovation:export", allowed=VIEWERS),
    Case("renovation:violation_list", allowed=VIEWERS),
    Case("renovation:violation_export", allowed=VIEWERS),
    Case("renovation:apply", allowed=APPLICANTS),
    Case("renovation:apply", method="post", allowed=APPLICANTS, note="empty: the form again"),
    Case("renovation:today", allowed=PATROLLERS),
    Case("renovation:weekly", allowed=REVIEWERS),
    Case("renovation:weekly_export", allowed=REVIEWERS),
    Case("renovation:detail", args=_pk("renovation_permit"), allowed=VIEWERS),
    Case("renovation:approve", args=_pk("renovation_application"), allowed={MANAGER}),
    Case(
        "renovation:approve",
        args=_pk("renovation_application"),
        method="post",
        allowed={MANAGER},
        note="empty: structural works need what is allowed, the form again",
    ),
    Case("renovation:reject", args=_pk("renovation_application"), allowed={MANAGER}),
    Case("renovation:reject", args=_pk("renovation_application"), method="post", allowed={MANAGER}),
    Case("renovation:patrol", args=_pk("renovation_permit"), allowed=PATROLLERS),
    Case("renovation:patrol", args=_pk("renovation_permit"), method="post", allowed=PATROLLERS),
    Case("renovation:violation_new", args=_pk("renovation_permit"), allowed=PATROLLERS),
    Case(
        "renovation:violation_new", args=_pk("renovation_permit"), method="post", allowed=PATROLLERS
    ),
    Case("renovation:accept", args=_pk("renovation_permit"), allowed=REVIEWERS),
    Case("renovation:accept", args=_pk("renovation_permit"), method="post", allowed=REVIEWERS),
    Case("renovation:notice", args=_pk("renovation_violation"), allowed=VIEWERS),
    Case("renovation:follow_up", args=_pk("renovation_violation"), allowed=PATROLLERS),
    Case(
        "renovation:follow_up", args=_pk("renovation_violation"), method="post", allowed=PATROLLERS
    ),
    Case(
        "renovation:work_order",
        args=_pk("renovation_violation"),
        method="post",
        ok=302,
        allowed=PATROLLERS,
        note="opens the work order, back to the permit",
    ),
    Case(
        "renovation:money",
        args=_pk("renovation_permit"),
        method="post",
        ok=302,
        allowed={MANAGER},
        note="asks billing again (refused: no fee standard), back to the permit",
    ),
    Case("renovation:photo", args=_pk("patrol_photo"), allowed=VIEWERS),
]
