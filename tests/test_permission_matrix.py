"""Every URL × every role (see tests/matrix.py for how apps add their rows)."""

import importlib
import pkgutil

import pytest
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests
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
from tests.matrix import Case, World
from tests.migration_data import restore_migration_data

# URLs outside the product's own permission model, with the reason.
EXEMPT = {
    "login": "public: the login page",
    "logout": "POST-only, any logged-in user",
    "password_change": "any logged-in user, their own password",
    "password_change_done": "any logged-in user",
    "set_language": "public: the language switcher",
}


def _matrix_modules():
    for info in pkgutil.iter_modules(tests.__path__):
        if info.ispkg:
            try:
                yield importlib.import_module(f"tests.{info.name}.matrix")
            except ModuleNotFoundError:
                continue


MODULES = list(_matrix_modules())
CASES = [case for module in MODULES for case in module.CASES]


def _named_urls(patterns, namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            if p.namespace == "admin":
                continue
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _named_urls(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{namespace}{p.name}"


def test_every_url_is_in_the_matrix():
    covered = {case.url_name for case in CASES} | set(EXEMPT)
    missing = sorted(set(_named_urls(get_resolver().url_patterns)) - covered)
    assert missing == []


def test_a_case_says_each_roles_status():
    case = Case(
        "x",
        allowed={roles.SUPERVISOR, roles.TECHNICIAN},
        expect={roles.TECHNICIAN: 404, roles.CASHIER: 302},
    )
    assert case.expected() == {
        roles.FRONT_DESK: 403,
        roles.SERVICE_REP: 403,
        roles.SUPERVISOR: 200,
        roles.HOUSEKEEPING: 403,
        roles.CASHIER: 302,
        roles.TECHNICIAN: 404,
        roles.MANAGER: 403,
    }
    with pytest.raises(ValueError, match="no such roles"):
        Case("x", expect={"techician": 200})


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once per module (and xdist worker) in a transaction of its own, rolled back
    afterwards; each test runs in a savepoint inside it (pytest-django's `db`), so what a
    POST changes is undone before the next case, as with Django's setUpTestData. Building
    it per case was a fifth of the suite's time."""
    media = tmp_path_factory.mktemp("matrix-media")
    with (
        django_db_blocker.unblock(),
        override_settings(
            MEDIA_ROOT=media,
            LANGUAGE_CODE="en",
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
    ):
        restore_migration_data()  # the role groups, after a browser test's flush
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield _build_world(media)
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _test_settings(_test_settings, settings, world):
    """The suite's settings, with the world's media folder, where its photos were saved."""
    settings.MEDIA_ROOT = world.media


def _build_world(media):
    w = World()
    w.media = media
    w.estate, w.other_estate = the_estate(), the_other_estate()
    w.building = the_building(w.estate)
    w.unit = the_unit(w.building)
    w.resident = the_resident(w.estate)
    w.occupancy = move_in(w.unit, w.resident)
    w.users = {
        role: UserFactory(username=f"m-{role}", roles=[role], estates=[w.estate])
        for role in roles.ROLES
    }
    for module in MODULES:
        if hasattr(module, "build"):
            module.build(w)
    return w


def _request(client, case, world):
    url = reverse(case.url_name, args=case.args(world))
    return getattr(client, case.method)(url, data=case.data(world))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.url_name)
def test_roles(case, world, db, client, client_for):
    anonymous = _request(client, case, world)
    if case.anonymous is None:
        assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    else:
        assert anonymous.status_code == case.anonymous

    got = {
        role: _request(client_for(world.users[role]), case, world).status_code
        for role in roles.ROLES
    }
    assert got == case.expected()

    scoped = case.scoped if case.scoped is not None else bool(case.args(world))
    if scoped:
        outsider = UserFactory(
            username="m-outsider", roles=list(roles.ROLES), estates=[world.other_estate]
        )
        assert _request(client_for(outsider), case, world).status_code == 404
