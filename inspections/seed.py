"""Seed patrols: the checklists (in Chinese), a public-area route per building, rounds of
every type over the past months with their ticks, findings and reviews, and a cleaning
contractor scored every month (see desk/seeding.py).

Rounds older than two days are reviewed (by a supervisor, or the manager for a
supervisor's own round), within a day mostly; the last two days hold the review queue.
"""

import datetime

from django.utils import translation

from desk import roles
from inspections import contractors, services
from inspections.models import (
    Contractor,
    Evaluation,
    EvaluationScore,
    Finding,
    ItemCheck,
    PatrolPoint,
    RectificationNotice,
    Round,
    RoundType,
)
from tenants.models import Building, Unit

BATCH = 2000
CHUNK = 5000
# The share of each round type among the rounds.
TYPE_WEIGHTS = [
    (RoundType.PUBLIC_AREA, 30),
    (RoundType.SIGNAGE, 15),
    (RoundType.EQUIPMENT, 10),
    (RoundType.CLEANING, 12),
    (RoundType.GREENING, 8),
    (RoundType.PEST_CONTROL, 5),
    (RoundType.VACANT_UNIT, 12),
    (RoundType.MANAGER, 8),
]
ROUTE_POINTS = ["大堂", "电梯厅", "消防通道", "地下车库"]
FINDINGS = [
    "电梯厅灯管不亮",
    "消防通道堆放杂物",
    "大堂地面有水渍",
    "单元门闭门器损坏",
    "绿化带有垃圾",
    "标识牌脱落",
    "垃圾房异味较大",
    "发现鼠迹",
]
FINDING_RATE = 1 / 12


def _author_role(round_type):
    if round_type in (RoundType.CLEANING, RoundType.GREENING, RoundType.PEST_CONTROL):
        return roles.HOUSEKEEPING
    if round_type == RoundType.MANAGER:
        return roles.MANAGER
    return roles.SERVICE_REP


def _people(ctx, role, estate):
    """The role's staff of the estate (the printed login works in every estate)."""
    found = [u for u in ctx.staff.get(role, []) if u.estates.filter(pk=estate.pk).exists()]
    return found or ctx.staff.get(role, [])[:1]


def _checklists(estate):
    with translation.override("zh-hans"):
        return {
            t: services.checklist_current(estate=estate, round_type=t) for t in RoundType.values
        }


def _route(estate, buildings):
    PatrolPoint.objects.bulk_create(
        PatrolPoint(
            estate=estate,
            round_type=RoundType.PUBLIC_AREA,
            building=building,
            name=f"{building.number}栋{name}",
            position=i,
            code=f"{estate.code[:3]}{building.pk:04d}{i}".upper(),
        )
        for building in buildings
        for i, name in enumerate(ROUTE_POINTS, start=1)
    )


