"""Billing's seeder: the demo's money adds up, by value; receipts continue; the ladder is
the one the daily run would have made; one seed gives the same data."""

import datetime
from collections import defaultdict
from decimal import Decimal

import pytest
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from billing import seed as billing_seed
from billing.ladder import reminder_run
from billing.models import (
    Allocation,
    ArrearsCase,
    Bill,
    BillLine,
    BillRun,
    FeeKind,
    LadderStep,
    MeterReading,
    Payment,
    PrepaidEntry,
)
from billing.models.ladder import STAGES
from billing.money import money
from billing.payment_services import payment_take
from desk import roles, seeding
from desk.clock import estate_today
from desk.models import NumberSequence
from tenants import seed as tenants_seed
from tenants.models import Unit

pytestmark = pytest.mark.django_db


def _seed(scale="demo", seed=1):
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    ctx = seeding.make_context(scale, seed=seed, now=now)
    tenants_seed.seed(ctx)
    seeding.seed_staff(ctx)
    tenants_seed.seed_areas(ctx)
    billing_seed.seed(ctx)
    return ctx


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo estate, seeded once for the module (rolled back at its end)."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield _seed()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def test_the_seeder_runs_after_the_register_staff_and_areas():
    names = [seeder.name for seeder in seeding.seeders()]
    assert names.index("billing") > names.index("tenants.areas") > names.index("desk.staff")


def test_every_payment_is_allocated_to_the_cent_and_no_line_is_over_allocated(demo):
    payments = Payment.objects.annotate(allocated=Sum("allocations__amount"))
    assert payments.count() > 500
    for payment in payments:
        assert (payment.allocated or 0) + payment.prepaid == payment.amount, payment.number
        assert payment.amount > 0 and payment.prepaid >= 0
    lines = BillLine.objects.annotate(allocated=Sum("allocations__amount"))
    assert lines.count() > 3000
    for line in lines:
        assert (line.allocated or 0) == line.paid, line.pk
        assert 0 <= line.paid <= line.amount == line.gross - line.discount
        assert line.status == ("open" if line.paid < line.amount else "paid")
    # A bill's total is its lines' (the late fees written later are lines of their own).
    for bill in Bill.objects.annotate(
        lines_total=Sum("lines__amount", filter=Q(lines__late_fee_of__isnull=True))
    ):
        assert bill.total == bill.lines_total


def test_late_fees_are_lines_of_their_own_paid_by_the_payment_that_wrote_them(demo):
    fees = BillLine.objects.filter(late_fee_of__isnull=False).select_related("late_fee_of")
    assert fees.exists()
    charged = defaultdict(Decimal)
    for fee in fees:
        charged[fee.late_fee_of_id] += fee.amount
        assert fee.kind == FeeKind.PROPERTY == fee.late_fee_of.kind
        assert fee.due_date > fee.late_fee_of.due_date
        assert fee.bill_id == fee.late_fee_of.bill_id
        assert fee.allocations.filter(payment__business_date=fee.due_date).exists()
    for line in BillLine.objects.filter(pk__in=charged):
        assert line.late_fee_charged == charged[line.pk] <= line.amount


def test_prepaid_money_is_a_ledger_that_paid_the_new_bills(demo):
    entries = PrepaidEntry.objects.all()
    assert entries.filter(amount__gt=0).exists()
    balances = entries.values("unit_id", "kind").annotate(balance=Sum("amount"))
    assert all(row["balance"] >= 0 for row in balances)
    assert sum(row["balance"] > 0 for row in balances) >= 2  # a few prepaid balances
    for entry in entries.filter(amount__lt=0).select_related("allocation__line__bill"):
        line = entry.allocation.line
        assert entry.allocation.amount == -entry.amount
        assert entry.kind in ("", line.kind)
        assert entry.created_at == line.bill.created_at  # applied by the bill run
    for entry in entries.filter(amount__gt=0).select_related("payment"):
        assert entry.payment.prepaid == entry.amount
        assert entry.payment.prepaid_kind == entry.kind


