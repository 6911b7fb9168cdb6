import threading

import pytest
from django.conf import settings
from django.db import connections

from workorders.models import NumberCounter
from workorders.numbers import next_number


def _in_own_connection(work):
    """Run `work` in a thread, on its own connection, outside the test's transaction."""
    result = {}

    def run():
        try:
            result["value"] = work()
        except Exception as exc:  # noqa: BLE001 - re-raised below
            result["error"] = exc
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    return result.get("value")


@pytest.mark.skipif(
    "postgres" not in settings.DATABASES["default"]["ENGINE"],
    reason="row locks under real concurrency need PostgreSQL (what CI and make test use)",
)
@pytest.mark.django_db
def test_concurrent_allocations_never_duplicate():
    # The threads commit on their own connections; the counter is removed at the end.
    numbers, errors = [], []
    barrier = threading.Barrier(8)

    def take():
        try:
            barrier.wait()
            for _ in range(5):
                numbers.append(next_number("TST", 2031))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=take) for _ in range(8)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        assert sorted(numbers) == [f"TST-2031-{n:06d}" for n in range(1, 41)]
        last = _in_own_connection(lambda: NumberCounter.objects.get(kind="TST", year=2031).last)
        assert last == 40
    finally:
        _in_own_connection(lambda: NumberCounter.objects.filter(kind="TST").delete())


@pytest.mark.django_db
def test_numbers_are_zero_padded_and_sequential():
    assert [next_number("WO", 2030) for _ in range(3)] == [
        "WO-2030-000001",
        "WO-2030-000002",
        "WO-2030-000003",
    ]
