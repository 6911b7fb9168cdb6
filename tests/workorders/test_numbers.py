import threading

import pytest
from django.conf import settings

from workorders.models import NumberCounter
from workorders.numbers import next_number


@pytest.mark.skipif(
    "postgres" not in settings.DATABASES["default"]["ENGINE"],
    reason="row locks under real concurrency need PostgreSQL (what CI and make test use)",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_allocations_never_duplicate():
    numbers, errors = [], []
    barrier = threading.Barrier(8)

    def take():
        from django.db import connections

        try:
            barrier.wait()
            for _ in range(5):
                numbers.append(next_number("WO", 2031))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=take) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(numbers) == [f"WO-2031-{n:06d}" for n in range(1, 41)]
    assert NumberCounter.objects.get(kind="WO", year=2031).last == 40


@pytest.mark.django_db
def test_numbers_are_zero_padded_and_sequential():
    assert [next_number("WO", 2030) for _ in range(3)] == [
        "WO-2030-000001",
        "WO-2030-000002",
        "WO-2030-000003",
    ]
