"""The complaints seeder: 24 months of complaints at every stage, with their timelines.

Most are closed; the last days hold open ones at every step, a few unanswered and past
their due time (already escalated), so the board and the countdowns have something to
show, and one unanswered past its due time that the clock has yet to escalate (the demo's
worker does it when it starts). 3-1502 of the first estate gets its fair share. See
desk/seeding.py for the contract.
"""

from collections import Counter, defaultdict
from datetime import timedelta

from complaints.models import Complaint, ComplaintEvent
from complaints.services import NUMBER_KIND
from desk import roles
from desk.clock import estate_year, local_date, local_time
from desk.numbering import number_block
from tenants.models import Occupancy, Unit

BATCH = 2000
DAYS = 730
LEFT_TO_THE_CLOCK_MINUTES = 40  # received this long before the anchor, due 10 minutes before
S = Complaint.Status
E = ComplaintEvent.Kind

# category: [(subject, description), ...]
TEXTS = {
    "staff_attitude": [
        ("前台接待态度", "业主到前台询问停车卡办理，接待员态度冷淡，回答不耐烦。"),
        ("保安说话粗鲁", "晚上回小区时门岗保安查验态度生硬，业主感到不被尊重。"),
    ],
    "broken_promise": [
        ("承诺上门未到", "客服答应周六上午上门查看漏水，业主在家等了一上午无人来。"),
        ("答应回电未回", "上周反映的问题说三天内回复，至今没有任何答复。"),
    ],
    "duty_not_done": [
        ("楼道灯长期不亮", "楼道灯坏了一周，报修两次仍未处理，晚上上下楼很不安全。"),
        ("垃圾未及时清运", "单元门口垃圾桶已满两天没人清理，气味很大。"),
    ],
    "repairs": [
        ("卫生间漏水", "楼上卫生间漏水到我家天花板，墙面已经发霉，要求尽快维修。"),
        ("电梯经常故障", "本单元电梯这个月停了三次，老人上下楼非常不便。"),
        ("水管爆裂维修慢", "地下室水管爆裂，报修后四个小时才有人来。"),
    ],
    "cleaning": [
        ("楼道卫生差", "楼道地面很久没有拖，扶手上全是灰。"),
        ("绿化带有垃圾", "小区花园里烟头和塑料袋很多，保洁没有及时清理。"),
    ],
    "security": [
        ("陌生人随意进出", "单元门禁坏了，外卖和陌生人随意进出，担心安全。"),
        ("电动车被盗", "停在车棚的电动车被盗，监控却说看不清楚。"),
    ],
    "noise": [
        ("楼上装修噪音", "楼上装修晚上九点以后还在电钻施工，影响孩子休息。"),
        ("广场舞音响太吵", "每天晚上中心花园广场舞音响声音太大，关窗也能听到。"),
    ],
    "parking": [
        ("车位被占", "我的固定车位经常被外来车辆占用，保安不管。"),
        ("消防通道停车", "消防通道长期停满车辆，存在安全隐患。"),
    ],
    "neighbours": [
        ("邻居堆放杂物", "隔壁在公共走廊堆放纸箱和旧家具，影响通行。"),
        ("楼上宠物扰民", "楼上的狗白天一直叫，家里老人无法休息。"),
    ],
    "fees": [
        ("物业费多收", "本月物业费账单比上月多了两个月的金额，要求核对。"),
        ("水费异常", "这个月水费是平时的三倍，怀疑水表有问题。"),
    ],
    "other": [
        ("快递柜不够用", "快递柜经常满，包裹只能放在门岗，容易丢失。"),
        ("公告不及时", "停水通知当天才贴出来，没有提前告知。"),
    ],
}
CATEGORY_WEIGHTS = {
    "staff_attitude": 6,
    "broken_promise": 5,
    "duty_not_done": 7,
    "repairs": 22,
    "cleaning": 10,
    "security": 8,
    "noise": 14,
    "parking": 10,
    "neighbours": 6,
    "fees": 8,
    "other": 4,
}
CHANNEL_WEIGHTS = {"phone": 50, "in_person": 25, "online": 15, "patrol": 10}
PLANS = [
    "已安排客务代表今天内上门查看，并与业主约定回复时间。",
    "已通知工程部派人维修，预计两小时内到场。",
    "已联系相关住户沟通，明天上午前答复业主。",
    "已记录并转保安部核查监控，当天给业主回复。",
]
RESOLUTIONS = [
    "维修完成，业主现场确认。",
    "已与相关住户沟通，对方表示会注意。",
    "已核对账单并更正，差额下月抵扣。",
    "已对当班员工进行批评教育，并向业主道歉。",
    "已加强巡查频次，问题已解决。",
]
VISIT_COMMENTS = [
    "满意",
    "基本满意，希望以后处理快一点",
    "还可以",
    "不太满意，拖得太久",
    "非常满意",
]
INVALID_REASONS = {
    "ordinary": "业主对收费标准有误解，已解释清楚。",
    "malicious": "匿名投诉，经核实无事实依据。",
}