def test_the_collection_rate_is_near_93_percent_and_old_arrears_are_mostly_recovered(demo):
    today = estate_today(demo.estates[0])
    own = BillLine.objects.filter(late_fee_of__isnull=True, amount__gt=0)

    def rate(lines):
        totals = lines.aggregate(amount=Sum("amount"), paid=Sum("paid"))
        return totals["paid"] / totals["amount"]

    month_ago = today - datetime.timedelta(days=31)
    assert Decimal("0.88") <= rate(own.filter(due_date__lt=month_ago)) <= Decimal("0.97")
    older = own.filter(due_date__lt=today - datetime.timedelta(days=120))
    assert rate(older) >= Decimal("0.93")
    # A tail of chronic debtors: some units, not many, owe for more than 90 days.
    debtors = (
        own.filter(status="open", due_date__lt=today - datetime.timedelta(days=90))
        .values("unit_id")
        .distinct()
        .count()
    )
    assert 5 <= debtors <= Unit.objects.count() * 0.15


def test_bills_follow_the_fee_standards_and_metered_lines_their_readings(demo):
    readings = {(r.unit_id, r.kind, r.year, r.month): r for r in MeterReading.objects.filter()}
    lines = BillLine.objects.filter(late_fee_of__isnull=True).select_related(
        "bill", "unit", "standard"
    )
    kinds = defaultdict(int)
    for line in lines:
        kinds[line.kind] += 1
        if line.kind == FeeKind.PROPERTY:
            assert line.quantity == line.unit.floor_area
            assert line.gross == money(line.quantity * line.rate)
            vacant = line.unit.status == Unit.Status.VACANT
            assert (line.discount > 0) == vacant
        else:
            reading = readings[line.unit_id, line.kind, line.bill.year, line.bill.month]
            assert line.quantity == reading.reading - reading.start
    assert set(kinds) == {FeeKind.PROPERTY, FeeKind.WATER, FeeKind.ELECTRICITY}
    assert len(readings) == kinds[FeeKind.WATER] + kinds[FeeKind.ELECTRICITY]
    # The property fee's rate changed half-way: older bills keep the old rate.
    rates = set(lines.filter(kind=FeeKind.PROPERTY).values_list("rate", flat=True))
    assert rates == {Decimal("2.50"), Decimal("2.80")}
    # Each meter's reading starts where the last one stopped (unless it was replaced).
    chains = defaultdict(list)
    for r in sorted(readings.values(), key=lambda r: (r.unit_id, r.kind, r.year, r.month)):
        chains[r.unit_id, r.kind].append(r)
    for chain in chains.values():
        for before, after in zip(chain, chain[1:], strict=False):
            assert after.start == (0 if after.replaced else before.reading)


def test_every_seeded_row_points_at_a_row_that_exists(demo):
    """The rows are written without a foreign-key check each (billing/seed_copy.py)."""
    from django.db import connection

    models = [Bill, BillLine, Payment, PrepaidEntry, MeterReading, ArrearsCase, LadderStep]
    models += [Allocation, BillRun]
    with connection.cursor() as cursor:
        for model in models:
            for field in model._meta.concrete_fields:
                if not field.is_relation:
                    continue
                target = field.related_model._meta
                cursor.execute(
                    f"SELECT count(*) FROM {model._meta.db_table} t "
                    f"LEFT JOIN {target.db_table} r ON r.{target.pk.column} = t.{field.column} "
                    f"WHERE t.{field.column} IS NOT NULL AND r.{target.pk.column} IS NULL"
                )
                assert cursor.fetchone()[0] == 0, (model.__name__, field.name)


