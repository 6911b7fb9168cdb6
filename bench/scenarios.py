"""The timed scenarios: one entry per page (and filter) whose speed DESIGN.md promises.

A scenario is a GET of one URL as one role, on the reference estate. To add yours, append
a `Scenario` to `SCENARIOS` (in your app's section, keep the names `<app>.<page>[.<variant>]`):

    Scenario(
        name="complaints.list.open",
        path=lambda: reverse("complaints:list") + "?status=open",
        target_ms=LIST_MS,
        role=roles.SERVICE_REP,
    )

- `path` is called once, after seeding, so it may query the database to find a record
  (see `busy_unit()` below; the busy unit 3-1502 of the first estate is the place to
  point a detail page at).
- `rows` takes the page's template context and says how many rows the page shows; by
  default the length of `object_list` (every `ScopedFilterListView`).
- `target_ms` is the server-time budget of DESIGN.md "Scale": lists 50 ms, the unit page
  80 ms. A scenario is OK when its median is under the target (p95 is shown).
- `role` is whose login makes the request: the printed login of that role, who works in
  every estate of the reference scale.
- Jobs (the bill run, the reminder run, the workbook) are not pages: time them with a
  `Scenario` whose `run` is set: a callable that does the work once; `path` is then unused.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.urls import reverse

from desk import roles

LIST_MS = 50
UNIT_PAGE_MS = 80


@dataclass(frozen=True)
class Scenario:
    name: str
    target_ms: float
    path: Callable[[], str] | None = None
    role: str = roles.MANAGER
    rows: Callable[[Any], int] | None = None
    htmx: bool = False
    run: Callable[[], Any] | None = None


def object_list_rows(context):
    return len(context["object_list"]) if "object_list" in context else 0


@cache
def busy_unit():
    """3-1502 of the first reference estate: the unit with the longest history."""
    from tenants.models import Unit
    from tenants.seed import BUSY_UNIT, ESTATES

    building, number = BUSY_UNIT
    return Unit.objects.select_related("building").get(
        estate__code=ESTATES["reference"][0]["code"], building__number=building, number=number
    )


@cache
def busy_owner():
    from tenants.models import Occupancy

    return (
        Occupancy.objects.current()
        .select_related("resident")
        .get(unit=busy_unit(), role=Occupancy.Role.OWNER)
        .resident
    )


def _units_filtered():
    unit = busy_unit()
    query = f"building={unit.building_id}&status=occupied&area_min=80&area_max=130"
    return reverse("tenants:unit_list") + "?" + query


def _unit_page_rows(context):
    return len(context["current"]) + len(context["past"])


SCENARIOS = [
    # --- tenants -------------------------------------------------------------------------
    Scenario("tenants.units", LIST_MS, path=lambda: reverse("tenants:unit_list")),
    Scenario("tenants.units.filtered", LIST_MS, path=_units_filtered),
    Scenario(
        "tenants.units.search",
        LIST_MS,
        path=lambda: reverse("tenants:unit_list") + "?q=3-1502",
        role=roles.FRONT_DESK,
    ),
    Scenario(
        "tenants.units.page_200",
        LIST_MS,
        path=lambda: reverse("tenants:unit_list") + "?page=200",
    ),
    Scenario(
        "tenants.residents.name",
        LIST_MS,
        path=lambda: reverse("tenants:resident_list") + f"?q={busy_owner().name}",
        role=roles.FRONT_DESK,
    ),
    Scenario(
        "tenants.residents.phone",
        LIST_MS,
        path=lambda: reverse("tenants:resident_list") + f"?q={busy_owner().mobile[-4:]}",
        role=roles.FRONT_DESK,
    ),
    Scenario("tenants.residents", LIST_MS, path=lambda: reverse("tenants:resident_list")),
    Scenario(
        "tenants.unit_page",
        UNIT_PAGE_MS,
        path=lambda: reverse("tenants:unit_detail", args=[busy_unit().pk]),
        rows=_unit_page_rows,
    ),
]
