"""Every URL × every role (see tests/matrix.py for how apps add their rows)."""

import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests
from desk import roles
from tests.factories import UserFactory
from tests.matrix import Case, World

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


@pytest.fixture
def world(estate, other_estate, unit, occupancy):
    w = World()
    w.estate, w.other_estate, w.unit, w.occupancy = estate, other_estate, unit, occupancy
    w.resident = occupancy.resident
    w.building = unit.building
    w.users = {
        role: UserFactory(username=f"m-{role}", roles=[role], estates=[estate])
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
def test_roles(case, world, client, client_for):
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
