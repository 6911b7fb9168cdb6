"""Seed work orders: 24 months of repair calls, paid services, patrol findings and
complaint follow-ups, with statuses that match their age (see desk/seeding.py).

The orders move on as a desk moves them: finished work is verified within a day or two
and verified orders are closed at the next daily closing, so only the last days hold
unfinished orders. About one in ten comes from a complaint (seeded before), made the way
`workorders.services.workorder_create_from_complaint` makes it.
"""

import datetime
from collections import Counter, defaultdict
from decimal import Decimal

from complaints.models import Complaint
from desk import roles
from desk.clock import estate_year
from desk.numbering import number_block
from tenants.models import Building, Unit
from workorders.models import (
    TRADE_DEPARTMENT,
    Priority,
    Source,
    Status,
    Trade,
    WorkOrder,
    WorkOrderEvent,
    WorkOrderSettings,
)
from workorders.services import NUMBER_KIND

BATCH = 2000
CHUNK = 10_000
DAYS = 730
FROM_COMPLAINTS = 0.1  # the share of the orders a rep made from a complaint

DESCRIPTIONS = {
    Trade.PLUMBING: [
        "厨房水龙头漏水，关不紧",
        "卫生间地漏堵塞，积水严重",
        "马桶水箱一直在流水",
        "楼上渗水到卫生间吊顶",
        "热水器进水管接头滴水",
        "洗手盆下水管松脱",
    ],
    Trade.ELECTRICAL: [
        "客厅跳闸，全屋停电",
        "卧室插座没有电",
        "楼道感应灯不亮",
        "卫生间浴霸开关失灵",
        "入户门铃无反应",
    ],
    Trade.CIVIL: [
        "外墙渗水，卧室墙面发霉",
        "入户门锁芯坏了，钥匙拧不动",
        "阳台地砖空鼓开裂",
        "窗户密封条老化漏风",
        "天花板石膏线脱落",
    ],
    Trade.HVAC: ["中央空调不制冷", "新风机噪音很大", "空调冷凝水管漏水", "地暖分水器漏水"],
    Trade.ELEVATOR: ["电梯按钮失灵", "电梯运行有异响", "电梯门关不严", "电梯轿厢照明不亮"],
    Trade.CLEANING: [
        "楼道有垃圾未清理",
        "地下车库地面油污",
        "开荒保洁（特约服务）",
        "大堂玻璃门污渍",
    ],
    Trade.GREENING: ["小区绿化带杂草较多", "行道树枝条挡住窗户，需修剪", "草坪浇灌喷头损坏"],
    Trade.PEST_CONTROL: ["厨房发现蟑螂，需要消杀", "地下室有老鼠出没", "绿化带蚊虫较多"],
    Trade.SECURITY: ["单元门禁刷卡无反应", "监控摄像头画面模糊", "车库道闸不抬杆"],
}
PUBLIC_AREAS = ["大堂", "地下车库", "电梯厅", "消防通道", "屋面", "单元门口", "楼梯间"]
WORK_NOTES = [
    "已更换配件，试用正常",
    "已疏通，现场清理干净",
    "已检修线路，恢复供电",
    "已处理完毕，住户确认",
    "已修补并做防水处理",
]
MATERIALS = ["角阀 x1", "生料带 x1", "空气开关 x1", "密封胶 x1", "灯泡 x2", ""]
PAID_PRICES = [Decimal(p) for p in ("30.00", "50.00", "80.00", "120.00", "200.00", "350.00")]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚"
TRADE_WEIGHTS = [
    (Trade.PLUMBING, 30),
    (Trade.ELECTRICAL, 20),
    (Trade.CIVIL, 15),
    (Trade.HVAC, 6),
    (Trade.ELEVATOR, 6),
    (Trade.CLEANING, 9),
    (Trade.GREENING, 4),
    (Trade.PEST_CONTROL, 4),
    (Trade.SECURITY, 6),
]
# The trades a complaint's work order goes to, by the complaint's category.
COMPLAINT_TRADES = {
    "repairs": [Trade.PLUMBING, Trade.PLUMBING, Trade.ELECTRICAL, Trade.CIVIL, Trade.ELEVATOR],
    "duty_not_done": [Trade.ELECTRICAL, Trade.CLEANING],
    "cleaning": [Trade.CLEANING],
    "security": [Trade.SECURITY],
}
DEFAULT_ALLOWED = {
    Priority.URGENT: datetime.timedelta(hours=WorkOrderSettings.DEFAULT_URGENT_HOURS),
    Priority.NORMAL: datetime.timedelta(hours=WorkOrderSettings.DEFAULT_NORMAL_HOURS),
    Priority.PLANNED: datetime.timedelta(days=WorkOrderSettings.DEFAULT_PLANNED_DAYS),
}
RECENT = datetime.timedelta(days=2)  # orders of these days stand anywhere in the flow
RECENT_MINUTES = int(RECENT.total_seconds()) // 60
SETTLED = datetime.timedelta(days=7)  # orders older than this are closed (or cancelled)
FLOW = [  # where an order that is not cancelled can stand, in the order of the flow
    Status.OPEN,
    Status.DISPATCHED,
    Status.IN_PROGRESS,
    Status.DONE,
    Status.VERIFIED,
    Status.CLOSED,
]