def _seed_estate(ctx, estate, count, now):
    rng = ctx.rng
    buildings = list(Building.objects.filter(estate=estate).order_by("pk"))
    vacant = list(Unit.objects.filter(estate=estate, status=Unit.Status.VACANT).order_by("pk"))
    if not buildings:
        return 0
    checklists = _checklists(estate)
    items = {t: list(c.items.order_by("position")) for t, c in checklists.items()}
    _route(estate, buildings[:10])
    types = [t for t, w in TYPE_WEIGHTS for _ in range(w)]
    authors = {
        role: _people(ctx, role, estate)
        for role in (roles.SERVICE_REP, roles.HOUSEKEEPING, roles.MANAGER)
    }
    supervisors = _people(ctx, roles.SUPERVISOR, estate)
    managers = authors[roles.MANAGER]
    # Spread the rounds over as many days as the scale's count allows at ~40 rounds a day.
    days = max(min(count // 40, 730), 7)
    made = 0
    while made < count:
        batch_size = min(CHUNK, count - made)
        rounds, plans = [], []
        for i in range(batch_size):
            n = made + i
            round_type = types[rng.randrange(len(types))]
            if round_type == RoundType.VACANT_UNIT and not vacant:
                round_type = RoundType.PUBLIC_AREA
            # Newest first: the first rounds are today's and yesterday's.
            age = datetime.timedelta(
                days=(n * days) // count, hours=rng.randint(0, 10), minutes=rng.randint(0, 59)
            )
            started = now - age - datetime.timedelta(hours=1)
            submitted = started + datetime.timedelta(minutes=rng.randint(15, 50))
            by = rng.choice(authors[_author_role(round_type)])
            unit = rng.choice(vacant) if round_type == RoundType.VACANT_UNIT else None
            building = (
                unit.building
                if unit
                else (
                    rng.choice(buildings)
                    if round_type in (RoundType.PUBLIC_AREA, RoundType.EQUIPMENT, RoundType.SIGNAGE)
                    else None
                )
            )
            findings = 1 if n % 12 == 3 else 0  # one round in twelve (FINDING_RATE)
            round_ = Round(
                estate=estate,
                round_type=round_type,
                checklist=checklists[round_type],
                building=building,
                unit=unit,
                by=by,
                started_at=started,
                submitted_at=submitted,
                status=Round.Status.SUBMITTED,
                finding_count=findings,
            )
            if age > datetime.timedelta(days=2):
                reviewers = [u for u in supervisors + managers if u.pk != by.pk]
                round_.status = Round.Status.REVIEWED
                round_.reviewed_by = rng.choice(reviewers)
                round_.reviewed_at = submitted + datetime.timedelta(hours=rng.randint(2, 30))
                round_.review_comment = "已阅，问题已派单跟进" if findings else ""
            rounds.append(round_)
            plans.append(findings)
        Round.objects.bulk_create(rounds, batch_size=BATCH)
        checks, found = [], []
        for round_, findings in zip(rounds, plans, strict=True):
            bad = rng.randrange(len(items[round_.round_type])) if findings else -1
            for j, item in enumerate(items[round_.round_type]):
                checks.append(
                    ItemCheck(
                        round=round_,
                        item=item,
                        ok=j != bad,
                        note=FINDINGS[j % len(FINDINGS)] if j == bad else "",
                        checked_at=round_.started_at + datetime.timedelta(minutes=j + 1),
                    )
                )
            if findings:
                old = round_.status == Round.Status.REVIEWED
                found.append(
                    Finding(
                        round=round_,
                        estate=estate,
                        description=rng.choice(FINDINGS),
                        created_by=round_.by,
                        created_at=round_.started_at + datetime.timedelta(minutes=5),
                        status=Finding.Status.VERIFIED if old else Finding.Status.OPEN,
                        corrected_at=round_.reviewed_at if old else None,
                        corrected_by=round_.by if old else None,
                        verified_at=round_.reviewed_at if old else None,
                        verified_by=round_.reviewed_by if old else None,
                    )
                )
        ItemCheck.objects.bulk_create(checks, batch_size=BATCH)
        Finding.objects.bulk_create(found, batch_size=BATCH)
        made += batch_size
    return made


def _contractor(ctx, estate, now):
    scorer = _people(ctx, roles.HOUSEKEEPING, estate)[0]
    contractor = Contractor.objects.create(
        estate=estate, name=f"{estate.name}保洁外包公司", service=RoundType.CLEANING
    )
    with translation.override("zh-hans"):
        criteria = [(str(name), weight) for name, weight in contractors.DEFAULT_CRITERIA]
    day = now.date().replace(day=1)
    for _ in range(6):
        day = (day - datetime.timedelta(days=1)).replace(day=1)
        scores = [(c, w, ctx.rng.randint(75, 98)) for c, w in criteria]
        evaluation = Evaluation.objects.create(
            contractor=contractor,
            year=day.year,
            month=day.month,
            total=contractors.weighted_total(scores),
            scored_by=scorer,
            # near the end of the month scored
            scored_at=now - datetime.timedelta(days=(now.date() - day).days - 27),
        )
        EvaluationScore.objects.bulk_create(
            EvaluationScore(evaluation=evaluation, position=i, criterion=c, weight=w, score=s)
            for i, (c, w, s) in enumerate(scores, start=1)
        )
    RectificationNotice.objects.create(
        contractor=contractor,
        problem="地下车库地面油污未及时清理",
        deadline=now.date() + datetime.timedelta(days=3),
        issued_at=now - datetime.timedelta(days=1),
        issued_by=scorer,
    )


def seed(ctx):
    total = ctx.sizes.get("patrol_rounds", 60)
    estates = list(ctx.estates)
    if not estates:
        return
    per_estate = max(total // len(estates), 1)
    for estate in estates:
        made = _seed_estate(ctx, estate, per_estate, ctx.now)
        _contractor(ctx, estate, ctx.now)
        ctx.log(f"    {estate.code}: {made} patrol rounds")
