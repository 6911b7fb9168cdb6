"""Billing's seeder: fee standards for each estate, `bill_months` months of bills with their
meter readings, the payments that paid them, the reminder ladder the late payers climbed,
and a few prepaid balances (see desk/seeding.py for the contract).

Each unit's account is played out in time order as the services would have written it: the
bill run on the 1st at 01:00 (prepaid money applied to the new lines, earmarked first), the
cashier's payments allocated oldest first with the late fee written as its own line when a
payment reaches an overdue line (billing.payment_services), and the daily reminder run at
09:00 moving an overdue account up one stage at a time (billing.ladder). The units keep a
payer profile: most pay each bill by its due date or soon after, some months late, some in
lumps every few months, a few in advance, and a tail of chronic debtors who stopped paying
(a third of them paid up after the visits). About 93% of what was billed is collected.

At reference scale this is about 720,000 bill lines; the rows are built as tuples and
written with COPY (billing/seed_copy.py), so the whole seeder takes well under a minute.
Receipt numbers are taken as one block per estate and year (desk.numbering), in time
order, so the next real payment gets the next number.
"""

import datetime
import itertools
import json
from collections import defaultdict
from decimal import Decimal

from billing.charges import discount_of, late_fee, late_fee_start, rate_on, tiered_amount
from billing.ladder import ladder_settings_row
from billing.models import (
    Allocation,
    ArrearsCase,
    Bill,
    BillLine,
    BillRun,
    FeeKind,
    FeeRate,
    FeeStandard,
    LadderStep,
    MeterReading,
    Method,
    Payer,
    Payment,
    PrepaidEntry,
    Reason,
    Stage,
)
from billing.models.fees import METERED, MONTHLY
from billing.models.ladder import STAGES, VISIT_STAGES
from billing.money import ZERO, money
from billing.payment_services import RECEIPT
from billing.seed_copy import Sender, Table, safe_text
from desk import roles
from desk.numbering import number_block
from desk.zones import estate_zone

D = Decimal
ONE = D("1")
OPEN, PAID = BillLine.Status.OPEN.value, BillLine.Status.PAID.value
RESIDENCE, OFFICE, SHOP = "residence", "office", "shop"

WATER_TIERS = [
    {"up_to": "18", "rate": "3.45"},
    {"up_to": "25", "rate": "4.83"},
    {"up_to": None, "rate": "5.83"},
]
# (name, kind, payer, usages, vacant discount %, [(rate before, rate from the change)], tiers)
RESIDENTIAL = [
    ("物业管理费", FeeKind.PROPERTY, Payer.OWNER, [RESIDENCE, SHOP], "30", ["2.50", "2.80"], []),
    ("水费", FeeKind.WATER, Payer.OCCUPANT, [RESIDENCE, SHOP], "0", ["3.45"], WATER_TIERS),
    ("电费", FeeKind.ELECTRICITY, Payer.OCCUPANT, [RESIDENCE, SHOP], "0", ["0.617"], []),
    ("地下车位管理费", FeeKind.FIXED, Payer.OWNER, ["parking"], "0", ["150.00"], []),
]
COMMERCIAL = [
    ("物业管理费", FeeKind.PROPERTY, Payer.OWNER, [OFFICE, SHOP], "50", ["18.00", "19.50"], []),
    ("水费", FeeKind.WATER, Payer.OCCUPANT, [OFFICE, SHOP], "0", ["5.83"], []),
    ("电费", FeeKind.ELECTRICITY, Payer.OCCUPANT, [OFFICE, SHOP], "0", ["1.05"], []),
    ("地下车位管理费", FeeKind.FIXED, Payer.OWNER, ["parking"], "0", ["300.00"], []),
]
# Charged when another app raises them (work orders, renovation permits): no monthly rate.
CHARGED = [
    ("特约服务费", FeeKind.ONE_OFF, False),
    ("装修管理费", FeeKind.ONE_OFF, True),
    ("装修押金", FeeKind.DEPOSIT, True),
]
LATE_FEE_RATE = D("0.05")  # % a day (万分之五)
GRACE_DAYS = 15
DUE_DAY = 15

