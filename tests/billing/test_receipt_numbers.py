"""Receipt numbers per estate and year: no gap, no duplicate, also for two cashiers at once."""

import threading
from decimal import Decimal as D

import pytest
from django.conf import settings
from django.db import connections

from billing.models import Payment
from billing.payment_services import payment_take
from desk.clock import estate_today
from tests.factories import UnitFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("roles_survive_the_flush"),
    pytest.mark.skipif(
        "postgres" not in settings.DATABASES["default"]["ENGINE"],
        reason="row locks under real concurrency need PostgreSQL",
    ),
]

PAYMENTS_EACH = 5


def test_two_cashiers_paying_at_the_same_instant_take_every_number_once(
    estate, building, cashier, monkeypatch
):
    units = [UnitFactory(building=building, number=f"{i}01", floor=i) for i in (1, 2)]
    # Both hold their transaction open just after taking the number, so the second must wait
    # for the first's row lock on the series, not read the same last number.
    import desk.numbering

    real_take = desk.numbering._take
    barrier = threading.Barrier(2, timeout=10)

    first_call = threading.local()

    def take_together(**kwargs):
        if not getattr(first_call, "done", False):  # both threads start at the same instant
            first_call.done = True
            barrier.wait()
        return real_take(**kwargs)

    monkeypatch.setattr(desk.numbering, "_take", take_together)
    errors = []

    def pay(unit):
        try:
            for _ in range(PAYMENTS_EACH):
                payment_take(unit=unit, amount=D("10"), method="cash", keep_prepaid="", by=cashier)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=pay, args=(unit,)) for unit in units]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    # Not pinned with time-machine: its frozen clock would stall the database waits of the
    # threads. The year is the estate's, read from the numbers themselves (one year, unless
    # the test runs across the estate's midnight of New Year's Eve).
    numbers = sorted(Payment.objects.values_list("number", flat=True))
    year = estate_today(estate).year
    assert numbers == [f"SJ-CH-{year}-{n:06d}" for n in range(1, 2 * PAYMENTS_EACH + 1)]