def _staff_by_estate(ctx, role):
    found = defaultdict(list)
    for user in ctx.staff.get(role, []):
        for estate_id in user.estates.order_by("pk").values_list("pk", flat=True):
            found[estate_id].append(user)
    return found


def _status_for(rng, age: datetime.timedelta):
    """Where an order of this age stands. Finished work is verified within a day or two and
    verified orders are closed at the daily closing; a few wait longer (parts, a resident
    away), none for weeks."""
    if rng.random() < 0.03:
        return Status.CANCELLED
    if age > SETTLED:
        return Status.CLOSED
    if age > RECENT:  # the week's stragglers wait for parts, the resident, the check
        return rng.choices(FLOW, weights=[0, 3, 3, 5, 4, 85])[0]
    return rng.choices(FLOW, weights=[15, 20, 15, 20, 15, 15])[0]


def _order(ctx, rng, *, created, techs, **fields):
    """An order taken at `created`, moved along as far as its age allows."""
    priority = rng.choices(
        [Priority.URGENT, Priority.NORMAL, Priority.PLANNED], weights=[15, 70, 15]
    )[0]
    allowed = DEFAULT_ALLOWED[priority]
    status = _status_for(rng, ctx.now - created)
    order = WorkOrder(
        department=TRADE_DEPARTMENT[fields["trade"]],
        priority=priority,
        status=status,
        created_at=created,
        due_at=created + allowed,
        **fields,
    )
    if status == Status.CANCELLED:
        order.cancelled_at = min(created + datetime.timedelta(hours=rng.randint(1, 12)), ctx.now)
        order.cancel_reason = rng.choice(["住户自行修好", "重复报修", "住户取消预约"])
        return order
    if status == Status.OPEN or not techs:
        order.status = Status.OPEN
        return order
    order.assignee = rng.choice(techs)
    order.dispatched_at = min(created + datetime.timedelta(minutes=rng.randint(5, 60)), ctx.now)
    if status == Status.DISPATCHED:
        return order
    order.started_at = min(
        order.dispatched_at + datetime.timedelta(minutes=rng.randint(10, 120)), ctx.now
    )
    if status == Status.IN_PROGRESS:
        return order
    # About four in five finish within the time allowed.
    share = rng.uniform(0.1, 0.95) if rng.random() < 0.8 else rng.uniform(1.05, 2.5)
    order.done_at = min(max(created + allowed * share, order.started_at), ctx.now)
    order.work_notes = rng.choice(WORK_NOTES)
    order.materials = rng.choice(MATERIALS)
    if status == Status.DONE:
        return order
    order.verified_at = min(order.done_at + datetime.timedelta(hours=rng.randint(2, 30)), ctx.now)
    order.satisfaction = rng.choices([5, 4, 3], weights=[60, 30, 10])[0]
    if status == Status.CLOSED:  # at the next daily closing
        closing = datetime.timedelta(hours=rng.randint(1, 20))
        order.closed_at = min(order.verified_at + closing, ctx.now)
    return order