def seed(ctx):
    n = ctx.sizes.get("complaints", 0)
    if not n or not ctx.estates:
        return
    rng = ctx.rng
    units = list(
        Unit.objects.filter(estate__in=ctx.estates)
        .order_by("pk")
        .values_list("pk", "estate_id", "building__number", "number")
    )
    occupants = defaultdict(list)
    for unit_id, resident_id, name, mobile in (
        Occupancy.objects.filter(unit__estate__in=ctx.estates, move_out__isnull=True)
        .order_by("pk")
        .values_list("unit_id", "resident_id", "resident__name", "resident__mobile")
    ):
        occupants[unit_id].append((resident_id, name, mobile))
    busy = [u for u in units if u[1] == ctx.estates[0].pk and (u[2], u[3]) == ("3", "1502")]
    handlers, overseers = _staff_by_estate(ctx)
    estates = {estate.pk: estate for estate in ctx.estates}

    # The receipt times first, oldest first, so numbers rise with time within a year.
    # A share in the last few hours, so the board and the countdowns have open cases.
    recent = min(n, 5 + n // 2000)
    times = [(at, False) for at in [_received_at(ctx) for _ in range(n - recent)]]
    times += [
        (ctx.now - timedelta(minutes=rng.randrange(1, 240)), False) for _ in range(recent - 1)
    ]
    # One of the recent ones, unanswered and past its due time, is left to the clock: the
    # demo's worker escalates it a minute after it starts, as production's beat would.
    if recent:
        times.append((ctx.now - timedelta(minutes=LEFT_TO_THE_CLOCK_MINUTES), True))
    times.sort(key=lambda time: time[0])
    categories, category_w = zip(*CATEGORY_WEIGHTS.items(), strict=True)
    estates = {estate.pk: estate for estate in ctx.estates}
    channels, channel_w = zip(*CHANNEL_WEIGHTS.items(), strict=True)

    complaints, steps = [], []
    for received, left_to_the_clock in times:
        unit = busy[0] if busy and rng.random() < 0.01 else rng.choice(units)
        public = rng.random() < 0.08
        estate_id = unit[1]
        category = rng.choices(categories, category_w)[0]
        subject, description = rng.choice(TEXTS[category])
        residents = occupants.get(unit[0]) if not public else None
        resident = rng.choice(residents) if residents and rng.random() < 0.85 else None
        staff = handlers[estate_id]
        c = Complaint(
            estate=estates[estate_id],
            unit_id=None if public else unit[0],
            resident_id=resident[0] if resident else None,
            channel=rng.choices(channels, channel_w)[0],
            category=category,
            complainant_name=resident[1] if resident else _visitor(rng),
            # A resident's phone is read through the link; only a visitor's is kept.
            complainant_phone="" if resident else f"13{rng.randrange(10**9):09d}",
            subject=subject,
            description=description,
            occurred_on=(
                local_date(estates[estate_id], received)
                - timedelta(days=rng.choice([0, 0, 0, 1, 2, 40]))
            ),
            received_at=received,
            received_by=rng.choice(staff),
            first_response_due=received + timedelta(minutes=30),
            assignee=rng.choice(staff) if rng.random() < 0.9 else None,
        )
        if left_to_the_clock:
            steps.append([(c.received_at, c.received_by, E.RECEIVED, {})])
        else:
            steps.append(_advance(c, ctx.now, rng, staff, overseers[estate_id]))
        complaints.append(c)

    # Each year's numbers (the estate's year) in one block of its series, in time order:
    # intake after seeding continues them.
    years = [estate_year(estates[c.estate_id], c.received_at) for c in complaints]
    numbers = {
        year: iter(number_block(kind=NUMBER_KIND, year=year, count=count))
        for year, count in sorted(Counter(years).items())
    }
    for c, year in zip(complaints, years, strict=True):
        c.number = next(numbers[year])
    Complaint.objects.bulk_create(complaints, batch_size=BATCH)
    ComplaintEvent.objects.bulk_create(
        (
            ComplaintEvent(complaint_id=c.pk, at=at, by=by, kind=kind, values=values)
            for c, events in zip(complaints, steps, strict=True)
            for at, by, kind, values in events
        ),
        batch_size=BATCH,
    )
    ctx.log(f"    {len(complaints)} complaints")


def _staff_by_estate(ctx):
    handlers, overseers = defaultdict(list), defaultdict(list)
    for role in (roles.FRONT_DESK, roles.SERVICE_REP, roles.SUPERVISOR, roles.MANAGER):
        for user in ctx.staff.get(role, []):
            for estate in ctx.estates:
                if user.estates.filter(pk=estate.pk).exists():
                    handlers[estate.pk].append(user)
                    if role in (roles.SUPERVISOR, roles.MANAGER):
                        overseers[estate.pk].append(user)
    for estate in ctx.estates:
        handlers[estate.pk] = handlers[estate.pk] or [None]
        overseers[estate.pk] = overseers[estate.pk] or handlers[estate.pk]
    return handlers, overseers


def _received_at(ctx):
    rng = ctx.rng
    day = ctx.now - timedelta(days=rng.randrange(DAYS))
    local = local_time(ctx.estates[0], day)  # the desk's opening hours, its wall clock
    hour = rng.choices(range(24), [1] * 7 + [6] * 12 + [3] * 4 + [1])[0]
    at = local.replace(hour=hour, minute=rng.randrange(60), second=0, microsecond=0)
    if at > ctx.now:  # today, later than the anchor: a few minutes to hours ago
        at = ctx.now - timedelta(minutes=rng.randrange(1, 600))
    return at


def _visitor(rng):
    return rng.choice("王李张刘陈杨赵黄周吴") + rng.choice(["先生", "女士"])


def _advance(c, now, rng, staff, overseers):
    """Move a complaint along the flow as far as its age allows; returns its timeline."""
    events = [(c.received_at, c.received_by, E.RECEIVED, {})]
    age_hours = (now - c.received_at).total_seconds() / 3600
    if c.assignee is not None:
        assigned = {"assignee": c.assignee.display_name}
        events.append((c.received_at, c.received_by, E.ASSIGNED, assigned))
    handler = c.assignee or rng.choice(staff)

    minutes = rng.choice([3, 5, 8, 10, 12, 15, 18, 20, 25, 28, 35, 45, 70])
    responded = c.received_at + timedelta(minutes=minutes)
    if responded > now or (age_hours < 3 and rng.random() < 0.3):
        if now > c.first_response_due:
            events.append(_escalate(c))
        return events
    plan = rng.choice(PLANS)
    c.status, c.responded_at, c.responded_by, c.plan = S.RESPONDED, responded, handler, plan
    events.append((responded, handler, E.RESPONDED, {"note": plan}))
    if minutes > 30 and rng.random() < 0.5:
        events.append(_escalate(c))

    # Later steps need time; recent ones stop somewhere along the way.
    stages = [S.INVESTIGATING, S.RESOLVED, S.VISITED, S.CLOSED]
    reach = len(stages) if age_hours > 24 * 7 else rng.randrange(len(stages) + 1)
    at = responded
    for stage in stages[:reach]:
        at = at + timedelta(hours=rng.choice([1, 2, 4, 8, 24, 48]))
        if at > now:
            break
        if stage == S.INVESTIGATING:
            c.status = stage
            events.append((at, handler, E.INVESTIGATING, {}))
            if rng.random() < 0.9:
                _rule(c, at + timedelta(minutes=30), rng, rng.choice(overseers), events)
        elif stage == S.RESOLVED:
            c.status, c.resolved_at, c.resolution = stage, at, rng.choice(RESOLUTIONS)
            events.append((at, handler, E.RESOLVED, {"note": c.resolution}))
        elif stage == S.VISITED:
            score = rng.choices([1, 2, 3, 4, 5], [3, 5, 12, 35, 45])[0]
            c.status, c.satisfaction, c.visited_at = stage, score, at
            c.visited_by, c.visit_comment = handler, VISIT_COMMENTS[score - 1]
            events.append((at, handler, E.VISITED, {"score": score, "note": c.visit_comment}))
        elif stage == S.CLOSED:
            if not c.validity:
                _rule(c, at, rng, rng.choice(overseers), events)
            c.status, c.closed_at = stage, at
            events.append((at, handler, E.CLOSED, {}))
    return events


def _rule(c, at, rng, by, events):
    if rng.random() < 0.8:
        c.validity = "valid"
        c.severity = "severe" if rng.random() < 0.08 else "general"
        c.ruling_reason = ""
    else:
        c.validity = "invalid"
        c.invalid_kind = "malicious" if rng.random() < 0.15 else "ordinary"
        c.ruling_reason = INVALID_REASONS[c.invalid_kind]
    c.ruled_at, c.ruled_by = at, by
    ruling = {"validity": c.validity, "severity": c.severity, "invalid_kind": c.invalid_kind}
    events.append((at, by, E.RULED, {**ruling, "note": c.ruling_reason}))


def _escalate(c):
    """The clock's escalation at the due time, as complaints_escalate_overdue writes it."""
    c.escalation_level, c.escalated_at, c.escalation_reason = 1, c.first_response_due, ""
    due = local_time(c.estate, c.first_response_due).strftime("%H:%M")
    return (c.escalated_at, None, E.ESCALATED, {"level": 1, "due": due})
