"""Demo and reference permits at every stage: awaiting approval, rejected, works under way
(with their daily patrols, a few missed, minor and major violations, some overdue) and
accepted and closed (with the deposit refunded less deductions).

Every unit the register seeded as renovating gets its active permit; one that nobody lives
in gets its status derived again instead (vacant), so the status keeps its one owner.
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from desk import roles
from desk.clock import estate_year, local_date
from desk.numbering import number_block
from desk.zones import estate_zone
from renovation.models import (
    Acceptance,
    AcceptanceItem,
    Deduction,
    Patrol,
    PatrolItem,
    Permit,
    Violation,
    ViolationKind,
)
from renovation.services import NOTICE_NUMBER, PERMIT_NUMBER
from tenants.models import Occupancy, Resident, Unit

BATCH = 2000
CONTRACTORS = [
    ("上海安居装饰工程有限公司", "陈师傅", "13611112222"),
    ("浦东美家装修队", "刘工", "13722223333"),
    ("沪上匠心装饰", "王建", "13833334444"),
    ("金牌家装工作室", "赵平", "13944445555"),
]
WORKS = [
    (["waterproofing", "plumbing"], "卫生间翻新：更换洁具，重做防水层"),
    (["electrical", "air_conditioning"], "全屋电线更换，加装两台分体空调"),
    (["structural", "electrical"], "拆除厨房与餐厅之间的非承重隔墙，改开放式厨房"),
    (["other"], "墙面重新粉刷，铺设木地板"),
    (["facade", "other"], "阳台更换封窗（颜色、分格与原立面一致）"),
]
MINOR = [ViolationKind.WORKING_HOURS, ViolationKind.COMMON_AREAS, ViolationKind.NOISE]


def _staff_by_estate(ctx, role):
    found = defaultdict(list)
    for user in ctx.staff.get(role, []):
        for estate_id in user.estates.order_by("pk").values_list("pk", flat=True):
            found[estate_id].append(user)
    return found


def seed(ctx):
    rng = ctx.rng
    total = ctx.sizes.get("renovation_permits", 10)
    managers = _staff_by_estate(ctx, roles.MANAGER)
    reps = _staff_by_estate(ctx, roles.SERVICE_REP)
    applicants = {}
    for unit_id, resident_id, role in (
        Occupancy.objects.current()
        .filter(role__in=[Occupancy.Role.OWNER, Occupancy.Role.OCCUPANT])
        .order_by("unit_id", "role", "pk")
        .values_list("unit_id", "resident_id", "role")
    ):
        applicants.setdefault(unit_id, (resident_id, role))  # the owner first ("owner" < ...)
    all_units = Unit.objects.filter(estate__in=ctx.estates).count() or 1
    plans = []
    for estate in ctx.estates:
        units = list(Unit.objects.filter(estate=estate).order_by("pk").values_list("pk", "status"))
        renovating = [pk for pk, status in units if status == Unit.Status.RENOVATING]
        without = [pk for pk in renovating if pk not in applicants]
        if without:  # nobody to apply: the status is derived again (nobody lives there)
            Unit.objects.filter(pk__in=without).update(status=Unit.Status.VACANT)
        active = [pk for pk in renovating if pk in applicants]
        others = [pk for pk, status in units if status == Unit.Status.OCCUPIED and pk in applicants]
        count = max(total * len(units) // all_units, len(active) + 4)
        rng.shuffle(others)
        stages = ["approved"] * len(active)
        extra = count - len(active)
        # A few awaiting approval and rejected, the rest accepted and closed.
        stages += ["applied", "applied", "rejected"] + ["closed"] * max(extra - 3, 0)
        chosen = active + others[: len(stages) - len(active)]
        for unit_id, stage in zip(chosen, stages, strict=False):
            plans.append((estate, unit_id, stage))
    if not plans:
        return
    permits = [
        _permit(ctx, rng, estate, unit_id, stage, applicants, managers)
        for estate, unit_id, stage in plans
    ]
    _number(permits, PERMIT_NUMBER, "number", lambda p: (p.estate, p.applied_at))
    Permit.objects.bulk_create(permits, batch_size=BATCH)
    patrols, violations, acceptances = [], [], []
    for permit in permits:
        if permit.status in (Permit.Status.APPROVED, Permit.Status.CLOSED):
            patrols.extend(_patrols(ctx, rng, permit, reps.get(permit.estate_id, [])))
    Patrol.objects.bulk_create(patrols, batch_size=BATCH)
    by_permit = defaultdict(list)
    for patrol in patrols:
        by_permit[patrol.permit_id].append(patrol)
    for permit in permits:
        if permit.status in (Permit.Status.APPROVED, Permit.Status.CLOSED):
            violations.extend(_violations(ctx, rng, permit, by_permit[permit.pk]))
    if not any(v.severity == Violation.Severity.MAJOR for v in violations):
        # A small estate (the demo) may draw none: one with its notice all the same, on
        # whatever day it is seeded.
        patrolled = [p for p in permits if by_permit[p.pk]]
        if patrolled:
            violations.append(_major(ctx, rng, patrolled[0], by_permit[patrolled[0].pk]))
    notices = [v for v in violations if v.severity == Violation.Severity.MAJOR]
    _number(notices, NOTICE_NUMBER, "notice_number", lambda v: (v.permit.estate, v.found_at))
    Violation.objects.bulk_create(violations, batch_size=BATCH)
    deductions = []
    names = dict(
        Resident.objects.filter(pk__in={p.applicant_id for p in permits}).values_list("pk", "name")
    )
    for permit in permits:
        if permit.status == Permit.Status.CLOSED:
            acceptance, lines = _acceptance(rng, permit, names[permit.applicant_id])
            acceptances.append(acceptance)
            deductions.extend(lines)
    Acceptance.objects.bulk_create(acceptances, batch_size=BATCH)
    closed = [p for p in permits if p.status == Permit.Status.CLOSED]
    Permit.objects.bulk_update(closed, ["refund", "refunded_at"], batch_size=BATCH)
    for line in deductions:
        line.acceptance_id = line.acceptance.pk
    Deduction.objects.bulk_create(deductions, batch_size=BATCH)
    Unit.objects.filter(pk__in=[p.unit_id for p in permits if p.is_active]).update(
        status=Unit.Status.RENOVATING
    )
    ctx.log(
        f"    {len(permits)} renovation permits, {len(patrols)} patrols, "
        f"{len(violations)} violations"
    )


def _number(records, kind, field, estate_and_time):
    """Numbers in time order, one block per year of each record's estate."""
    by_year = defaultdict(list)
    for record in records:
        estate, when = estate_and_time(record)
        by_year[estate_year(estate, when)].append((when, record))
    for year, items in sorted(by_year.items()):
        items.sort(key=lambda item: item[0])
        numbers = number_block(kind=kind, year=year, count=len(items))
        for (_when, record), number in zip(items, numbers, strict=True):
            setattr(record, field, number)