def _call(rng, *, estate, units, buildings, busy, i, takers, trade):
    """The fields of a repair call, a special paid service or a patrol finding."""
    roll = rng.random()
    if roll < 0.1:
        source, unit_id, building_id = Source.PATROL, None, rng.choice(buildings)
    else:
        source = Source.PAID_SERVICE if roll < 0.18 else Source.REPAIR_CALL
        unit_id, building_id = busy if busy and i % 250 == 0 else rng.choice(units)
    return {
        "estate_id": estate.pk,
        "unit_id": unit_id,
        "building_id": building_id,
        "location": "" if unit_id else rng.choice(PUBLIC_AREAS),
        "source": source,
        "trade": trade,
        "description": rng.choice(DESCRIPTIONS[trade]),
        "requested_by_name": rng.choice(SURNAMES) + rng.choice(GIVEN) if unit_id else "",
        "requested_by_phone": f"13{rng.randrange(10**9):09d}" if unit_id else "",
        "price": rng.choice(PAID_PRICES) if source == Source.PAID_SERVICE else None,
        "created_by": rng.choice(takers) if takers else None,
    }


def _complaint_orders(ctx, rng, estate, count, techs):
    """Up to `count` orders a rep made from answered complaints about the place, each with
    the complaint's place and complainant and linked to it, as the service does."""
    rows = list(
        Complaint.objects.filter(
            estate=estate, category__in=COMPLAINT_TRADES, responded_at__isnull=False
        )
        .order_by("pk")
        .values_list(
            "pk",
            "unit_id",
            "unit__building_id",
            "subject",
            "number",
            "description",
            "complainant_name",
            "complainant_phone",
            "resident_id",
            "category",
            "responded_at",
            "responded_by_id",
        )
    )
    orders = []
    for row in rng.sample(rows, min(count, len(rows))):
        pk, unit_id, building_id, subject, number, description, name, phone = row[:8]
        resident_id, category, responded_at, responded_by_id = row[8:]
        created = min(responded_at + datetime.timedelta(minutes=rng.randint(5, 180)), ctx.now)
        orders.append(
            _order(
                ctx,
                rng,
                created=created,
                techs=techs,
                estate_id=estate.pk,
                unit_id=unit_id,
                building_id=building_id if unit_id else None,
                location="" if unit_id else (subject or number),
                source=Source.COMPLAINT,
                trade=rng.choice(COMPLAINT_TRADES[category]),
                description=description,
                requested_by_name=name,
                requested_by_phone=phone,
                resident_id=resident_id,
                complaint_id=pk,
                created_by_id=responded_by_id,
            )
        )
    return orders


# The steps an old, settled order keeps in its timeline; the last week's orders (the ones
# the daily closing and the technicians look at) keep every step. Seeding the reference
# estate writes a few hundred thousand events fewer that way.
KEY_STEPS = {"created", "finished", "closed", "cancelled"}


def _events(order, rng, reps, now):
    """The order's timeline as the services write it: who did which step, when."""
    rep = rng.choice(reps).pk if reps and order.verified_at else order.created_by_id
    assignee = str(order.assignee or "")
    steps = [
        ("created", order.created_at, order.created_by_id, {}),
        ("cancelled", order.cancelled_at, order.created_by_id, {"note": order.cancel_reason}),
        ("dispatched", order.dispatched_at, order.created_by_id, {"assignee": assignee}),
        ("started", order.started_at, order.assignee_id, {}),
        ("finished", order.done_at, order.assignee_id, {"note": order.work_notes}),
        ("verified", order.verified_at, rep, {"score": order.satisfaction}),
        ("closed", order.closed_at, rep, {}),
    ]
    settled = now - order.created_at > SETTLED
    for kind, at, by_id, values in steps:
        if at is not None and (kind in KEY_STEPS or not settled):
            yield WorkOrderEvent(order_id=order.pk, kind=kind, at=at, by_id=by_id, values=values)


