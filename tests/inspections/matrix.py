"""Patrol URLs × roles: reps, supervisors, the housekeeping supervisor and managers patrol;
supervisors and managers review; the housekeeping supervisor scores contractors; only a
manager sets up checklists, points and rules. Front desk, cashier and technician see none."""

from desk import roles
from tests.matrix import Case

REP, SUP, HK, MGR = roles.SERVICE_REP, roles.SUPERVISOR, roles.HOUSEKEEPING, roles.MANAGER
PATROLLERS = {REP, SUP, HK, MGR}
REVIEWERS = {SUP, MGR}
FOLLOWERS = {SUP, HK, MGR}
SCORERS = {HK, MGR}
ORDER_MAKERS = {REP, SUP, HK, MGR}  # may make work orders and see rounds


def _pk(name):
    return lambda world: [getattr(world, name).pk]


def build(world):
    from inspections import contractors, services
    from inspections.models import ItemCheck, PatrolPoint, RoundType
    from tests.inspections.conftest import photo_upload

    rep = world.users[REP]
    world.round = services.round_start(
        estate=world.estate, round_type=RoundType.PUBLIC_AREA, by=rep, building=world.building
    )
    items = list(world.round.checklist.items.all())
    for item in items:
        services.round_check_item(round=world.round, item=item, ok=True, by=rep)
    world.check = ItemCheck.objects.get(round=world.round, item=items[0])
    world.check.photo = photo_upload()
    world.check.save()
    world.finding = services.finding_add(
        round=world.round, description="灯不亮", photo=photo_upload(), by=rep
    )
    services.round_submit(round=world.round, by=rep)
    world.point = PatrolPoint.objects.create(
        estate=world.estate,
        round_type=RoundType.PUBLIC_AREA,
        building=world.building,
        name="大堂",
        position=1,
    )
    world.contractor = contractors.contractor_add(
        estate=world.estate, name="洁美保洁", service=RoundType.CLEANING
    )
    import datetime

    from desk.clock import estate_today

    world.notice = contractors.notice_issue(
        contractor=world.contractor,
        problem="车库油污",
        deadline=estate_today(world.estate) + datetime.timedelta(days=3),
        by=world.users[HK],
    )


ACT = {"ok": 302}  # a POST that acts (or refuses with a message) and redirects

CASES = [
    Case("inspections:today", allowed=PATROLLERS),
    Case("inspections:start", method="post", allowed=PATROLLERS, **ACT),
    Case("inspections:round", args=_pk("round"), allowed=PATROLLERS),
    Case("inspections:check", args=_pk("round"), method="post", allowed=PATROLLERS, **ACT),
    Case("inspections:scan", args=_pk("round"), method="post", allowed=PATROLLERS, **ACT),
    Case("inspections:finding_add", args=_pk("round"), method="post", allowed=PATROLLERS, **ACT),
    Case("inspections:submit", args=_pk("round"), method="post", allowed=PATROLLERS, **ACT),
    Case(
        "inspections:finding_order",
        args=_pk("finding"),
        method="post",
        allowed=ORDER_MAKERS,
        **ACT,
    ),
    Case("inspections:finding_photo", args=_pk("finding"), allowed=PATROLLERS),
    Case("inspections:check_photo", args=_pk("check"), allowed=PATROLLERS),
    Case("inspections:list", allowed=PATROLLERS),
    Case("inspections:export", allowed=PATROLLERS),
    Case("inspections:review_queue", allowed=REVIEWERS),
    Case("inspections:sign", method="post", allowed=REVIEWERS, **ACT),
    Case("inspections:review", args=_pk("round"), method="post", allowed=REVIEWERS, **ACT),
    Case("inspections:coverage", allowed=FOLLOWERS),
    Case("inspections:findings", allowed=PATROLLERS),
    Case("inspections:finding_export", allowed=PATROLLERS),
    Case(
        "inspections:finding_correct",
        args=_pk("finding"),
        method="post",
        allowed=FOLLOWERS,
        **ACT,
    ),
    Case(
        "inspections:finding_verify", args=_pk("finding"), method="post", allowed=FOLLOWERS, **ACT
    ),
    Case("inspections:vacant_units", allowed=PATROLLERS),
    Case("inspections:vacant_export", allowed=PATROLLERS),
    Case("inspections:checklists", allowed={MGR}),
    Case(
        "inspections:checklist_edit",
        args=lambda w: ["public_area"],
        allowed={MGR},
        scoped=False,
    ),
    Case(
        "inspections:checklist_edit",
        args=lambda w: ["public_area"],
        method="post",
        allowed={MGR},
        scoped=False,
        note="empty: the form again",
    ),
    Case("inspections:points", allowed={MGR}),
    Case("inspections:point_new", allowed={MGR}),
    Case("inspections:point_new", method="post", allowed={MGR}, note="empty: the form again"),
    Case("inspections:point_edit", args=_pk("point"), allowed={MGR}),
    Case("inspections:point_labels", allowed={MGR}),
    Case("inspections:rules", allowed={MGR}),
    Case("inspections:rules", method="post", allowed={MGR}, note="empty: the form again"),
    Case("inspections:contractors", allowed=FOLLOWERS),
    Case(
        "inspections:contractors",
        method="post",
        allowed=SCORERS,
        note="empty: the form again",
    ),
    Case("inspections:contractor_export", allowed=FOLLOWERS),
    Case("inspections:contractor", args=_pk("contractor"), allowed=FOLLOWERS),
    Case("inspections:evaluation_new", args=_pk("contractor"), allowed=SCORERS),
    Case("inspections:evaluation_new", args=_pk("contractor"), method="post", allowed=SCORERS),
    Case("inspections:notice_new", args=_pk("contractor"), method="post", allowed=SCORERS, **ACT),
    Case("inspections:notice_close", args=_pk("notice"), method="post", allowed=SCORERS, **ACT),
]
