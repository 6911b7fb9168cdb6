"""The monthly bill run: one bill per chargeable unit and month, with a line per fee item.

Idempotent by the database: a bill is unique per unit and month, and the run bills units
in chunks, each in one transaction that holds the month's `BillRun` row locked (so two runs
of the same month take turns) and picks only the units still without a bill. Run it twice,
or kill it half-way and run it again: exactly one run's bills. A unit whose meter reading
for the month is missing is skipped and listed; once its readings are in, a later run bills
just that unit. Queries per chunk are constant (bulk reads; the bills and lines with their
history by COPY, billing/bulk_copy.py).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from billing.bulk_copy import create_with_history
from billing.charge_services import charge_line
from billing.charges import discount_of, rate_on, tiered_amount
from billing.figures import figures_changed
from billing.models import (
    Allocation,
    Bill,
    BillLine,
    BillRun,
    Charge,
    FeeKind,
    FeeStandard,
    MeterReading,
    Payer,
    PrepaidEntry,
)
from billing.models.fees import METERED, MONTHLY
from billing.money import ZERO, money
from billing.selectors import prepaid_balances_by_unit

CHUNK = 1000


@dataclass
class RunResult:
    bills: int = 0  # made by this run
    lines: int = 0
    skipped: list = field(default_factory=list)  # [[unit id, label, [meter kinds]]]

    def as_dict(self):
        return {"bills": self.bills, "lines": self.lines, "skipped": self.skipped}


def bill_run(*, estate, year: int, month: int, progress=None, chunk: int = CHUNK) -> RunResult:
    """Bill the estate's month. `progress(done, total)` is called after each chunk."""
    from tenants.models import Unit

    if not 1 <= month <= 12:
        raise ValueError("month must be 1..12")
    period_start = datetime.date(year, month, 1)
    standards = _standards(estate, period_start)
    BillRun.objects.get_or_create(estate=estate, year=year, month=month)
    unbilled = list(
        Unit.objects.filter(estate=estate)
        .exclude(pk__in=_billed(estate.pk, year, month))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    result = RunResult()
    for start in range(0, len(unbilled), chunk):
        with transaction.atomic():
            run = BillRun.objects.select_for_update().get(estate=estate, year=year, month=month)
            _bill_chunk(run, standards, unbilled[start : start + chunk], result)
        if progress is not None:
            progress(min(start + chunk, len(unbilled)), len(unbilled))
    with transaction.atomic():
        run = BillRun.objects.select_for_update().get(estate=estate, year=year, month=month)
        run.last_run_at = timezone.now()
        run.skipped = result.skipped
        run.bills = Bill.objects.filter(run=run).count()
        run.save(update_fields=["last_run_at", "skipped", "bills"])
    return result


def _standards(estate, period_start):
    """The estate's active monthly standards with the rate in force at the month's start."""
    standards = []
    for standard in (
        FeeStandard.objects.filter(estate=estate, active=True, kind__in=MONTHLY)
        .prefetch_related("rates")
        .order_by("order", "pk")
    ):
        standard.rate_now = rate_on(standard.rates.all(), period_start)
        if standard.rate_now is not None:
            standards.append(standard)
    return standards


def _bill_chunk(run, standards, unit_ids, result):
    from tenants.models import Occupancy, Unit

    figures_changed(ended_months=True)  # the bills (of a month before, maybe), prepaid taken
    year, month = run.year, run.month
    units = list(
        Unit.objects.filter(pk__in=unit_ids)
        .exclude(pk__in=_billed(run.estate_id, year, month))  # billed meanwhile by another run
        .select_related("building")
        .order_by("pk")
    )
    ids = [u.pk for u in units]
    payers = defaultdict(dict)
    for occ in Occupancy.objects.current().filter(unit_id__in=ids).order_by("move_in", "pk"):
        payers[occ.unit_id].setdefault(occ.role, occ.resident_id)
    readings = {
        (r.unit_id, r.kind): r
        for r in MeterReading.objects.filter(unit_id__in=ids, year=year, month=month)
    }
    balances = prepaid_balances_by_unit(ids)
    pending = defaultdict(list)  # charges other apps raised, waiting for this bill
    for charge in (
        Charge.objects.select_for_update(of=("self",))
        .select_related("standard")
        .filter(unit_id__in=ids, status=Charge.Status.PENDING)
        .order_by("raised_at", "pk")
    ):
        pending[charge.unit_id].append(charge)
    charged = []

    bills, lines, entries, allocations = [], [], [], []
    for unit in units:
        vacant = unit.status == Unit.Status.VACANT
        applicable = [
            s for s in standards if unit.usage in s.usages and (s.vacant_pays or not vacant)
        ]
        if not applicable and not pending[unit.pk]:
            continue
        missing = [s.kind for s in applicable if s.is_metered and (unit.pk, s.kind) not in readings]
        if missing:
            result.skipped.append([unit.pk, unit.label, sorted(set(missing))])
            continue
        bill = Bill(estate_id=run.estate_id, unit=unit, run=run, year=year, month=month)
        bill_lines = [
            _line(bill, unit, s, vacant, readings.get((unit.pk, s.kind)), payers[unit.pk])
            for s in applicable
        ]
        for charge in pending[unit.pk]:
            line = charge_line(bill, charge, _charge_due(charge, year, month))
            line.unit = unit
            line.payer_id = _charge_payer(charge, payers[unit.pk])
            bill_lines.append(line)
            charged.append((charge, line))
        bill.total = sum((line.amount for line in bill_lines), ZERO)
        bills.append(bill)
        lines.extend(bill_lines)
        _apply_prepaid(bill_lines, balances.get(unit.pk, {}), entries, allocations)

    create_with_history(bills, Bill)
    for line in lines:
        line.bill_id = line.bill.pk
    create_with_history(lines, BillLine)
    PrepaidEntry.objects.bulk_create(entries)
    for allocation in allocations:
        allocation.line_id = allocation.line.pk
        allocation.prepaid_entry_id = allocation.prepaid_entry.pk
    Allocation.objects.bulk_create(allocations)
    for charge, line in charged:
        charge.line_id = line.pk
        charge.status = Charge.Status.BILLED
    Charge.objects.bulk_update([charge for charge, _line in charged], ["line", "status"])
    result.bills += len(bills)
    result.lines += len(lines)


def _billed(estate_id, year, month):
    """The units with the month's monthly bill (a charge's bill of its own is not one)."""
    return Bill.objects.filter(
        estate_id=estate_id, year=year, month=month, kind=Bill.Kind.MONTHLY
    ).values("unit_id")


def _charge_due(charge, year, month):
    return datetime.date(year, month, charge.standard.due_day)


def _charge_payer(charge, payers):
    if charge.standard.payer == Payer.OCCUPANT:
        return payers.get("occupant") or payers.get("company_contact") or payers.get("owner")
    return payers.get("owner") or payers.get("company_contact") or payers.get("occupant")


def _line(bill, unit, standard, vacant, reading, payers):
    rate = standard.rate_now
    tiers = []
    if standard.kind == FeeKind.PROPERTY:
        quantity = unit.floor_area
        gross = money(quantity * rate.rate)
    elif standard.kind in METERED:
        quantity = reading.reading - reading.start
        tiers = rate.tiers or []
        gross = tiered_amount(quantity, rate.rate, tiers)
    else:  # fixed monthly
        quantity = Decimal("1")
        gross = money(rate.rate)
    discount, reason = ZERO, ""
    if vacant and standard.vacant_discount > 0:
        discount = discount_of(gross, standard.vacant_discount)
        reason = BillLine.DISCOUNT_VACANT
    amount = gross - discount
    if standard.payer == Payer.OCCUPANT:
        payer = payers.get("occupant") or payers.get("company_contact") or payers.get("owner")
    else:
        payer = payers.get("owner") or payers.get("company_contact") or payers.get("occupant")
    return BillLine(
        estate_id=bill.estate_id,
        unit=unit,
        bill=bill,
        standard=standard,
        kind=standard.kind,
        payer_id=payer,
        description=f"{standard.name} {bill.period}",
        quantity=quantity,
        rate=rate.rate,
        tiers=tiers,
        gross=gross,
        discount=discount,
        discount_reason=reason,
        amount=amount,
        status=BillLine.Status.OPEN if amount > 0 else BillLine.Status.PAID,
        due_date=datetime.date(bill.year, bill.month, standard.due_day),
    )


def _apply_prepaid(lines, balances, entries, allocations):
    """The unit's prepaid money pays its new lines: earmarked money first, then general."""
    for line in lines:
        for kind in (line.kind, ""):
            available = balances.get(kind, ZERO)
            due = line.amount - line.paid
            take = min(available, due)
            if take <= 0:
                continue
            balances[kind] = available - take
            line.paid += take
            entry = PrepaidEntry(estate_id=line.estate_id, unit=line.unit, kind=kind, amount=-take)
            entries.append(entry)
            allocations.append(Allocation(line=line, prepaid_entry=entry, amount=take))
        if line.amount > 0 and line.paid == line.amount:
            line.status = BillLine.Status.PAID
