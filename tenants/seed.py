"""The register's seeder: estates, buildings, units, residents and their occupancies.

demo: 翠湖花园 (CH), five buildings (no building 4, as usual), 200 units; building 3 has
unit 1502, occupied. reference: three estates, 40 buildings, 10,000 units, 15,000
residents. tiny (tests): one estate, 24 units. Everything is drawn from `ctx.rng` in a
fixed order, so one seed gives the same register. See desk/seeding.py for the contract.
"""

import math
from datetime import date
from decimal import Decimal

from desk.clock import local_date
from desk.models import Estate
from tenants.models import Area, AreaBuilding, Building, Occupancy, Resident, Unit
from tenants.seed_people import People

BATCH = 2000
# The unit with the long history (building, unit) in the first estate: the bench times its page.
BUSY_UNIT = ("3", "1502")

ESTATES = {
    "tiny": [
        {
            "code": "TY",
            "name": "桃源小区",
            "name_en": "Peach Garden",
            "address": "上海市闵行区桃源路18弄",
            "kind": "residential",
            "handover": date(2016, 5, 20),
            "weight": 1,
        }
    ],
    "demo": [
        {
            "code": "CH",
            "name": "翠湖花园",
            "name_en": "Green Lake Garden",
            "address": "上海市浦东新区翠湖路88弄",
            "kind": "residential",
            "handover": date(2012, 6, 30),
            "weight": 1,
        }
    ],
    "reference": [
        {
            "code": "BS",
            "name": "碧水湾",
            "name_en": "Blue Water Bay",
            "address": "上海市浦东新区锦绣路1288弄",
            "kind": "residential",
            "handover": date(2009, 9, 28),
            "weight": 0.42,
            "buildings": 16,
        },
        {
            "code": "JX",
            "name": "锦绣华庭",
            "name_en": "Jinxiu Court",
            "address": "上海市闵行区七莘路3399弄",
            "kind": "residential",
            "handover": date(2015, 12, 18),
            "weight": 0.38,
            "buildings": 14,
        },
        {
            "code": "JQ",
            "name": "金桥国际中心",
            "name_en": "Jinqiao International Center",
            "address": "上海市浦东新区新金桥路1088号",
            "kind": "commercial",
            "handover": date(2018, 3, 1),
            "weight": 0.20,
            "buildings": 10,
        },
    ],
}

# The demo's buildings, by hand: (number, name, floors, units per floor, usage).
DEMO_LAYOUT = [
    ("1", "", 11, 2, Unit.Usage.RESIDENCE),
    ("2", "", 11, 2, Unit.Usage.RESIDENCE),
    ("3", "", 18, 4, Unit.Usage.RESIDENCE),
    ("5", "", 18, 4, Unit.Usage.RESIDENCE),
    ("6", "临街商铺", 1, 12, Unit.Usage.SHOP),
]


RES_AREAS = [
    "68.52",
    "76.20",
    "89.45",
    "95.80",
    "98.36",
    "112.30",
    "118.74",
    "128.65",
    "143.90",
    "165.20",
]
OFFICE_AREAS = ["86.30", "120.50", "156.80", "210.40", "320.00", "450.60"]
SHOP_AREAS = ["38.50", "56.20", "78.90", "120.30", "186.70"]


def existing_estates(ctx):
    """The scale's estates if they were seeded already (ordered as seeded), else []."""
    codes = [spec["code"] for spec in ESTATES[ctx.scale][: ctx.sizes["estates"]]]
    found = {e.code: e for e in Estate.objects.filter(code__in=codes)}
    return [found[c] for c in codes if c in found]


def seed(ctx):
    rng = ctx.rng
    specs = ESTATES[ctx.scale][: ctx.sizes["estates"]]
    estates = [
        Estate.objects.create(
            code=s["code"], name=s["name"], name_en=s["name_en"], address=s["address"]
        )
        for s in specs
    ]
    ctx.estates = estates

    units_by_estate = _units(ctx, specs, estates)
    busy = next((u for u in units_by_estate[0] if (u.building.number, u.number) == BUSY_UNIT), None)
    if busy is not None:
        busy.status = Unit.Status.OCCUPIED
    all_units = [u for units in units_by_estate for u in units]
    Unit.objects.bulk_create(all_units, batch_size=BATCH)
    ctx.log(f"    {len(estates)} estates, {len(all_units)} units")

    people = People(rng, local_date(estates[0], ctx.now))  # the estates' today
    for spec, estate, units in zip(specs, estates, units_by_estate, strict=True):
        people.plan_estate(spec, estate, units, busy_unit=busy)
    people.fill_to(ctx.sizes["residents"])
    Resident.objects.bulk_create(people.residents, batch_size=BATCH)
    for occupancy in people.occupancies:
        occupancy.resident_id = occupancy.resident.pk
        occupancy.unit_id = occupancy.unit.pk
    Occupancy.objects.bulk_create(people.occupancies, batch_size=BATCH)
    ctx.log(f"    {len(people.residents)} residents, {len(people.occupancies)} occupancies")


# --- buildings and units -------------------------------------------------------------