# Payer profiles: (name, weight if occupied, weight if vacant).
PROFILES = [
    ("prompt", 67, 29),
    ("late", 9, 5),
    ("lumpy", 12, 35),
    ("chronic", 8, 20),
    ("advance", 3, 6),
]
METHODS = [
    (Method.CASH, 20),
    (Method.WECHAT, 35),
    (Method.ALIPAY, 20),
    (Method.CARD, 13),
    (Method.TRANSFER, 12),
]
METHOD_LIST = [method for method, _weight in METHODS]
METHOD_WEIGHTS = list(itertools.accumulate(weight for _method, weight in METHODS))
REFERENCE_PREFIX = {
    Method.WECHAT: "4200",
    Method.ALIPAY: "2088",
    Method.CARD: "62",
    Method.TRANSFER: "TR",
}
VISIT_NOTES = {
    Reason.SERVICE: ["对电梯维修不满意", "反映楼道保洁不到位", "认为绿化养护差"],
    Reason.HARDSHIP: ["近期失业，手头紧", "家中有病人，资金困难"],
    Reason.AWAY: ["长期在外地工作", "电话无人接听，邻居称出国"],
    Reason.DISPUTE: ["对公摊面积有异议", "认为水表读数有误"],
    Reason.FORGOT: ["忘记缴费，答应尽快来交", "以为已开通代扣"],
    Reason.OTHER: ["房屋在出售中", "与租户约定由租户缴纳"],
}
REASONS = list(VISIT_NOTES)


class Std:
    """A fee standard as the simulation uses it."""

    __slots__ = (
        "pk",
        "kind",
        "name",
        "payer",
        "usages",
        "vacant_discount",
        "rates",
        "metered",
        "order",
        "late_rate",
        "grace",
        "notice_days",
    )

    def __init__(self, standard):
        self.pk = standard.pk
        self.kind = standard.kind
        self.name = standard.name
        self.payer = standard.payer
        self.usages = set(standard.usages)
        self.vacant_discount = standard.vacant_discount
        self.rates = list(standard.rates.all())
        self.metered = standard.kind in METERED
        self.order = standard.order
        self.late_rate = standard.late_fee_daily_rate
        self.grace = standard.late_fee_grace_days
        self.notice_days = datetime.timedelta(0)


class Line:
    """A bill line in the making; written once the unit's account is played out."""

    __slots__ = (
        "pk",
        "bill",
        "std",
        "payer",
        "description",
        "quantity",
        "rate",
        "tiers",
        "gross",
        "discount",
        "reason",
        "amount",
        "paid",
        "due",
        "fee_until",
        "fee_charged",
        "fee_of",
        "paid_on",  # [(day, amount)] what was paid of it and when
    )

    def __init__(
        self,
        pk,
        bill,
        std,
        payer,
        due,
        amount,
        description,
        gross=None,
        discount=ZERO,
        reason="",
        quantity=ONE,
        rate=None,
        tiers="[]",  # as JSON text
        fee_of=None,
    ):
        self.pk, self.bill, self.std, self.payer, self.due = pk, bill, std, payer, due
        self.amount = amount
        self.gross = amount if gross is None else gross
        self.discount = discount
        self.reason = reason
        self.quantity = quantity
        self.rate = amount if rate is None else rate
        self.tiers = tiers
        self.description = description
        self.fee_of = fee_of
        self.paid = ZERO
        self.fee_until = None
        self.fee_charged = ZERO
        self.paid_on = []

    @property
    def open(self):
        return self.amount - self.paid

    def fee(self, day):
        """The late fee to `day`, as billing.selectors.line_late_fee reckons it."""
        if self.fee_of is not None or not self.std.late_rate or day <= self.due:
            return ZERO
        return late_fee(
            open_amount=self.open,
            amount=self.amount,
            charged=self.fee_charged,
            # The deadline notice that names the line comes `deadline_days` after its due
            # date while it is the oldest overdue (the run's rule, billing.ladder).
            notice_on=self.due + self.std.notice_days,
            grace_days=self.std.grace,
            daily_rate_percent=self.std.late_rate,
            charged_until=self.fee_until,
            today=day,
        )

    def settled_on(self):
        """The day it was paid in full, or None while open."""
        return self.paid_on[-1][0] if self.paid >= self.amount and self.paid_on else None


def seed(ctx):
    months = ctx.sizes.get("bill_months", 6)
    if not ctx.estates or months < 1:
        return
    writer = _Writer()
    for estate in ctx.estates:
        _EstateSeed(ctx, estate, months, writer).run()
    writer.finish(ctx)