def _permit(ctx, rng, estate, unit_id, stage, applicants, managers):
    resident_id, role = applicants[unit_id]
    contractor, lead, phone = rng.choice(CONTRACTORS)
    scopes, description = rng.choice(WORKS)
    if stage == "approved":
        applied = ctx.now - datetime.timedelta(days=rng.randint(3, 40), hours=rng.randint(0, 8))
    elif stage == "applied":
        applied = ctx.now - datetime.timedelta(hours=rng.randint(1, 48))
    else:
        applied = ctx.now - datetime.timedelta(days=rng.randint(45, 330))
    start = local_date(estate, applied) + datetime.timedelta(days=rng.randint(1, 3))
    end = start + datetime.timedelta(days=rng.choice([30, 45, 60, 90]))
    decided = applied + datetime.timedelta(hours=rng.randint(2, 30))
    manager = (managers.get(estate.pk) or [None])[0]
    permit = Permit(
        estate=estate,
        unit_id=unit_id,
        applicant_id=resident_id,
        applicant_role="owner" if role == Occupancy.Role.OWNER else "occupant",
        owner_consent="" if role == Occupancy.Role.OWNER else "业主签字同意书",
        contractor=contractor,
        contractor_lead=lead,
        contractor_phone=phone,
        workers=rng.randint(2, 8),
        scopes=scopes,
        description=description,
        planned_start=start,
        planned_end=end,
        deposit=Decimal("2000.00"),
        fee=Decimal("300.00"),
        status=stage,
        applied_at=applied,
        structure_confirmation=(
            "仅允许拆除厨房与餐厅之间的非承重隔墙；承重墙、梁柱不得改动"
            if {"structural", "facade"} & set(scopes) and stage != "applied"
            else ""
        ),
    )
    if stage != "applied":
        permit.decided_at, permit.decided_by = decided, manager
    if stage == "rejected":
        permit.reject_reason = "拟拆除承重墙，不予批准"
    if stage in ("approved", "closed"):
        permit.charged_at = decided
    if stage == "closed":
        permit.closed_at = min(
            ctx.now, decided + datetime.timedelta(days=(end - start).days + rng.randint(0, 7))
        )
    return permit


