"""Visit URLs × roles: service reps and supervisors visit and answer the opinions; managers
and the front desk read. Turning an opinion into a case also needs the case app's own
permission to create one."""

from desk import roles
from tests.matrix import Case

FD, REP, SUP, MGR = roles.FRONT_DESK, roles.SERVICE_REP, roles.SUPERVISOR, roles.MANAGER
READERS = {FD, REP, SUP, MGR}
VISITORS = {REP, SUP}


def _pk(name):
    return lambda world: [getattr(world, name).pk]


def build(world):
    from visits import services

    world.visit = services.visit_record(
        unit=world.unit,
        met=world.resident,
        kind="routine",
        opinions=[("楼道灯不亮", "repairs")],
        by=world.users[REP],
    )
    world.opinion = world.visit.opinions.get()


CASES = [
    Case("visits:list", allowed=READERS),
    Case("visits:export", allowed=READERS),
    Case("visits:find_unit", allowed=VISITORS),
    Case("visits:new", args=_pk("unit"), allowed=VISITORS),
    Case("visits:new", args=_pk("unit"), method="post", allowed=VISITORS),
    Case("visits:detail", args=_pk("visit"), allowed=READERS),
    Case("visits:handling", allowed=READERS),
    Case("visits:plan", allowed=READERS),
    Case("visits:opinion_answer", args=_pk("opinion"), allowed=VISITORS),
    Case("visits:opinion_answer", args=_pk("opinion"), method="post", allowed=VISITORS),
    Case("visits:opinion_to_complaint", args=_pk("opinion"), allowed=VISITORS),
    Case("visits:opinion_to_complaint", args=_pk("opinion"), method="post", allowed=VISITORS),
    Case("visits:opinion_to_work_order", args=_pk("opinion"), allowed=VISITORS),
    Case("visits:opinion_to_work_order", args=_pk("opinion"), method="post", allowed=VISITORS),
]