def test_nothing_seeded_is_after_now(demo):
    now = demo.now
    assert not Bill.objects.filter(created_at__gt=now).exists()
    assert not Payment.objects.filter(taken_at__gt=now).exists()
    assert not MeterReading.objects.filter(recorded_at__gt=now).exists()
    assert not LadderStep.objects.filter(Q(created_at__gt=now) | Q(outcome_at__gt=now)).exists()


def test_receipts_are_numbered_without_gap_and_the_next_payment_continues(demo):
    estate = demo.estates[0]
    for year, last in NumberSequence.objects.filter(kind="SJ", estate=estate).values_list(
        "year", "last"
    ):
        numbers = sorted(
            Payment.objects.filter(estate=estate, business_date__year=year).values_list(
                "number", flat=True
            )
        )
        assert numbers == [f"SJ-{estate.code}-{year}-{i:06d}" for i in range(1, last + 1)]
    line = BillLine.objects.filter(estate=estate, status="open").order_by("due_date").first()
    year = estate_today(estate).year
    seeded = Payment.objects.filter(estate=estate, number__startswith=f"SJ-{estate.code}-{year}-")
    payment = payment_take(
        unit=line.unit,
        amount=line.open_amount,
        method="cash",
        by=demo.staff[roles.CASHIER][0],
        line_ids=[line.pk],
    )
    assert payment.number == f"SJ-{estate.code}-{year}-{seeded.count():06d}"
    assert seeded.count() >= 1


def test_the_ladder_is_the_one_the_daily_run_made(demo):
    estate = demo.estates[0]
    cases = ArrearsCase.objects.filter(estate=estate)
    assert cases.filter(closed_on__isnull=False).count() > 20
    open_cases = {case.unit_id: case for case in cases.filter(closed_on__isnull=True)}
    stages = {case.stage for case in open_cases.values()}
    assert {"rep_visit", "director"} & stages
    for case in cases.prefetch_related("steps"):
        steps = sorted(case.steps.all(), key=lambda step: step.reached_on)
        assert [step.stage for step in steps] == [s.value for s in STAGES[: len(steps)]]
        assert steps[0].reached_on == case.opened_on
        assert (steps[-1].stage, steps[-1].reached_on) == (case.stage, case.stage_on)
        days = [step.reached_on for step in steps]
        assert days == sorted(set(days))
        assert all(step.principal > 0 for step in steps)
    visits = LadderStep.objects.filter(stage__in=["rep_visit", "supervisor_visit", "director"])
    assert visits.filter(outcome_at__isnull=False, reason__gt="").exists()  # a few outcomes
    # The run of the last day again changes nothing: no account moves, none is emailed.
    now = timezone.localtime(demo.now, timezone.get_fixed_timezone(8 * 60))
    day = now.date() if now.hour >= 9 else now.date() - datetime.timedelta(days=1)
    result = reminder_run(estate=estate, today=day)
    assert (dict(result.steps), result.emailed) == ({}, 0)
    # Every account overdue (and not paid today) is on the ladder.
    overdue = set(
        BillLine.objects.filter(estate=estate, status="open", due_date__lt=day).values_list(
            "unit_id", flat=True
        )
    )
    assert overdue <= set(open_cases)


def _fingerprint():
    return (
        list(BillLine.objects.order_by("pk").values_list("unit__label_sort", "amount", "paid"))
        if hasattr(Unit, "label_sort")
        else None,
        sorted(Payment.objects.values_list("number", "amount", "method", "business_date")),
        sorted(BillLine.objects.values_list("description", "amount", "paid", "due_date")),
        sorted(LadderStep.objects.values_list("stage", "reached_on", "principal")),
        list(ArrearsCase.objects.values("stage").annotate(n=Count("id")).order_by("stage")),
    )


def test_one_seed_gives_the_same_data():
    prints = []
    for _ in range(2):
        with transaction.atomic():
            _seed("tiny", seed=3)
            prints.append(_fingerprint())
            transaction.set_rollback(True)
    assert prints[0] == prints[1]
    assert prints[0][1]  # payments were made