def _save(ctx, orders, reps):
    """Number the orders in time order, each year's in one block of its series (so the
    numbers taken after seeding continue), and store them with their timelines."""
    orders.sort(key=lambda o: o.created_at)
    estates = {estate.pk: estate for estate in ctx.estates}
    years = [estate_year(estates[o.estate_id], o.created_at) for o in orders]
    numbers = {
        year: iter(number_block(kind=NUMBER_KIND, year=year, count=count))
        for year, count in sorted(Counter(years).items())
    }
    for order, year in zip(orders, years, strict=True):
        order.number = next(numbers[year])
    rng = ctx.rng
    for start in range(0, len(orders), CHUNK):
        chunk = WorkOrder.objects.bulk_create(orders[start : start + CHUNK], batch_size=BATCH)
        WorkOrderEvent.objects.bulk_create(
            [e for o in chunk for e in _events(o, rng, reps[o.estate_id], ctx.now)],
            batch_size=BATCH,
        )


def seed(ctx):
    rng = ctx.rng
    total = ctx.sizes.get("work_orders", 200)
    technicians = _staff_by_estate(ctx, roles.TECHNICIAN)
    reps = _staff_by_estate(ctx, roles.SERVICE_REP)
    takers = _staff_by_estate(ctx, roles.FRONT_DESK)
    for estate_id, staff in reps.items():
        takers[estate_id].extend(staff)
    units_by_estate = defaultdict(list)
    for unit_id, building_id, estate_id in Unit.objects.order_by("pk").values_list(
        "pk", "building_id", "estate_id"
    ):
        units_by_estate[estate_id].append((unit_id, building_id))
    buildings = defaultdict(list)
    for pk, estate_id in Building.objects.order_by("pk").values_list("pk", "estate_id"):
        buildings[estate_id].append(pk)
    all_units = sum(len(units_by_estate[e.pk]) for e in ctx.estates) or 1
    trades, weights = zip(*TRADE_WEIGHTS, strict=True)
    orders = []
    for index, estate in enumerate(ctx.estates):
        units = units_by_estate[estate.pk]
        if not units:
            continue
        count = total * len(units) // all_units
        busy = None
        if index == 0:
            busy = (
                Unit.objects.filter(estate=estate, building__number="3", number="1502")
                .values_list("pk", "building_id")
                .first()
            )
        techs, desk = technicians.get(estate.pk, []), takers.get(estate.pk, [])
        from_complaints = _complaint_orders(ctx, rng, estate, round(count * FROM_COMPLAINTS), techs)
        orders.extend(from_complaints)
        # A share in the last two days, so the daily closing has work at every scale.
        calls = count - len(from_complaints)
        recent = min(calls, 8 + calls // 2000)
        for i in range(calls):
            span = RECENT_MINUTES if i < recent else DAYS * 24 * 60
            created = ctx.now - datetime.timedelta(minutes=rng.randrange(span))
            trade = rng.choices(trades, weights=weights)[0]
            fields = _call(
                rng,
                estate=estate,
                units=units,
                buildings=buildings[estate.pk],
                busy=busy,
                i=i,
                takers=desk,
                trade=trade,
            )
            orders.append(_order(ctx, rng, created=created, techs=techs, **fields))
    _save(ctx, orders, reps)
    made = sum(o.complaint_id is not None for o in orders)
    ctx.log(f"    {len(orders)} work orders, {made} of them from complaints")
