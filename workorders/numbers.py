"""Numbers people read: `WO-2026-000045`, allocated without duplicates, also under concurrency."""

from django.db import IntegrityError, transaction

from workorders.models import NumberCounter


def next_number(kind: str, year: int) -> str:
    """Take the next number of (kind, year), locking its counter row until commit.

    Two concurrent callers serialise on the row lock (PostgreSQL) or the database
    write lock (SQLite); the first number of a year is created under a savepoint so a
    concurrent creator falls back to locking the row the other one made.
    """
    with transaction.atomic():
        counter = NumberCounter.objects.select_for_update().filter(kind=kind, year=year).first()
        if counter is None:
            try:
                with transaction.atomic():
                    NumberCounter.objects.create(kind=kind, year=year, last=0)
            except IntegrityError:
                pass  # created meanwhile by a concurrent caller
            counter = NumberCounter.objects.select_for_update().get(kind=kind, year=year)
        counter.last += 1
        counter.save(update_fields=["last"])
    return f"{kind}-{year}-{counter.last:06d}"
