"""The benchmark's own PostgreSQL database: created when missing, dropped on --rebuild.

Runs before Django is set up (it picks the database Django will use).
"""

import environ
import psycopg
from psycopg import sql

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/desk_bench"
BENCH_NAME = "desk_bench"


def choose_url(environ_):
    """BENCH_DATABASE_URL; else DATABASE_URL when it names a bench database; else the
    `desk_bench` database on DATABASE_URL's server (the tests' or a developer's database is
    never seeded into, nor dropped); else DEFAULT_URL."""
    if environ_.get("BENCH_DATABASE_URL"):
        return environ_["BENCH_DATABASE_URL"]
    url = environ_.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://", "pgsql://")):
        return DEFAULT_URL
    base, _, name = url.partition("?")[0].rpartition("/")
    if "bench" in name:
        return url
    query = url.partition("?")[2]
    return f"{base}/{BENCH_NAME}" + (f"?{query}" if query else "")


def _server_params(url):
    config = environ.Env.db_url_config(url)
    if "postgresql" not in config["ENGINE"]:
        raise SystemExit(f"The benchmark runs on PostgreSQL, not {config['ENGINE']}.")
    params = {
        "dbname": "postgres",
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
    }
    return config["NAME"], {k: v for k, v in params.items() if v is not None}


def prepare(url, rebuild=False):
    """Create the database if missing (drop it first on rebuild). Returns True if new."""
    name, params = _server_params(url)
    if rebuild and "bench" not in name:
        raise SystemExit(f"Refusing to drop {name!r}: the bench only drops a *bench* database.")
    with psycopg.connect(**params, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and rebuild:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            exists = None
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            return True
    return False
