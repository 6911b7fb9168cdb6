"""The version of the collection figures, and the cache of the figures read under it.

The collection statistics of a period and this month's collection on the manager's home are
sums over months of bills and their payments: hundreds of milliseconds on the reference
estate. So they are cached under the figures' version: a database sequence that every
write of what is billed, paid or waived moves on once it has committed (`figures_changed`:
the bill run, a payment, a reversal, a waiver, a charge billed at once). A figure is read
after the version it is cached under, so it counts every write that version does: once a
payment has committed and the version has moved on, no page shows a figure read before it
(a sequence moves on outside transactions: no lock that a payment would wait for).
The version is read from the database on every page (one query), so it is the same for
every web process, whichever cache it has (on SQLite, the one-process demo, it is a counter
in the process's cache); a figure is kept a few minutes at most, the bound for a write made
outside billing's services (a shell, a seeder).
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection, transaction

VERSION_SEQUENCE = "billing_figures_version"  # migration 0009
HISTORY_SEQUENCE = "billing_history_version"  # migration 0010
FIGURES_SECONDS = 10 * 60


@dataclass(frozen=True)
class Versions:
    figures: str  # every move of money
    history: int  # what changes a month that has ended: a waiver, a bill run


def versions() -> Versions:
    """The figures' versions now (1 query). The figures': the sequence, and, for a line or
    an allocation written without a service (a seeder, a test's fixture), the last of each
    (on their primary keys' indexes). The ended months': a payment counts on its day, so it
    never changes a month that has ended; a waiver (the open amounts) or a bill run (of a
    month before) may. On SQLite (the one-process demo) the two counters are the cache's."""
    last_ids = "(SELECT max(id) FROM billing_billline), (SELECT max(id) FROM billing_allocation)"
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute(f"SELECT {last_ids}")
            counters = [cache.get(VERSION_SEQUENCE, 0), *cursor.fetchone()]
            history = cache.get(HISTORY_SEQUENCE, 0)
        else:
            cursor.execute(
                f"SELECT CASE WHEN f.is_called THEN f.last_value ELSE 0 END, {last_ids},"
                " CASE WHEN h.is_called THEN h.last_value ELSE 0 END"
                f" FROM {VERSION_SEQUENCE} f, {HISTORY_SEQUENCE} h"
            )
            *counters, history = cursor.fetchone()
    return Versions("-".join(str(part) for part in counters), history)


def figures_changed(*, ended_months=False):
    """Call within the write's transaction (`ended_months` when it may change a month that
    has ended): the version moves on now, and again once it has committed. Now, so that the
    transaction itself (a test's) reads its own figures; after the commit, so that no figure
    read before it (under a version it moved on from, or the one in between) is served once
    it is committed."""
    counters = [VERSION_SEQUENCE, HISTORY_SEQUENCE] if ended_months else [VERSION_SEQUENCE]

    def move_on():
        if connection.vendor != "postgresql":
            for counter in counters:
                cache.add(counter, 0, None)
                cache.incr(counter)
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT " + ", ".join("nextval(%s)" for _c in counters), counters)

    move_on()
    transaction.on_commit(move_on)


def cached_figures(key: tuple, read, *, version: str | None = None):
    """`read()`'s figures, from the cache while the version (`versions().figures` unless
    given) is the one they were read under (1 query then, the version)."""
    version = versions().figures if version is None else version
    name = "billing.figures:{}:{}".format(version, ":".join(str(part) for part in key))
    found = cache.get(name)
    if found is None:
        found = read()
        cache.set(name, found, FIGURES_SECONDS)
    return found
