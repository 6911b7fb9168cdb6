"""The benchmark's own PostgreSQL database: created when missing, dropped on --rebuild.

Runs before Django is set up (it picks the database Django will use).
"""

import environ
import psycopg
from psycopg import sql

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/desk_bench"


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
    with psycopg.connect(**params, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and rebuild:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            exists = None
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            return True
    return False
