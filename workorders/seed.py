"""Seed work orders: 24 months of repair calls, paid services, patrol findings and
complaint follow-ups, with statuses that match their age (see desk/seeding.py)."""

import datetime
from collections import Counter, defaultdict
from decimal import Decimal

from django.utils import timezone

from desk import roles
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
DEFAULT_ALLOWED = {
    Priority.URGENT: datetime.timedelta(hours=WorkOrderSettings.DEFAULT_URGENT_HOURS),
    Priority.NORMAL: datetime.timedelta(hours=WorkOrderSettings.DEFAULT_NORMAL_HOURS),
    Priority.PLANNED: datetime.timedelta(days=WorkOrderSettings.DEFAULT_PLANNED_DAYS),
}


def _staff_by_estate(ctx, role):
    found = defaultdict(list)
    for user in ctx.staff.get(role, []):
        for estate_id in user.estates.order_by("pk").values_list("pk", flat=True):
            found[estate_id].append(user)
    return found


def _status_for(rng, age: datetime.timedelta):
    roll = rng.random()
    if age > datetime.timedelta(days=14):
        if roll < 0.03:
            return Status.CANCELLED
        return Status.CLOSED if roll < 0.93 else Status.VERIFIED
    if roll < 0.15:
        return Status.OPEN
    if roll < 0.35:
        return Status.DISPATCHED
    if roll < 0.5:
        return Status.IN_PROGRESS
    if roll < 0.7:
        return Status.DONE
    if roll < 0.85:
        return Status.VERIFIED
    return Status.CLOSED if roll < 0.97 else Status.CANCELLED


def _order(ctx, rng, *, estate, created, unit_id, building_id, techs, takers, source, trade):
    priority = rng.choices(
        [Priority.URGENT, Priority.NORMAL, Priority.PLANNED], weights=[15, 70, 15]
    )[0]
    allowed = DEFAULT_ALLOWED[priority]
    status = _status_for(rng, ctx.now - created)
    order = WorkOrder(
        estate_id=estate.pk,
        unit_id=unit_id,
        building_id=building_id,
        location="" if unit_id else rng.choice(PUBLIC_AREAS),
        source=source,
        trade=trade,
        department=TRADE_DEPARTMENT[trade],
        priority=priority,
        status=status,
        description=rng.choice(DESCRIPTIONS[trade]),
        requested_by_name=rng.choice(SURNAMES) + rng.choice(GIVEN) if unit_id else "",
        requested_by_phone=f"13{rng.randrange(10**9):09d}" if unit_id else "",
        price=rng.choice(PAID_PRICES) if source == Source.PAID_SERVICE else None,
        created_by=rng.choice(takers) if takers else None,
        created_at=created,
        due_at=created + allowed,
    )
    if status == Status.CANCELLED:
        order.cancelled_at = created + datetime.timedelta(hours=rng.randint(1, 12))
        order.cancel_reason = rng.choice(["住户自行修好", "重复报修", "住户取消预约"])
        return order
    if status == Status.OPEN or not techs:
        order.status = Status.OPEN
        return order
    order.assignee = rng.choice(techs)
    order.dispatched_at = created + datetime.timedelta(minutes=rng.randint(5, 60))
    if status == Status.DISPATCHED:
        return order
    order.started_at = order.dispatched_at + datetime.timedelta(minutes=rng.randint(10, 120))
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
    if status == Status.CLOSED:
        order.closed_at = min(order.verified_at + datetime.timedelta(hours=1), ctx.now)
    return order


def _events(order):
    yield WorkOrderEvent(
        order=order, kind="created", at=order.created_at, by_id=order.created_by_id
    )
    if order.status == Status.CANCELLED:
        yield WorkOrderEvent(
            order=order, kind="cancelled", at=order.cancelled_at, note=order.cancel_reason
        )
    elif order.done_at:
        yield WorkOrderEvent(
            order=order,
            kind="finished",
            at=order.done_at,
            by_id=order.assignee_id,
            note=order.work_notes,
        )


def _save(ctx, orders):
    """Number the orders in time order, each year's in one block of its series (so the
    numbers taken after seeding continue), and store them."""
    orders.sort(key=lambda o: o.created_at)
    years = [timezone.localtime(o.created_at).year for o in orders]
    numbers = {
        year: iter(number_block(kind=NUMBER_KIND, year=year, count=count))
        for year, count in sorted(Counter(years).items())
    }
    for order, year in zip(orders, years, strict=True):
        order.number = next(numbers[year])
    for start in range(0, len(orders), CHUNK):
        chunk = WorkOrder.objects.bulk_create(orders[start : start + CHUNK], batch_size=BATCH)
        WorkOrderEvent.objects.bulk_create(
            [event for order in chunk for event in _events(order)], batch_size=BATCH
        )


def seed(ctx):
    rng = ctx.rng
    total = ctx.sizes.get("work_orders", 200)
    technicians = _staff_by_estate(ctx, roles.TECHNICIAN)
    takers = _staff_by_estate(ctx, roles.FRONT_DESK)
    for estate_id, reps in _staff_by_estate(ctx, roles.SERVICE_REP).items():
        takers[estate_id].extend(reps)
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
        for i in range(count):
            created = ctx.now - datetime.timedelta(minutes=rng.randrange(DAYS * 24 * 60))
            trade = rng.choices(trades, weights=weights)[0]
            roll = rng.random()
            if roll < 0.1:
                source, unit_id, building_id = Source.PATROL, None, rng.choice(buildings[estate.pk])
            else:
                source = Source.PAID_SERVICE if roll < 0.18 else Source.REPAIR_CALL
                unit_id, building_id = busy if busy and i % 250 == 0 else rng.choice(units)
            orders.append(
                _order(
                    ctx,
                    rng,
                    estate=estate,
                    created=created,
                    unit_id=unit_id,
                    building_id=building_id,
                    techs=techs,
                    takers=desk,
                    source=source,
                    trade=trade,
                )
            )
    _save(ctx, orders)
    ctx.log(f"    {len(orders)} work orders")
