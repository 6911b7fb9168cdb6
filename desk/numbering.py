"""Numbers people read: `TS-2026-000123`, `WO-2026-000045`, and per-estate series such as
receipts, `SJ-CH-2026-000001`; one mechanism for all of them.

A series is a kind (`TS`, `WO`, ...), a year and, for a per-estate series, an estate. Its
last number lives in one `desk.models.NumberSequence` row, and that row is the lock: a
number is taken with `UPDATE ... SET last = last + 1`, which holds the row until the
caller's transaction ends. So the numbers of a series have no duplicates (a concurrent
caller waits for the row) and no gaps (a caller whose transaction rolls back gives its
number back, because the increment rolls back with it).

That is why a number must be taken **inside the transaction that stores the numbered
record**, as late in it as is convenient (the lock is held until commit): take it in the
service's `transaction.atomic()` block, next to the `create()`. Outside a transaction the
increment would commit at once and a failed save would burn the number;
`number_next` refuses that with `TransactionManagementError`.

    with transaction.atomic():
        receipt = Receipt.objects.create(
            number=number_next(kind="SJ", year=paid_on.year, estate=estate), ...
        )

Seeders take a whole block of a series in one step with `number_block`, so the numbers
people take afterwards continue after the seeded ones.
"""

from django.db import transaction
from django.db.models import F
from django.db.transaction import TransactionManagementError

from desk.models import NumberSequence

DIGITS = 6


def number_format(*, kind: str, year: int, value: int, estate=None) -> str:
    """`TS-2026-000123`, or with an estate `SJ-CH-2026-000001` (the estate's code)."""
    scope = f"{estate.code}-" if estate is not None else ""
    return f"{kind}-{scope}{year}-{value:0{DIGITS}d}"


def number_next(*, kind: str, year: int, estate=None) -> str:
    """The next number of the series, formatted; call it inside the caller's transaction."""
    return number_block(kind=kind, year=year, estate=estate, count=1)[0]


def number_block(*, kind: str, year: int, count: int, estate=None) -> list[str]:
    """The next `count` numbers of the series, in order (a seeder's bulk numbering)."""
    last = _take(kind=kind, year=year, estate=estate, count=count)
    return [
        number_format(kind=kind, year=year, value=value, estate=estate)
        for value in range(last - count + 1, last + 1)
    ]


def _take(*, kind: str, year: int, estate, count: int) -> int:
    """Add `count` to the series' last number and return the new last number."""
    if count < 1:
        raise ValueError("count must be at least 1")
    if not transaction.get_connection().in_atomic_block:
        raise TransactionManagementError(
            "Take a number inside the transaction that stores the numbered record."
        )
    estate_id = estate.pk if estate is not None else None
    series = NumberSequence.objects.filter(kind=kind, year=year, estate_id=estate_id)
    if not series.update(last=F("last") + count):
        # The first number of the series: create the row unless a concurrent caller
        # just did (then the insert waits for that caller's commit and does nothing).
        NumberSequence.objects.bulk_create(
            [NumberSequence(kind=kind, year=year, estate_id=estate_id, last=0)],
            ignore_conflicts=True,
        )
        series.update(last=F("last") + count)
    return series.values_list("last", flat=True).get()