class _Writer:
    def __init__(self):
        self.sender = Sender()
        self.runs = Table(
            BillRun,
            ["id", "estate_id", "year", "month", "started_at", "last_run_at", "bills", "skipped"],
            self.sender,
        )
        self.bills = Table(
            Bill,
            [
                "id",
                "estate_id",
                "unit_id",
                "run_id",
                "year",
                "month",
                "kind",
                "total",
                "created_at",
                "notice_number",
            ],
            self.sender,
        )
        self.lines = Table(
            BillLine,
            [
                "id",
                "estate_id",
                "unit_id",
                "bill_id",
                "standard_id",
                "kind",
                "late_fee_of_id",
                "payer_id",
                "description",
                "quantity",
                "rate",
                "tiers",
                "gross",
                "discount",
                "discount_reason",
                "amount",
                "paid",
                "waived",
                "status",
                "due_date",
                "late_fee_until",
                "late_fee_charged",
                "late_fee_waived",
                "waive_reason",
            ],
            self.sender,
        )
        self.readings = Table(
            MeterReading,
            [
                "id",
                "estate_id",
                "unit_id",
                "kind",
                "year",
                "month",
                "start",
                "reading",
                "replaced",
                "flagged",
                "recorded_by_id",
                "recorded_at",
            ],
            self.sender,
        )
        self.payments = Table(
            Payment,
            [
                "id",
                "estate_id",
                "unit_id",
                "number",
                "method",
                "reference",
                "amount",
                "prepaid",
                "prepaid_kind",
                "payer_name",
                "taken_by_id",
                "taken_at",
                "business_date",
                "reason",
            ],
            self.sender,
        )
        self.prepaid = Table(
            PrepaidEntry,
            ["id", "estate_id", "unit_id", "kind", "amount", "payment_id", "created_at"],
            self.sender,
        )
        self.allocations = Table(
            Allocation, ["id", "line_id", "payment_id", "prepaid_entry_id", "amount"], self.sender
        )
        self.cases = Table(
            ArrearsCase,
            ["id", "estate_id", "unit_id", "opened_on", "stage", "stage_on", "closed_on"],
            self.sender,
        )
        self.steps = Table(
            LadderStep,
            [
                "id",
                "estate_id",
                "case_id",
                "unit_id",
                "stage",
                "reached_on",
                "overdue_since",
                "principal",
                "late_fee",
                "pay_by",
                "payer_id",
                "assignee_id",
                "email_to",
                "emailed_at",
                "printed_at",
                "printed_by_id",
                "reason",
                "expected_on",
                "note",
                "outcome_by_id",
                "outcome_at",
                "created_at",
                "number",
                "late_fee_from",
            ],
            self.sender,
        )
        self.receipts = []  # payment rows without their number yet
        self.reference = 0

    def finish(self, ctx):
        tables = [
            self.runs,
            self.bills,
            self.lines,
            self.readings,
            self.payments,
            self.prepaid,
            self.allocations,
            self.cases,
            self.steps,
        ]
        for table in tables:
            table.flush()
        self.sender.close()
        # Receipt numbers, in time order, now that the connection is this thread's again.
        self.payments.sender = Sender()
        self._number_receipts(ctx)
        self.payments.flush()
        self.payments.sender.close()
        for table in tables:
            table.finish()
        ctx.log(
            f"    {self.bills.written} bills, {self.lines.written} lines, "
            f"{self.readings.written} readings, {self.payments.written} payments, "
            f"{self.allocations.written} allocations, {self.steps.written} ladder steps"
        )

    def _number_receipts(self, ctx):
        """Each estate's receipts numbered in time order, a block per year."""
        estates = {estate.pk: estate for estate in ctx.estates}
        by_series = defaultdict(list)
        for row in self.receipts:
            by_series[row[1], row[12].year].append(row)
        for (estate_id, year), rows in sorted(by_series.items()):
            rows.sort(key=lambda row: (row[11], row[0]))
            numbers = number_block(
                kind=RECEIPT, year=year, count=len(rows), estate=estates[estate_id]
            )
            for row, number in zip(rows, numbers, strict=True):
                row[3] = number
                self.payments.add(tuple(row))
        self.receipts = []


# Draws from `ctx.rng` by `random()` alone: random's randint, randrange and choice are
# several Python calls deep, and the reference scale draws a few million times.
def _randrange(rng, start, stop=None):
    if stop is None:
        start, stop = 0, start
    return start + int(rng.random() * (stop - start))


def _randint(rng, low, high):
    return low + int(rng.random() * (high - low + 1))


def _choice(rng, items):
    return items[int(rng.random() * len(items))]


def _local(zone, day, hour=0, minute=0):
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)


