"""The front desk's demo: for each estate, days of visits and calls (one shift's worth
passed on, one of them past its agreed time), messages, an incident in building 3, a
release pass and three shift handovers a day, each acknowledged by the next shift.

At the reference scale it makes `ctx.sizes.get("frontdesk_days", 30)` days of calls per estate.
The times are the estate's desk hours, on or before `ctx.now`.
"""

from datetime import timedelta

from desk import roles
from desk.clock import local_time
from frontdesk.models import Handover, Incident, LogEntry, ReleasePass, StaffMessage
from tenants.models import Building, Occupancy

BATCH = 2000
SHIFT_HOURS = 8  # three shifts a day: 00:00, 08:00, 16:00
CALLS_PER_SHIFT = {"tiny": 3, "demo": 10, "reference": 14}
DAYS = {"tiny": 2, "demo": 7, "reference": 30}

CALLS = [
    (LogEntry.Purpose.INQUIRY, "询问物业费缴费方式和截止日期", LogEntry.Outcome.ANSWERED),
    (LogEntry.Purpose.INQUIRY, "问小区停车月卡怎么办理", LogEntry.Outcome.ANSWERED),
    (LogEntry.Purpose.REPAIR, "厨房水龙头漏水，关不紧", LogEntry.Outcome.PASSED_ON),
    (LogEntry.Purpose.REPAIR, "楼道感应灯不亮", LogEntry.Outcome.PASSED_ON),
    (LogEntry.Purpose.COMPLAINT, "楼上晚上装修噪音太大", LogEntry.Outcome.PASSED_ON),
    (LogEntry.Purpose.PAYMENT, "来前台缴纳水电费", LogEntry.Outcome.ANSWERED),
    (LogEntry.Purpose.MAIL, "询问快递是否到了", LogEntry.Outcome.ANSWERED),
    (LogEntry.Purpose.VISITOR, "访客找住户，已电话确认后放行", LogEntry.Outcome.ANSWERED),
    (LogEntry.Purpose.OTHER, "借用梯子，登记后借出", LogEntry.Outcome.ANSWERED),
    (LogEntry.Purpose.REPAIR, "单元门禁刷卡无反应", LogEntry.Outcome.PASSED_ON),
]
DEPARTMENTS = {
    LogEntry.Purpose.REPAIR: "engineering",
    LogEntry.Purpose.COMPLAINT: "security",
}
VISITORS = ["快递员", "外卖员", "装修师傅", "中介小王", "送水师傅"]
CHECKLIST = "前台钥匙一串\n对讲机 ×2\n门禁卡备用卡 ×5\n交接班记录本"


