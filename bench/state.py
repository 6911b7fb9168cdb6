"""What the benchmark database was seeded with, kept in the database itself.

The reference estate is reused between runs; when the list of seeders that exist changes
(a later issue adds its seeder) or the seed differs, the estate is rebuilt.
"""

import json

from django.db import connection

_TABLE = "bench_seed_state"


def _ensure_table(cursor):
    cursor.execute(f"CREATE TABLE IF NOT EXISTS {_TABLE} (key text PRIMARY KEY, value text)")


def read():
    with connection.cursor() as cursor:
        _ensure_table(cursor)
        cursor.execute(f"SELECT key, value FROM {_TABLE}")
        return {key: json.loads(value) for key, value in cursor.fetchall()}


def write(**values):
    with connection.cursor() as cursor:
        _ensure_table(cursor)
        for key, value in values.items():
            cursor.execute(
                f"INSERT INTO {_TABLE} (key, value) VALUES (%s, %s) "
                "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                [key, json.dumps(value)],
            )
