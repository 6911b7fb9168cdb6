"""What the demo's embedded SQLite lacks of the PostgreSQL the product runs on.

PostgreSQL is the database of production and CI; SQLite serves only the one-command demo
and a machine without PostgreSQL. Each new SQLite connection gets, with PostgreSQL's
meaning for the calls the apps make:

- `regexp_replace(text, pattern, replacement, flags)`, deterministic, as the generated
  columns that use it require (the units' natural sort key, tenants.models);
- the collation `zh-Hans-x-icu` (staff names by pinyin on PostgreSQL): code-point order
  here, since SQLite ships no ICU.
"""

import re

NAME_COLLATION = "zh-Hans-x-icu"


def _regexp_replace(text, pattern, replacement, flags=""):
    if text is None:
        return None
    return re.sub(pattern, replacement, text, count=0 if "g" in flags else 1)


def _code_point_order(a, b):
    return (a > b) - (a < b)


def sqlite_functions(sender, connection, **kwargs):
    """connection_created: give a new SQLite connection what the apps' queries call."""
    if connection.vendor != "sqlite":
        return
    connection.connection.create_function("regexp_replace", 4, _regexp_replace, deterministic=True)
    connection.connection.create_collation(NAME_COLLATION, _code_point_order)