def _patrols(ctx, rng, permit, reps):
    estate = permit.estate
    first = max(local_date(estate, permit.decided_at), permit.planned_start)
    today = local_date(estate, ctx.now)
    last = today - datetime.timedelta(days=1)
    if permit.closed_at is not None:
        last = local_date(estate, permit.closed_at) - datetime.timedelta(days=1)
    rep = reps[permit.pk % len(reps)] if reps else None
    patrols = []
    day = first
    while day <= last:
        if rng.random() < 0.92:
            at = datetime.datetime.combine(
                day,
                datetime.time(rng.randint(9, 16), rng.randint(0, 59)),
                tzinfo=estate_zone(estate),
            )
            checklist = dict.fromkeys(PatrolItem.values, True)
            if rng.random() < 0.08:
                checklist[rng.choice(PatrolItem.values)] = False
            patrols.append(
                Patrol(
                    permit=permit,
                    day=day,
                    patrolled_at=min(at, ctx.now),
                    patrolled_by=rep,
                    checklist=checklist,
                    notes="",
                )
            )
        day += datetime.timedelta(days=1)
    return patrols


def _violations(ctx, rng, permit, patrols):
    found = []
    for patrol in patrols:
        if False in patrol.checklist.values() or rng.random() < 0.02:
            kind = rng.choice(MINOR)
            found.append(
                Violation(
                    permit=permit,
                    patrol=patrol,
                    kind=kind,
                    severity=Violation.Severity.MINOR,
                    description="施工人员当场整改",
                    status=Violation.Status.CORRECTED,
                    found_at=patrol.patrolled_at,
                    found_by=patrol.patrolled_by,
                    closed_at=patrol.patrolled_at,
                    closed_by=patrol.patrolled_by,
                )
            )
    if patrols and rng.random() < 0.25:
        found.append(_major(ctx, rng, permit, patrols))
    return found


def _major(ctx, rng, permit, patrols):
    """A major violation found on one of the permit's patrols, with its notice's deadline."""
    patrol = rng.choice(patrols)
    deadline = patrol.day + datetime.timedelta(days=7)
    closed = permit.status == Permit.Status.CLOSED or rng.random() < 0.4
    closed_at = min(ctx.now, patrol.patrolled_at + datetime.timedelta(days=rng.randint(2, 6)))
    return Violation(
        permit=permit,
        patrol=patrol,
        kind=rng.choice(
            [
                ViolationKind.LOAD_BEARING,
                ViolationKind.FACADE,
                ViolationKind.WATERPROOF_LAYER,
            ]
        ),
        severity=Violation.Severity.MAJOR,
        description="巡检发现擅自改动，已下发整改通知单",
        status=Violation.Status.VERIFIED if closed else Violation.Status.OPEN,
        found_at=patrol.patrolled_at,
        found_by=patrol.patrolled_by,
        deadline=deadline,
        closed_at=closed_at if closed else None,
        closed_by=patrol.patrolled_by if closed else None,
        follow_up_note="复查已恢复原状" if closed else "",
    )


def _acceptance(rng, permit, owner_name):
    deduction = Decimal("200.00") if rng.random() < 0.2 else Decimal("0")
    result = Acceptance.Result.CONDITIONS if rng.random() < 0.15 else Acceptance.Result.PASSED
    acceptance = Acceptance(
        permit=permit,
        inspected_at=permit.closed_at,
        inspected_by=permit.decided_by,
        engineer="工程部 孙工",
        checklist=dict.fromkeys(AcceptanceItem.values, True),
        result=result,
        conditions="一个月内补做阳台排水坡度" if result == Acceptance.Result.CONDITIONS else "",
        owner_name=owner_name,
        owner_confirmed_at=permit.closed_at,
        lead_name=permit.contractor_lead,
        lead_confirmed_at=permit.closed_at,
        deductions=deduction,
        refund=permit.deposit - deduction,
    )
    permit.refund, permit.refunded_at = acceptance.refund, permit.closed_at
    lines = []
    if deduction:
        lines.append(Deduction(acceptance=acceptance, amount=deduction, reason="楼道墙面修补"))
    return acceptance, lines
