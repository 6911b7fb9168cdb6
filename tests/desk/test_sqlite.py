"""The demo's SQLite runs the queries written for PostgreSQL (desk/sqlite.py)."""

import sqlite3

import pytest
from django.db import connection

from desk.sqlite import NAME_COLLATION, sqlite_functions


def _sqlite():
    raw = sqlite3.connect(":memory:")

    class Wrapper:
        vendor = "sqlite"

    wrapper = Wrapper()
    wrapper.connection = raw
    sqlite_functions(sender=None, connection=wrapper)
    return raw


def test_regexp_replace_pads_every_run_of_digits_like_postgresql():
    raw = _sqlite()
    padded = raw.execute(
        "SELECT regexp_replace(regexp_replace('a12b3', '([0-9]+)', '0000000000\\1', 'g'),"
        " '0*([0-9]{10})', '\\1', 'g')"
    ).fetchone()[0]
    assert padded == "a0000000012b0000000003"
    assert raw.execute("SELECT regexp_replace('1-1-1', '-', '/', '')").fetchone()[0] == "1/1-1"


def test_the_name_collation_orders_by_code_point():
    raw = _sqlite()
    raw.execute("CREATE TABLE t (name TEXT)")
    raw.executemany("INSERT INTO t VALUES (?)", [("王",), ("李",), ("Adam",)])
    rows = raw.execute(f'SELECT name FROM t ORDER BY name COLLATE "{NAME_COLLATION}"').fetchall()
    assert [r[0] for r in rows] == ["Adam", "李", "王"]


@pytest.mark.django_db
def test_the_suites_database_sorts_units_naturally(building):
    from tenants.models import Unit
    from tests.factories import UnitFactory

    for number in ["1001", "102", "101"]:
        UnitFactory(building=building, number=number, floor=1)
    numbers = list(Unit.objects.filter(building=building).values_list("number", flat=True))
    assert numbers == ["101", "102", "1001"], connection.vendor
