"""`python -m bench [--rebuild] [--repeat N] [--only TEXT]`: time the scenarios at reference scale.

Uses BENCH_DATABASE_URL, else the desk_bench database on DATABASE_URL's PostgreSQL server,
else postgres://postgres@127.0.0.1:5432/desk_bench (see bench/README.md). Creates the
database if missing, migrates, seeds the reference estate once (reused while the seeders and
the seed are unchanged), then prints a table and writes bench/results.json.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

from bench import database

RESULTS = Path(__file__).resolve().parent / "results.json"


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="drop and re-seed the database")
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per scenario")
    parser.add_argument("--seed", type=int, default=1, help="seed of the reference estate")
    parser.add_argument(
        "--only", action="append", default=[], help="run the scenarios whose name contains this"
    )
    args = parser.parse_args(argv)

    url = database.choose_url(os.environ)
    database.prepare(url, rebuild=args.rebuild)
    os.environ["DATABASE_URL"] = url
    os.environ["DEBUG"] = "false"  # production-like: no debug cursor, no debug toolbar
    os.environ.setdefault("SECRET_KEY", "insecure-key-of-the-benchmark-only")
    if not os.environ.get("REDIS_URL"):
        os.environ.setdefault("TASKS_IN_PROCESS", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "desk.settings")

    import warnings

    import django

    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    from django.conf import settings

    # No collectstatic manifest here; static URLs are not what is measured.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    _seed(url, args)

    from bench.runner import measure_all
    from bench.scenarios import SCENARIOS

    chosen = [s for s in SCENARIOS if not args.only or any(o in s.name for o in args.only)]
    results = measure_all(
        chosen, repeat=args.repeat, progress=lambda line: print(line, file=sys.stderr)
    )
    _print_table(results)
    load, cpus = os.getloadavg()[0], os.cpu_count() or 1
    if load > cpus * 0.75:
        print(
            f"\nNote: load average {load:.1f} on {cpus} CPUs while measuring: "
            "other work shares the machine and the times are inflated."
        )
    RESULTS.write_text(json.dumps([r.as_json() for r in results], indent=2) + "\n")
    print(f"\nWrote {RESULTS}")
    return 0 if all(r.ok for r in results) else 1


def _seed(url, args):
    from django.core.management import call_command

    from bench import state
    from desk import seeding
    from tenants.seed import existing_estates

    call_command("migrate", verbosity=0)
    available = _seeder_digests(seeding)
    recorded = state.read()
    ctx = seeding.make_context("reference", args.seed)
    if existing_estates(ctx):
        if recorded.get("seeders") == available and recorded.get("seed") == args.seed:
            print(f"Reusing the reference estate in {url.rsplit('/', 1)[-1]}.", file=sys.stderr)
            _analyze()  # what an earlier run's rolled-back jobs left, as autovacuum would
            return
        print("The seeders changed since the estate was built: rebuilding.", file=sys.stderr)
        from django.db import connections

        connections.close_all()
        database.prepare(url, rebuild=True)
        call_command("migrate", verbosity=0)
    print("Seeding the reference estate...", file=sys.stderr)
    started = time.monotonic()
    seeding.run("reference", args.seed, log=lambda m: print(m, file=sys.stderr))
    print(f"Seeded in {time.monotonic() - started:.1f} s.", file=sys.stderr)
    _analyze()
    state.write(seeders=_seeder_digests(seeding), seed=args.seed)


def _seeder_digests(seeding):
    """{seeder: digest of its app's seed*.py sources}: a new or changed seeder (or a module
    it splits into, such as tenants/seed_people.py) rebuilds the estate."""
    import hashlib
    import inspect
    from pathlib import Path

    digests = {}
    for seeder in seeding.seeders():
        folder = Path(inspect.getfile(seeder.seed)).parent
        digest = hashlib.sha256()
        for path in sorted(folder.glob("seed*.py")):
            digest.update(path.read_bytes())
        digests[seeder.name] = digest.hexdigest()[:16]
    return digests


def _analyze():
    """VACUUM ANALYZE after bulk loading, and before each run on a reused estate (the jobs
    of the last run were rolled back), as autovacuum would do on a live database (and the
    machine's PostgreSQL may run without it): the planner knows the tables' sizes, and the
    visibility map lets a count(*) or a filter read an index alone (index-only scans)
    instead of every row of a 100,000-row table."""
    from django.db import connection

    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")
    print(f"Vacuumed and analysed in {time.monotonic() - started:.1f} s.", file=sys.stderr)


def _print_table(results):
    headers = ("scenario", "rows", "median ms", "p95 ms", "queries", "target ms", "peak MB", "")
    lines = [
        (
            r.scenario,
            str(r.rows),
            f"{r.median_ms:.1f}",
            f"{r.p95_ms:.1f}",
            str(r.queries),
            f"{r.target_ms:g}",
            _memory(r),
            "OK" if r.ok else ("SLOW" if not r.note else f"FAIL ({r.note})"),
        )
        for r in results
    ]
    widths = [max(len(row[i]) for row in [headers, *lines]) for i in range(len(headers))]
    right = {1, 2, 3, 4, 5, 6}

    def fmt(row):
        cells = [
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        return "  ".join(cells).rstrip()

    print(fmt(headers))
    print("  ".join("-" * w for w in widths))
    for line in lines:
        print(fmt(line))


def _memory(result):
    """A job's peak memory against its target ("183 / 250"), blank for a page."""
    if result.memory_target_mb is None:
        return ""
    peak = "?" if result.peak_mb is None else f"{result.peak_mb:.0f}"
    return f"{peak} / {result.memory_target_mb:g}"


if __name__ == "__main__":
    sys.exit(main())