def _month_start(year, month, delta):
    index = year * 12 + month - 1 + delta
    return datetime.date(index // 12, index % 12 + 1, 1)


def _staff_of(ctx, role, estate):
    """The staff of `role` who work in the estate (the printed login works in all)."""
    users = [u for u in ctx.staff.get(role, []) if u.estates.filter(pk=estate.pk).exists()]
    return users or ctx.staff.get(role, [])[:1]


class _EstateSeed:
    def __init__(self, ctx, estate, months, writer):
        self.ctx, self.estate, self.writer, self.rng = ctx, estate, writer, ctx.rng
        self.zone = estate_zone(estate)
        self.estate_pk = estate.pk
        self.now = ctx.now
        local_now = self.now.astimezone(self.zone)
        self.today = local_now.date()
        # The reminder run of today has run once it is 09:00.
        self.last_run = self.today if local_now.hour >= 9 else self.today - datetime.timedelta(1)
        first = _month_start(self.today.year, self.today.month, -(months - 1))
        self.periods = [_month_start(first.year, first.month, i) for i in range(months)]
        # The first bill run happened at 01:00 on the 1st; the current month's once past it.
        self.periods = [p for p in self.periods if _local(self.zone, p, 1) <= self.now]
        self.month_start = {p: _local(self.zone, p) for p in self.periods}
        self.ladder = ladder_settings_row(estate)
        self.cashiers = [user.pk for user in _staff_of(ctx, roles.CASHIER, estate)]
        self.front_desk = [user.pk for user in _staff_of(ctx, roles.FRONT_DESK, estate)]
        self.supervisors = _staff_of(ctx, roles.SUPERVISOR, estate)
        self.managers = _staff_of(ctx, roles.MANAGER, estate)

    # --- fee standards ---

    def standards(self, commercial):
        change = self.periods[len(self.periods) // 2] if self.periods else self.today
        since = datetime.date(2016, 1, 1)
        made = []
        for order, (name, kind, payer, usages, discount, rates, tiers) in enumerate(
            COMMERCIAL if commercial else RESIDENTIAL, start=1
        ):
            made.append(
                (
                    FeeStandard(
                        estate=self.estate,
                        name=name,
                        kind=kind,
                        payer=payer,
                        usages=usages,
                        vacant_pays=True,
                        vacant_discount=D(discount),
                        due_day=DUE_DAY,
                        # The late fee is the property fee's (utilities are not charged one).
                        late_fee_daily_rate=LATE_FEE_RATE if kind == FeeKind.PROPERTY else ZERO,
                        late_fee_grace_days=GRACE_DAYS,
                        order=order * 10,
                    ),
                    [(since, rates[0], tiers)] + [(change, rate, tiers) for rate in rates[1:]],
                )
            )
        for order, (name, kind, at_once) in enumerate(CHARGED, start=len(made) + 1):
            made.append(
                (
                    FeeStandard(
                        estate=self.estate,
                        name=name,
                        kind=kind,
                        payer=Payer.OWNER,
                        usages=[RESIDENCE, OFFICE, SHOP],
                        due_day=DUE_DAY,
                        charge_at_once=at_once,
                        order=order * 10,
                    ),
                    [],
                )
            )
        FeeStandard.objects.bulk_create([standard for standard, _rates in made])
        FeeRate.objects.bulk_create(
            [
                FeeRate(standard=standard, effective_from=day, rate=D(rate), tiers=tiers)
                for standard, rates in made
                for day, rate, tiers in rates
            ]
        )
        monthly = (
            FeeStandard.objects.filter(estate=self.estate, kind__in=MONTHLY)
            .prefetch_related("rates")
            .order_by("order", "pk")
        )
        standards = [Std(standard) for standard in monthly]
        for std in standards:
            std.notice_days = datetime.timedelta(self.ladder.deadline_days)
        return standards

    # --- the estate ---

    def run(self):
        from tenants.models import Occupancy, Resident, Unit
        from tenants.selectors import areas_of_units

        units = list(
            Unit.objects.filter(estate=self.estate).select_related("building").order_by("pk")
        )
        if not units:
            return
        commercial = any(u.usage == OFFICE for u in units)
        standards = self.standards(commercial)
        payers = defaultdict(dict)
        for unit_id, role, resident_id in (
            Occupancy.objects.current()
            .filter(unit__estate=self.estate)
            .order_by("move_in", "pk")
            .values_list("unit_id", "role", "resident_id")
        ):
            payers[unit_id].setdefault(role, resident_id)
        people = {
            pk: (safe_text(name), safe_text(email))
            for pk, name, email in Resident.objects.filter(
                pk__in={r for held in payers.values() for r in held.values()}
            ).values_list("pk", "name", "email")
        }
        self.areas = areas_of_units(units)
        self.people = people
        # The month's bill runs and their rates.
        self.rates = {}
        self.runs = {}
        for period in self.periods:
            pk = self.writer.runs.take_id()
            self.runs[period] = [pk, 0]
            for std in standards:
                rate = rate_on(std.rates, period)
                if rate is not None:
                    tiers = rate.tiers or []
                    self.rates[std.pk, period] = (rate.rate, tiers, json.dumps(tiers))
        busy = self._busy_unit(units)
        for unit in units:
            _UnitSeed(self, unit, standards, payers.get(unit.pk, {}), unit.pk == busy).run()
        for period in self.periods:
            pk, count = self.runs[period]
            at = _local(self.zone, period, 1)
            self.writer.runs.add(
                (
                    pk,
                    self.estate.pk,
                    period.year,
                    period.month,
                    at,
                    at + datetime.timedelta(minutes=3),
                    count,
                    "[]",
                )
            )

    def _busy_unit(self, units):
        from tenants.seed import BUSY_UNIT

        if self.estate.pk != self.ctx.estates[0].pk:
            return None
        for unit in units:
            if (unit.building.number, unit.number) == BUSY_UNIT:
                return unit.pk
        return None

    def payer_of(self, std, held):
        first, second = (
            ("occupant", "owner") if std.payer == Payer.OCCUPANT else ("owner", "occupant")
        )
        return held.get(first) or held.get("company_contact") or held.get(second)


def _open_order(line):
    return (line.due, line.pk)  # as the cashier's screen lists them (due date, id)


class _UnitSeed:
    """One unit's account over the months: bills, readings, payments, the ladder."""

    def __init__(self, estate_seed, unit, standards, held, busy):
        self.e = estate_seed
        self.rng = estate_seed.rng
        self.w = estate_seed.writer
        self.unit = unit
        self.unit_pk = unit.pk
        self.held = held
        self.busy = busy
        vacant = unit.status == "vacant"
        self.vacant = vacant
        self.standards = [s for s in standards if unit.usage in s.usages]
        self.lines = []  # every line, in id order
        self.open = []  # open lines, by (due, id)
        self.bills = {}  # period -> [bill pk, [lines], created_at]
        self.prepaid = defaultdict(lambda: ZERO)
        self.payer_by_std = {s.pk: estate_seed.payer_of(s, held) for s in self.standards}
        self.property_gross = {}
        payer = held.get("owner") or held.get("company_contact") or held.get("occupant")
        self.payer_name = estate_seed.people.get(payer, ("", ""))[0]

    def run(self):
        e = self.e
        if not self.standards:
            return
        profile = self._profile()
        plan = self._plan(profile)
        meters = self._meters()
        bill_times = [(_local(e.zone, p, 1), 0, i, None) for i, p in enumerate(e.periods)]
        events = sorted(bill_times + plan, key=lambda event: (event[0], event[1], event[2]))
        for at, what, index, action in events:
            if what == 0:
                self._bill(e.periods[index], meters, at)
            else:
                self._pay(at, index, action)
        self._write_lines()
        self._ladder()

    # --- who pays how ---

    def _profile(self):
        if self.busy:
            return "chronic"
        weights = [p[2] if self.vacant else p[1] for p in PROFILES]
        return self.rng.choices([p[0] for p in PROFILES], weights=weights)[0]

    def _plan(self, profile):
        """[(when, 1, bill index, action)] of the payments this payer makes."""
        e, rng = self.e, self.rng
        n = len(e.periods)
        plan = []

        def add(day, index, action):
            # After the day's reminder run (09:00), as the ladder sees a payment.
            at = _local(e.zone, day, 9, 5) + datetime.timedelta(minutes=_randrange(rng, 8 * 60))
            if at <= e.now:
                plan.append((at, 1, index, action))

        def prompt(i, clear=False):
            period = e.periods[i]
            roll = rng.random()
            if roll < 0.03:
                return True  # missed: paid with a later one
            if roll < 0.85:
                day = period + datetime.timedelta(_randrange(rng, DUE_DAY))
            else:
                day = period + datetime.timedelta(DUE_DAY - 1 + _randint(rng, 1, 13))
            add(day, i, ("clear",) if clear else ("bill", i))
            return False

        if profile == "lumpy":
            every = min(rng.choices([3, 6, 12], weights=[5, 3, 2])[0], max(2, n // 2))
            offset = _randrange(rng, every)
            for i in range(n):
                if (i + offset) % every == every - 1:
                    add(e.periods[i] + datetime.timedelta(_randint(rng, 0, 40)), i, ("clear",))
            return plan
        stop, recover, gap = n, None, _randint(rng, 3, 8)
        advance = _randrange(rng, max(0, n - 10), n) if profile == "advance" else None
        if profile == "chronic":
            stop = n - 7 if self.busy else _randint(rng, 0, max(0, n - 4))
            if not self.busy and rng.random() < 0.25:
                recover = stop + _randint(rng, 3, 10)
        missed = False
        for i in range(n):
            period = e.periods[i]
            if profile == "late":
                day = period + datetime.timedelta(DUE_DAY - 1 + _randint(rng, 10, 75))
                add(day, i, ("bill", i))
            elif i == advance:
                add(period + datetime.timedelta(_randint(rng, 2, 12)), i, ("advance",))
            elif i < stop or (recover is not None and i > recover):
                missed = prompt(i, clear=missed)
            elif i == recover:
                add(period + datetime.timedelta(_randint(rng, 0, 20)), i, ("clear",))
            elif (i - stop) % gap == 2:
                add(
                    period + datetime.timedelta(_randint(rng, 5, 25)),
                    i,
                    ("part", rng.uniform(0.1, 0.35)),
                )
        return plan

    # --- the meters ---

    def _meters(self):
        """{kind: [start reading, monthly base usage]} of the unit's meters."""
        rng, unit = self.rng, self.unit
        area = float(unit.floor_area)
        meters = {}
        for std in self.standards:
            if not std.metered:
                continue
            if self.vacant:
                base = rng.uniform(0, 0.6) if std.kind == FeeKind.WATER else rng.uniform(0, 8)
            elif unit.usage == RESIDENCE:
                base = rng.uniform(6, 18) if std.kind == FeeKind.WATER else rng.uniform(120, 320)
            elif unit.usage == SHOP:
                base = area * (
                    rng.uniform(0.1, 0.3) if std.kind == FeeKind.WATER else rng.uniform(10, 25)
                )
            else:
                base = area * (
                    rng.uniform(0.03, 0.08) if std.kind == FeeKind.WATER else rng.uniform(4, 9)
                )
            meters[std.kind] = [D(_randint(rng, 100, 3000)), base]
        return meters

    def _reading(self, std, period, meters):
        rng = self.rng
        start, base = meters[std.kind]
        season = 1.0
        if std.kind == FeeKind.ELECTRICITY and not self.vacant:
            season = {7: 1.5, 8: 1.5, 1: 1.25, 12: 1.25}.get(period.month, 1.0)
        usage = base * season * rng.uniform(0.8, 1.2)
        flagged = replaced = False
        roll = rng.random()
        if roll < 0.002:
            usage, flagged = usage * 4 + 5, True  # a leak, or a reading to check
        elif roll < 0.003:
            start, replaced = ZERO, True  # a new meter, from 0
        usage = D(f"{usage:.1f}")
        reading = start + usage
        meters[std.kind][0] = reading
        # A few days before the bill run, in the morning.
        recorded = self.e.month_start[period] - datetime.timedelta(
            days=_randint(rng, 1, 3), hours=-10, minutes=-_randrange(rng, 300)
        )
        e = self.e
        self.w.readings.add(
            (
                self.w.readings.take_id(),
                e.estate_pk,
                self.unit_pk,
                std.kind,
                period.year,
                period.month,
                start,
                reading,
                replaced,
                flagged,
                _choice(rng, e.cashiers) if e.cashiers else None,
                min(recorded, e.now),
            )
        )
        return usage

    # --- the bill run ---

    def _bill(self, period, meters, at):
        e, unit = self.e, self.unit
        bill_pk = self.w.bills.take_id()
        due = datetime.date(period.year, period.month, DUE_DAY)
        label = f"{period.year}-{period.month:02d}"
        lines = []
        for std in self.standards:
            found = e.rates.get((std.pk, period))
            if found is None:
                continue
            rate, tiers, tiers_json = found
            if std.kind == FeeKind.PROPERTY:
                quantity = unit.floor_area
                gross = self.property_gross.get(rate)
                if gross is None:
                    gross = self.property_gross[rate] = money(quantity * rate)
                tiers_json = "[]"
            elif std.metered:
                quantity = self._reading(std, period, meters)
                gross = tiered_amount(quantity, rate, tiers)
            else:
                quantity, gross, tiers_json = ONE, money(rate), "[]"
            discount, reason = ZERO, ""
            if self.vacant and std.vacant_discount > 0:
                discount, reason = discount_of(gross, std.vacant_discount), BillLine.DISCOUNT_VACANT
            line = Line(
                self.w.lines.take_id(),
                bill_pk,
                std,
                self.payer_by_std[std.pk],
                due,
                gross - discount,
                gross=gross,
                discount=discount,
                reason=reason,
                quantity=quantity,
                rate=rate,
                tiers=tiers_json,
                description=f"{std.name} {label}",
            )
            lines.append(line)
        if not lines:
            return
        self.lines.extend(lines)
        self.open.extend(line for line in lines if line.amount > 0)
        self.bills[period] = (bill_pk, lines, at)
        e.runs[period][1] += 1
        self.w.bills.add(
            (
                bill_pk,
                e.estate_pk,
                self.unit_pk,
                e.runs[period][0],
                period.year,
                period.month,
                Bill.Kind.MONTHLY.value,
                sum((line.amount for line in lines), ZERO),
                at,
                "",  # numbered when its notice is first printed
            )
        )
        self._apply_prepaid(lines, at)

    def _apply_prepaid(self, lines, at):
        """As the bill run does: earmarked money first, then general."""
        if not any(self.prepaid.values()):
            return
        day = at.astimezone(self.e.zone).date()
        for line in lines:
            for kind in (line.std.kind, ""):
                take = min(self.prepaid[kind], line.open)
                if take <= 0:
                    continue
                self.prepaid[kind] -= take
                entry = self.w.prepaid.take_id()
                self.w.prepaid.add((entry, self.e.estate_pk, self.unit_pk, kind, -take, None, at))
                self.w.allocations.add((self.w.allocations.take_id(), line.pk, None, entry, take))
                line.paid += take
                line.paid_on.append((day, take))
        self.open = [line for line in self.open if line.open > 0]

    # --- the cashier ---

    def _pay(self, at, index, action):
        e, rng = self.e, self.rng
        day = at.astimezone(e.zone).date()
        owed = sum((line.open + line.fee(day) for line in self.open), ZERO)
        extra, kind = ZERO, ""
        if action[0] == "clear":
            amount = owed
        elif action[0] == "bill":
            bill = self.bills.get(e.periods[index])
            if bill is None:
                return
            amount = min(owed, sum((line.open + line.fee(day) for line in bill[1]), ZERO))
        elif action[0] == "part":
            amount = money(owed * D(f"{action[1]:.2f}"))
        else:  # advance: a year of the property fee on top of what is open
            property_lines = [line for line in self.lines if line.std.kind == FeeKind.PROPERTY]
            if not property_lines:
                return
            kind = _choice(rng, [FeeKind.PROPERTY.value, ""])
            extra = property_lines[-1].amount * 12
            amount = owed + extra
        if amount <= 0:
            return
        left = amount
        plan = []
        for line in list(self.open):
            if left <= 0:
                break
            fee = line.fee(day)
            if fee > 0:
                fee_line = Line(
                    self.w.lines.take_id(),
                    line.bill,
                    line.std,
                    line.payer,
                    day,
                    fee,
                    fee_of=line.pk,
                    description=line.description,
                )
                line.fee_charged += fee
                line.fee_until = day
                self.lines.append(fee_line)
                self.open.append(fee_line)
                take = min(left, fee)
                plan.append((fee_line, take))
                left -= take
            take = min(left, line.open)
            if take > 0:
                plan.append((line, take))
                left -= take
        method = rng.choices(METHOD_LIST, cum_weights=METHOD_WEIGHTS)[0]
        reference = ""
        if method != Method.CASH:
            self.w.reference += 1
            reference = f"{REFERENCE_PREFIX[method]}{day:%Y%m%d}{self.w.reference:010d}"
        pk = self.w.payments.take_id()
        self.w.receipts.append(
            [
                pk,
                e.estate_pk,
                self.unit_pk,
                "",
                method.value,
                reference,
                amount,
                left,
                kind if left > 0 else "",
                self.payer_name,
                _choice(rng, e.cashiers),
                at,
                day,
                "",
            ]
        )
        for line, take in plan:
            line.paid += take
            line.paid_on.append((day, take))
            self.w.allocations.add((self.w.allocations.take_id(), line.pk, pk, None, take))
        if left > 0:
            self.prepaid[kind] += left
            self.w.prepaid.add(
                (self.w.prepaid.take_id(), e.estate_pk, self.unit_pk, kind, left, pk, at)
            )
        self.open = sorted((line for line in self.open if line.open > 0), key=_open_order)

    def _write_lines(self):
        e = self.e
        for line in self.lines:
            self.w.lines.add(
                (
                    line.pk,
                    e.estate_pk,
                    self.unit_pk,
                    line.bill,
                    line.std.pk,
                    line.std.kind,
                    line.fee_of,
                    line.payer,
                    line.description,
                    line.quantity,
                    line.rate,
                    line.tiers,
                    line.gross,
                    line.discount,
                    line.reason,
                    line.amount,
                    line.paid,
                    ZERO,
                    OPEN if line.paid < line.amount else PAID,
                    line.due,
                    line.fee_until,
                    line.fee_charged,
                    False,
                    "",
                )
            )

    # --- the reminder ladder ---

    def _ladder(self):
        """The cases and steps the daily run made: each streak of days the unit had
        something overdue is a case; the run moved it up one stage a day when due."""
        e = self.e
        spans = []
        for line in self.lines:
            if line.amount <= 0:
                continue
            settled = line.settled_on()
            end = e.last_run if settled is None else min(settled, e.last_run)
            start = line.due + datetime.timedelta(1)
            if start <= end:
                spans.append((start, end, line))
        if not spans:
            return
        spans.sort(key=lambda span: span[0])
        streak = [spans[0]]
        end = spans[0][1]
        for span in spans[1:]:
            if span[0] <= end + datetime.timedelta(1):
                streak.append(span)
                end = max(end, span[1])
            else:
                self._case(streak, end)
                streak, end = [span], span[1]
        self._case(streak, end)

    def _case(self, spans, end):
        e = self.e
        first = spans[0][0]
        # The days the oldest overdue due date changes (a line paid in full the day before).
        changes = sorted(
            {first} | {span[1] + datetime.timedelta(1) for span in spans if span[1] < end}
        )
        segments = []
        for i, start in enumerate(changes):
            stop = changes[i + 1] - datetime.timedelta(1) if i + 1 < len(changes) else end
            overdue = [s[2].due for s in spans if s[0] <= start <= s[1]]
            if overdue:
                segments.append((start, stop, min(overdue)))
        reached = []  # (stage, day, oldest due)
        day_after = first
        for stage in STAGES:
            threshold = e.ladder.days_of(stage)
            found = None
            for start, stop, oldest in segments:
                t = max(start, day_after, oldest + datetime.timedelta(threshold))
                if t <= stop:
                    found = (t, oldest)
                    break
            if found is None:
                break
            reached.append((stage, found[0], found[1]))
            day_after = found[0] + datetime.timedelta(1)
        if not reached:
            return
        closed = end + datetime.timedelta(1) if end < e.last_run else None
        case_pk = self.w.cases.take_id()
        last_stage, last_day = reached[-1][0], reached[-1][1]
        self.w.cases.add(
            (case_pk, e.estate_pk, self.unit_pk, reached[0][1], last_stage.value, last_day, closed)
        )
        for stage, day, oldest in reached:
            self._step(case_pk, stage, day, oldest, spans)

    def _step(self, case_pk, stage, day, oldest, spans):
        e, rng = self.e, self.rng
        principal, fee, payer = ZERO, ZERO, None
        for start, stop, line in spans:
            if start <= day <= stop:
                paid = sum((amount for on, amount in line.paid_on if on < day), ZERO)
                principal += line.amount - paid
                if line.fee_of is None and line.std.late_rate:
                    fee += late_fee(
                        open_amount=line.amount - paid,
                        amount=line.amount,
                        charged=ZERO,
                        notice_on=line.due + line.std.notice_days,
                        grace_days=line.std.grace,
                        daily_rate_percent=line.std.late_rate,
                        charged_until=None,
                        today=day,
                    )
                payer = payer or line.payer
        run_at = _local(e.zone, day, 9, 2)
        email = e.people.get(payer, ("", ""))[1] if payer else ""
        assignee = printed_at = printed_by = None
        pay_by = (
            day + datetime.timedelta(e.ladder.pay_within_days) if stage == Stage.DEADLINE else None
        )
        reason, expected, note, outcome_by, outcome_at = "", None, "", None, None
        if stage in VISIT_STAGES:
            email = ""
            if stage == Stage.REP_VISIT:
                area = e.areas.get(self.unit_pk)
                assignee = (area.rep or area.deputy) if area else None
            heard = _local(
                e.zone, day + datetime.timedelta(_randint(rng, 1, 6)), 15
            ) + datetime.timedelta(minutes=_randrange(rng, 180))
            if heard <= e.now and rng.random() < 0.7:
                reason = _choice(rng, REASONS)
                note = _choice(rng, VISIT_NOTES[reason])
                expected = heard.date() + datetime.timedelta(_randint(rng, 7, 45))
                by = assignee or (
                    e.managers[0]
                    if stage == Stage.DIRECTOR and e.managers
                    else (e.supervisors[0] if e.supervisors else None)
                )
                outcome_by, outcome_at = (by.pk if by else None), heard
        else:
            printed = _local(
                e.zone, day + datetime.timedelta(_randint(rng, 0, 1)), 14
            ) + datetime.timedelta(minutes=_randrange(rng, 120))
            if printed <= e.now and e.front_desk:
                printed_at, printed_by = printed, _choice(rng, e.front_desk)
        self.w.steps.add(
            (
                self.w.steps.take_id(),
                e.estate_pk,
                case_pk,
                self.unit_pk,
                stage.value,
                day,
                oldest,
                principal,
                fee,
                pay_by,
                payer,
                assignee.pk if assignee else None,
                email or "",
                run_at + datetime.timedelta(minutes=1) if email else None,
                printed_at,
                printed_by,
                reason,
                expected,
                note,
                outcome_by,
                outcome_at,
                run_at,
                "",  # seeded notices carry no serial number
                late_fee_start(day, GRACE_DAYS) if stage == Stage.DEADLINE else None,
            )
        )
