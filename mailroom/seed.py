"""The mail room's seeder: a year of the register (200,000 items at reference scale), most
collected, some delivered, returned or voided; the last weeks' items still at the desk,
a few past the estate's days (flagged) and past its return days. 3-1502 of the first
estate gets its share. See desk/seeding.py for the contract."""

from collections import defaultdict
from datetime import timedelta

from desk import roles
from mailroom.models import AWAITING, MailItem
from tenants.models import Occupancy, Unit

BATCH = 2000
DAYS = 365
K, S = MailItem.Kind, MailItem.Status
KINDS = {K.PARCEL: 40, K.EXPRESS: 30, K.LETTER: 15, K.REGISTERED: 5, K.NEWSPAPER: 10}
CARRIERS = ["顺丰速运", "中国邮政", "京东物流", "中通快递", "圆通速递", "韵达快递", "EMS"]
PREFIX = {
    "顺丰速运": "SF",
    "中国邮政": "YZ",
    "京东物流": "JD",
    "中通快递": "ZT",
    "圆通速递": "YT",
    "韵达快递": "YD",
    "EMS": "EM",
}
RETURN_REASONS = ["查无此人", "收件人拒收", "超期未领，退回寄件人", "地址不详"]
VOID_REASONS = ["重复登记", "登记错房号，已重新登记"]
COMPANIES = ["金桥科技有限公司", "华东贸易有限公司", "申城律师事务所"]


def _age_days(rng):
    """Most mail is a few days to a year old; a share arrived in the last three weeks."""
    return rng.uniform(0, 21) if rng.random() < 0.04 else rng.uniform(0, DAYS)


def seed(ctx):
    n = ctx.sizes.get("mail_items", 0)
    if not n or not ctx.estates:
        return
    rng = ctx.rng
    units = list(
        Unit.objects.filter(estate__in=ctx.estates)
        .order_by("pk")
        .values_list("pk", "estate_id", "building__number", "number")
    )
    if not units:
        return
    occupants = defaultdict(list)
    for unit_id, resident_id, name in (
        Occupancy.objects.filter(unit__estate__in=ctx.estates, move_out__isnull=True)
        .order_by("pk")
        .values_list("unit_id", "resident_id", "resident__name")
    ):
        occupants[unit_id].append((resident_id, name))
    busy = [u for u in units if u[1] == ctx.estates[0].pk and (u[2], u[3]) == ("3", "1502")]
    desk = _desk_staff(ctx)
    kinds, weights = zip(*KINDS.items(), strict=True)
    codes = defaultdict(set)  # the codes of the items still at the desk, per estate
    items, made = [], 0
    for _ in range(n):
        unit = busy[0] if busy and rng.random() < 0.01 else rng.choice(units)
        estate_id = unit[1]
        received = ctx.now - timedelta(days=_age_days(rng), minutes=rng.randrange(0, 600))
        staff = desk[estate_id]
        residents = occupants.get(unit[0])
        resident = rng.choice(residents) if residents else None
        carrier = rng.choice(CARRIERS)
        kind = rng.choices(kinds, weights)[0]
        item = MailItem(
            estate_id=estate_id,
            kind=kind,
            carrier="" if kind == K.NEWSPAPER else carrier,
            tracking_number=""
            if kind in (K.NEWSPAPER, K.LETTER)
            else f"{PREFIX[carrier]}{rng.randrange(10**11, 10**12)}",
            unit_id=unit[0],
            resident_id=resident[0] if resident else None,
            recipient_name="" if resident else rng.choice(COMPANIES),
            shelf=f"{rng.choice('ABCD')}-{rng.randrange(1, 13):02d}",
            received_at=received,
            received_by=rng.choice(staff),
            notified_at=received + timedelta(minutes=rng.randrange(1, 30)),
            notified_by=MailItem.NotifiedBy.SLIP,
        )
        _fate(item, ctx, rng, staff, resident)
        if item.status in AWAITING:
            item.pickup_code = _free_code(rng, codes[estate_id])
        else:
            item.pickup_code = f"{rng.randrange(10**6):06d}"
        items.append(item)
        if len(items) == BATCH:  # written as it goes: 200,000 items never sit in memory
            MailItem.objects.bulk_create(items, batch_size=BATCH)
            made, items = made + len(items), []
    MailItem.objects.bulk_create(items, batch_size=BATCH)
    made += len(items)
    ctx.log(f"mail: {made} items, {sum(len(c) for c in codes.values())} at the desk")


def _fate(item, ctx, rng, staff, resident):
    """What became of it: the older it is, the likelier it left the desk."""
    age = (ctx.now - item.received_at).days
    roll = rng.random()
    if age < 2 or (age < 21 and roll < 0.25) or (age >= 21 and roll < 0.002):
        item.status = S.NOTIFIED
        return
    if roll < 0.01:
        item.status, item.reason = S.VOIDED, rng.choice(VOID_REASONS)
        item.closed_at, item.closed_by = item.received_at + timedelta(hours=1), rng.choice(staff)
    elif roll < 0.03:
        item.status, item.reason = S.RETURNED, rng.choice(RETURN_REASONS)
        item.closed_at = item.received_at + timedelta(days=rng.randrange(7, 31))
        item.closed_by = rng.choice(staff)
    else:
        delivered = roll < 0.06
        item.status = S.DELIVERED if delivered else S.COLLECTED
        item.handed_at = item.received_at + timedelta(hours=rng.uniform(1, 24 * min(age, 6)))
        item.handed_by = rng.choice(staff)
        item.collector = "" if delivered else MailItem.Collector.RESIDENT
        item.collector_name = resident[1] if resident else "前台代收人"
        item.signed_name = item.collector_name
        item.id_checked = rng.random() < 0.3
        if not delivered and rng.random() < 0.08:
            item.collector, item.collector_name = MailItem.Collector.PROXY, "家人代领"
            item.authorisation, item.signed_name = "业主电话授权", "家人代领"
    if item.closed_at and item.closed_at > ctx.now:
        item.closed_at = ctx.now
    if item.handed_at and item.handed_at > ctx.now:
        item.handed_at = ctx.now


def _free_code(rng, taken):
    while True:
        code = f"{rng.randrange(10**6):06d}"
        if code not in taken:
            taken.add(code)
            return code


def _desk_staff(ctx):
    """{estate id: the receptionists working there}, the printed login first."""
    people = ctx.staff.get(roles.FRONT_DESK, []) or ctx.staff.get(roles.MANAGER, [])
    by_estate = {}
    for estate in ctx.estates:
        mine = [u for u in people if estate in list(u.estates.all())] or people[:1]
        by_estate[estate.pk] = mine
    return by_estate