def seed(ctx) -> None:
    from frontdesk.models import HandoverChecklist

    desks = ctx.staff.get(roles.FRONT_DESK, [])
    if not desks:
        return
    shifts_per_day = 24 // SHIFT_HOURS
    days = ctx.sizes.get("frontdesk_days", DAYS.get(ctx.scale, 7))
    per_shift = CALLS_PER_SHIFT.get(ctx.scale, 10)
    for estate in ctx.estates:
        staff = [u for u in desks if estate in u.estates.all()] or desks[:1]
        if len(staff) == 1:
            staff = staff * 2  # the handover needs another person; reuse if the scale has one
        occupancies = list(
            Occupancy.objects.filter(unit__estate=estate, move_out__isnull=True)
            .select_related("unit")
            .order_by("unit_id", "pk")[:2000]
        )
        if not occupancies:
            continue
        HandoverChecklist.objects.get_or_create(estate=estate, defaults={"items": CHECKLIST})
        now = ctx.now
        last_shift_end = now.replace(minute=0) - timedelta(
            hours=local_time(estate, now).hour % SHIFT_HOURS
        )
        start = last_shift_end - timedelta(hours=SHIFT_HOURS * shifts_per_day * days)
        entries, handovers = [], []
        shift_start = start
        shift = 0
        while shift_start < now:
            shift_end = shift_start + timedelta(hours=SHIFT_HOURS)
            author = staff[shift % len(staff)]
            follower = staff[(shift + 1) % len(staff)]
            for _n in range(per_shift):
                at = shift_start + timedelta(minutes=ctx.rng.randrange(SHIFT_HOURS * 60))
                if at >= now:
                    continue
                purpose, summary, outcome = ctx.rng.choice(CALLS)
                occupancy = ctx.rng.choice(occupancies)
                visitor = ctx.rng.random() < 0.2
                resolve_by = None
                resolved_at = None
                if outcome == LogEntry.Outcome.PASSED_ON:
                    resolve_by = at + timedelta(hours=ctx.rng.choice([2, 4, 24]))
                    if resolve_by < now - timedelta(hours=2) or ctx.rng.random() < 0.3:
                        resolved_at = min(resolve_by - timedelta(minutes=30), now)
                        if resolved_at <= at:
                            resolved_at = at + timedelta(minutes=20)
                        if resolved_at > now:
                            resolved_at = None
                entries.append(
                    LogEntry(
                        estate=estate,
                        kind=ctx.rng.choice(
                            [LogEntry.Kind.CALL, LogEntry.Kind.CALL, LogEntry.Kind.VISIT]
                        ),
                        at=at,
                        unit=occupancy.unit,
                        resident=None if visitor else occupancy.resident,
                        caller_name=ctx.rng.choice(VISITORS) if visitor else "",
                        purpose=purpose,
                        summary=summary,
                        outcome=outcome,
                        department=DEPARTMENTS.get(purpose, "engineering") if resolve_by else "",
                        resolve_by=resolve_by,
                        resolved_at=resolved_at,
                        resolved_by=author if resolved_at else None,
                        resolution="已处理，住户确认" if resolved_at else "",
                        logged_by=author,
                    )
                )
            if shift_end <= now and author.pk != follower.pk:
                handovers.append(
                    Handover(
                        estate=estate,
                        shift_start=shift_start,
                        shift_end=shift_end,
                        snapshot={},
                        checklist=[{"item": item, "ok": True} for item in CHECKLIST.splitlines()],
                        notes="",
                        handed_by=author,
                        handed_at=shift_end,
                        acknowledged_by=follower,
                        acknowledged_at=shift_end + timedelta(minutes=5),
                    )
                )
            shift_start, shift = shift_end, shift + 1
        # One passed on today and past its agreed time: the overdue the desk must chase.
        overdue_at = now - timedelta(hours=3)
        entries.append(
            LogEntry(
                estate=estate,
                kind=LogEntry.Kind.CALL,
                at=overdue_at,
                unit=occupancies[0].unit,
                resident=occupancies[0].resident,
                purpose=LogEntry.Purpose.REPAIR,
                summary="卫生间漏水，楼下天花板有水印",
                outcome=LogEntry.Outcome.PASSED_ON,
                department="engineering",
                resolve_by=overdue_at + timedelta(hours=2),
                logged_by=staff[0],
            )
        )
        LogEntry.objects.bulk_create(entries, batch_size=BATCH)
        Handover.objects.bulk_create(handovers, batch_size=BATCH)
        building = (
            Building.objects.filter(estate=estate, number="3").first()
            or Building.objects.filter(estate=estate).order_by("pk").first()
        )
        if building is not None:
            incident = Incident.objects.create(
                estate=estate,
                kind=Incident.Kind.WATER,
                title=f"{building.number}号楼二次供水水箱清洗，停水",
                starts_at=now - timedelta(hours=1),
                ends_at=now + timedelta(hours=5),
                script="二次供水水箱清洗，预计今天下午恢复供水，给您带来不便敬请谅解。",
                created_by=staff[0],
            )
            incident.buildings.set([building])
        recipients = list(
            estate.staff.filter(is_active=True).exclude(pk=staff[0].pk).order_by("pk")[:2]
        )
        StaffMessage.objects.bulk_create(
            [
                StaffMessage(
                    estate=estate,
                    recipient=person,
                    from_name=f"{occupancies[0].unit} 业主",
                    unit=occupancies[0].unit,
                    text="请回电，关于装修申请的事",
                    left_by=staff[0],
                    left_at=now - timedelta(hours=1 + i),
                )
                for i, person in enumerate(recipients)
            ]
        )
        owners = [o for o in occupancies if o.role == Occupancy.Role.OWNER]
        if owners:
            from desk.clock import estate_year, local_date
            from desk.numbering import number_block
            from frontdesk.services import PASS_NUMBER_KIND

            [number] = number_block(
                kind=PASS_NUMBER_KIND, year=estate_year(estate, now), count=1, estate=estate
            )
            ReleasePass.objects.create(
                estate=estate,
                number=number,
                unit=owners[0].unit,
                resident=owners[0].resident,
                items="旧沙发一套、书柜一个",
                carrier="蚂蚁搬家 刘师傅",
                valid_on=local_date(estate, now),
                issued_by=staff[0],
                issued_at=now - timedelta(minutes=40),
            )
        ctx.log(
            f"frontdesk: {len(entries)} visits and calls, {len(handovers)} handovers"
            f" in {estate.code}"
        )