def _split(total, weights):
    """`total` split by `weights` into integers that add up to `total`."""
    shares = [int(total * w / sum(weights)) for w in weights]
    for i in range(total - sum(shares)):
        shares[i % len(shares)] += 1
    return shares


def _building_numbers(kind):
    if kind == "commercial":
        return [chr(ord("A") + i) for i in range(26)]
    return [str(n) for n in range(1, 200) if "4" not in str(n)]


def _layout(ctx, spec, n_buildings, n_units):
    """(number, name, floors, per floor, usage, count) of each building of a generated estate."""
    rng = ctx.rng
    numbers = _building_numbers(spec["kind"])
    layout = []
    for number, quota in zip(numbers, _split(n_units, [1] * n_buildings), strict=False):
        if spec["kind"] == "commercial":
            floors = rng.choice([20, 28, 35])
            name = f"{number}座"
        else:
            floors = rng.choice([18, 24, 26, 28, 32, 33])
            name = ""
        per_floor = max(2, math.ceil(quota / floors))
        if per_floor > 10:
            floors = min(40, math.ceil(quota / 10))
            per_floor = math.ceil(quota / floors)
        usage = Unit.Usage.OFFICE if spec["kind"] == "commercial" else Unit.Usage.RESIDENCE
        layout.append((number, name, floors, per_floor, usage, quota))
    return layout


def _units(ctx, specs, estates):
    rng = ctx.rng
    if ctx.scale == "demo":
        layouts = [[(*row, row[2] * row[3]) for row in DEMO_LAYOUT]]
    else:
        n_buildings = _split(ctx.sizes["buildings"], [s.get("buildings", 1) for s in specs])
        n_units = _split(ctx.sizes["units"], [s["weight"] for s in specs])
        layouts = [
            _layout(ctx, spec, b, u) for spec, b, u in zip(specs, n_buildings, n_units, strict=True)
        ]
    result = []
    for spec, estate, layout in zip(specs, estates, layouts, strict=True):
        buildings = Building.objects.bulk_create(
            [
                Building(estate=estate, number=number, name=name, floors=floors)
                for number, name, floors, _per, _usage, _count in layout
            ]
        )
        units = []
        for building, (_n, _name, floors, per_floor, usage, count) in zip(
            buildings, layout, strict=True
        ):
            areas = _area_plan(rng, usage, per_floor)
            made = 0
            for floor in range(1, floors + 1):
                for i in range(1, per_floor + 1):
                    if made == count:
                        break
                    made += 1
                    floor_usage = usage
                    if usage == Unit.Usage.OFFICE and floor == 1:
                        floor_usage = Unit.Usage.SHOP
                    units.append(
                        Unit(
                            estate=estate,
                            building=building,
                            number=f"{floor}{i:02d}",
                            floor=floor,
                            floor_area=Decimal(
                                rng.choice(SHOP_AREAS)
                                if floor_usage == Unit.Usage.SHOP
                                else areas[i - 1]
                            ),
                            usage=floor_usage,
                            status=_status(rng, floor_usage),
                            handover_date=spec["handover"],
                        )
                    )
        result.append(units)
    return result


def _area_plan(rng, usage, per_floor):
    """The floor area of each position on a floor: the same flat type stacks up the tower."""
    pool = OFFICE_AREAS if usage == Unit.Usage.OFFICE else RES_AREAS
    if usage == Unit.Usage.SHOP:
        pool = SHOP_AREAS
    types = rng.sample(pool, min(len(pool), 4))
    return [types[i % len(types)] for i in range(per_floor)]


def _status(rng, usage):
    roll = rng.random()
    occupied = 0.86 if usage == Unit.Usage.RESIDENCE else 0.75
    if roll < occupied:
        return Unit.Status.OCCUPIED
    if roll < occupied + 0.04:
        return Unit.Status.RENOVATING
    return Unit.Status.VACANT


AREA_NAMES = ["东区", "西区", "南区", "北区", "中区"]


def seed_areas(ctx):
    """3–5 areas per estate (fewer when it has fewer buildings), the buildings dealt out in
    number order, each area with a rep and a deputy from the estate's service reps (the
    printed rep login looks after the first area of every estate). No random draws: the
    later seeders' data stays what it was."""
    from desk import roles

    reps = ctx.staff.get(roles.SERVICE_REP, [])
    for estate in ctx.estates:
        buildings = sorted(
            Building.objects.filter(estate=estate), key=lambda b: (len(b.number), b.number)
        )
        if not buildings:
            continue
        local = [u for u in reps if u.estates.filter(pk=estate.pk).exists()]
        count = min(len(buildings), max(3, min(5, round(len(buildings) / 3.5))))
        areas = Area.objects.bulk_create(
            [
                Area(
                    estate=estate,
                    name=AREA_NAMES[i],
                    rep=local[i % len(local)] if local else None,
                    deputy=local[(i + 1) % len(local)] if len(local) > 1 else None,
                )
                for i in range(count)
            ]
        )
        AreaBuilding.objects.bulk_create(
            [
                AreaBuilding(area=areas[i * count // len(buildings)], building=building)
                for i, building in enumerate(buildings)
            ]
        )
    ctx.log("  areas: " + ", ".join(f"{e.code} {e.areas.count()}" for e in ctx.estates))
