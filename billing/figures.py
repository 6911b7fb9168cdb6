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
every web process, whichever cache it has; a figure is kept a few minutes at most, the
bound for a write made outside billing's services (a shell, a seeder).
"""

from django.core.cache import cache
from django.db import connection, transaction

VERSION_SEQUENCE = "billing_figures_version"  # migration 0009
FIGURES_SECONDS = 10 * 60


def figures_version() -> str:
    """The figures' version now (1 query): the sequence, and, for a line or an allocation
    written without a service (a seeder, a test's fixture), the last of each (on their
    primary keys' indexes)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT CASE WHEN is_called THEN last_value ELSE 0 END,"
            f" (SELECT max(id) FROM billing_billline), (SELECT max(id) FROM billing_allocation)"
            f" FROM {VERSION_SEQUENCE}"
        )
        return "-".join(str(part) for part in cursor.fetchone())


def figures_changed():
    """Call within the write's transaction: the version moves on now, and again once it has
    committed. Now, so that the transaction itself (a test's) reads its own figures; after
    the commit, so that no figure read before it (under a version it moved on from, or the
    one in between) is served once it is committed."""
    _move_on()
    transaction.on_commit(_move_on)


def _move_on():
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(%s)", [VERSION_SEQUENCE])


def cached_figures(key: tuple, read):
    """`read()`'s figures, from the cache while the version is the one they were read
    under (1 query then, the version)."""
    name = "billing.figures:{}:{}".format(figures_version(), ":".join(str(part) for part in key))
    found = cache.get(name)
    if found is None:
        found = read()
        cache.set(name, found, FIGURES_SECONDS)
    return found
