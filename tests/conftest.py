"""Personas and shared fixtures, and the session's clock.

Every role of the desk works in `estate`; `outsider` is a manager of `other_estate`.

`--clock=2027-01-01T00:10+08:00` runs the whole session at that instant (the clock ticks
on from it): `make test` runs the suite (but the browser and migration tests) a second time
at 00:10 on 1 January in the estate's zone, the turn of a month and of a year.
"""

import datetime

import pytest
import time_machine
from django.test import Client

from desk import roles
from tests.factories import (
    UserFactory,
    move_in,
    the_building,
    the_estate,
    the_other_estate,
    the_resident,
    the_unit,
)


def pytest_addoption(parser):
    parser.addoption(
        "--clock",
        metavar="INSTANT",
        help="run the whole session with the clock moved to this ISO 8601 instant, with its "
        "offset (e.g. 2027-01-01T00:10+08:00); it ticks on from there",
    )


def pytest_configure(config):
    instant = config.getoption("clock")
    if not instant:
        return
    try:
        when = datetime.datetime.fromisoformat(instant)
    except ValueError:
        raise pytest.UsageError(f"--clock: not an ISO 8601 instant: {instant!r}") from None
    if when.tzinfo is None:
        raise pytest.UsageError(f"--clock: give the instant's offset: {instant!r}")
    traveller = time_machine.travel(when, tick=True)
    traveller.start()
    config.add_cleanup(traveller.stop)


def pytest_report_header(config):
    instant = config.getoption("clock")
    return [f"clock moved to {instant} (ticking)"] if instant else []


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.LANGUAGE_CODE = "en"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def celery_eager(settings):
    """Tasks run in-process, also when REDIS_URL points the suite at a real broker (a test
    that needs a real worker starts one on a queue of its own: tests/complaints/test_tasks.py).
    Celery reads the CELERY_* settings live, so the settings fixture undoes it afterwards.
    """
    settings.CELERY_TASK_ALWAYS_EAGER = True


@pytest.fixture
def estate(db):
    return the_estate()


@pytest.fixture
def other_estate(db):
    return the_other_estate()


@pytest.fixture
def building(estate):
    return the_building(estate)


@pytest.fixture
def unit(building):
    return the_unit(building)


@pytest.fixture
def resident(estate):
    return the_resident(estate)


@pytest.fixture
def occupancy(unit, resident):
    return move_in(unit, resident)


def _persona(role, estate, username):
    return UserFactory(username=username, roles=[role], estates=[estate])


@pytest.fixture
def front_desk(estate):
    return _persona(roles.FRONT_DESK, estate, "frontdesk")


@pytest.fixture
def rep(estate):
    return _persona(roles.SERVICE_REP, estate, "rep")


@pytest.fixture
def supervisor(estate):
    return _persona(roles.SUPERVISOR, estate, "supervisor")


@pytest.fixture
def housekeeping(estate):
    return _persona(roles.HOUSEKEEPING, estate, "housekeeping")


@pytest.fixture
def cashier(estate):
    return _persona(roles.CASHIER, estate, "cashier")


@pytest.fixture
def technician(estate):
    return _persona(roles.TECHNICIAN, estate, "technician")


@pytest.fixture
def manager(estate):
    return _persona(roles.MANAGER, estate, "manager")


@pytest.fixture
def outsider(other_estate):
    """A manager, but of another estate."""
    return _persona(roles.MANAGER, other_estate, "outsider")


@pytest.fixture
def client_for():
    def make(user):
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture(scope="module")
def roles_survive_the_flush(django_db_setup, django_db_blocker):
    """For a module with transactional tests (`transaction=True`): their closing flush also
    empties the role groups the data migrations made. Put them back before (a reused test
    database) and after the module, so the tests that follow still have their roles. Use it
    with `pytestmark = pytest.mark.usefixtures("roles_survive_the_flush")`."""
    from tests.migration_data import restore_migration_data

    with django_db_blocker.unblock():
        restore_migration_data()
    yield
    with django_db_blocker.unblock():
        restore_migration_data()


@pytest.fixture
def migrator(transactional_db, django_db_blocker):
    """django-test-migrations' migrator, with a cheaper way back. Its own drops every table
    of the test database and, after the test, migrates the whole project forward again (the
    slowest step of the suite). On PostgreSQL it works in a scratch database instead, dropped
    afterwards, and the test database is left as it was; elsewhere the plugin's way runs."""
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder
    from django_test_migrations.migrator import Migrator

    if connection.vendor != "postgresql":
        migrator = Migrator()
        yield migrator
        migrator.reset()
        return
    name = connection.settings_dict["NAME"]
    scratch = f"{name}_migrator"
    with django_db_blocker.unblock():
        _maintenance(f'DROP DATABASE IF EXISTS "{scratch}"', f'CREATE DATABASE "{scratch}"')
        connection.settings_dict["NAME"] = scratch
        MigrationRecorder(connection).ensure_schema()  # the migrator empties it first
        try:
            yield Migrator()
        finally:
            connection.close()
            connection.settings_dict["NAME"] = name
            _maintenance(f'DROP DATABASE "{scratch}"')


def _maintenance(*statements):
    """Statements run outside the test database, on the server's maintenance database."""
    from django.db import connection

    connection.close()
    with connection._nodb_cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
