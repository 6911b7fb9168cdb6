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

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db.models import F
from django.urls import reverse
from django.utils.http import urlencode

from desk import roles
from desk.clock import estate_today

LIST_MS = 50
UNIT_PAGE_MS = 80
# The monthly workbook (issue 12): the reference estate's month in under 10 s and 250 MB.
WORKBOOK_MS = 10_000
WORKBOOK_MB = 250
# DESIGN.md gives no budget for the monthly analysis (a month of one estate's complaints,
# counted in Python): half a second.
ANALYSIS_MS = 500


@dataclass(frozen=True)
class Scenario:
    name: str
    target_ms: float
    path: Callable[[], str] | None = None
    role: str = roles.MANAGER
    rows: Callable[[Any], int] | None = None
    htmx: bool = False
    run: Callable[[], Any] | None = None
    # A job's peak memory target (MB): one run in a fresh process (bench/memory.py).
    memory_mb: float | None = None


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


def _units_by_area():
    from tenants.selectors import area_of_unit

    return reverse("tenants:unit_list") + f"?area={area_of_unit(busy_unit()).pk}"


def _unit_page_rows(context):
    """Occupancies, plus the rows of the other apps' sections (complaints, work orders...)."""
    rows = len(context["current"]) + len(context["past"])
    for _section, section_context in context.get("sections", []):
        rows += sum(len(v) for v in section_context.values() if isinstance(v, list))
    return rows


@cache
def first_estate():
    from desk.models import Estate
    from tenants.seed import ESTATES

    return Estate.objects.get(code=ESTATES["reference"][0]["code"])


def _last_month():
    """The month before this one (a whole month of seeded complaints)."""
    first_of_month = estate_today(first_estate()).replace(day=1)
    return (first_of_month - datetime.timedelta(days=1)).strftime("%Y-%m")


def _complaints_monthly():
    return reverse("complaints:monthly") + f"?estate={first_estate().pk}&month={_last_month()}"


def _board_rows(context):
    return sum(len(rows) for _key, _title, rows, _more in context["sections"])


def _workorders_filtered():
    unit = busy_unit()
    return (
        reverse("workorders:list")
        + f"?estate={unit.estate_id}&building={unit.building_id}&status=closed&trade=plumbing"
    )


def _last_week():
    """Monday a week ago: a whole week of seeded work orders."""
    return (estate_today(first_estate()) - datetime.timedelta(days=7)).isoformat()


def _completion_rows(context):
    return context["check"].overall.total


SCENARIOS = [
    # --- tenants -------------------------------------------------------------------------
    Scenario("tenants.units", LIST_MS, path=lambda: reverse("tenants:unit_list")),
    Scenario("tenants.units.filtered", LIST_MS, path=_units_filtered),
    Scenario("tenants.units.area", LIST_MS, path=_units_by_area, role=roles.SERVICE_REP),
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
        # A masked role finds by the tail the mask shows, with the name (never digits alone).
        path=lambda: (
            reverse("tenants:resident_list")
            + "?"
            + urlencode({"q": f"{busy_owner().name} {busy_owner().mobile[-4:]}"})
        ),
        role=roles.FRONT_DESK,
    ),
    Scenario("tenants.residents", LIST_MS, path=lambda: reverse("tenants:resident_list")),
    Scenario(
        "tenants.unit_page",
        UNIT_PAGE_MS,
        path=lambda: reverse("tenants:unit_detail", args=[busy_unit().pk]),
        rows=_unit_page_rows,
    ),
    # --- complaints ----------------------------------------------------------------------
    Scenario(
        "complaints.list.status",
        LIST_MS,
        path=lambda: reverse("complaints:list") + "?status=investigating",
        role=roles.SERVICE_REP,
    ),
    Scenario(
        "complaints.list.breached",
        LIST_MS,
        path=lambda: reverse("complaints:list") + "?breached=true",
        role=roles.SERVICE_REP,
    ),
    Scenario(
        "complaints.board",
        LIST_MS,
        path=lambda: reverse("complaints:board"),
        role=roles.SUPERVISOR,
        rows=_board_rows,
    ),
    Scenario(
        "complaints.monthly",
        ANALYSIS_MS,
        path=_complaints_monthly,
        rows=lambda context: context["analysis"].total,
    ),
    # --- workorders ----------------------------------------------------------------------
    Scenario(
        "workorders.list", LIST_MS, path=lambda: reverse("workorders:list"), role=roles.SERVICE_REP
    ),
    Scenario(
        "workorders.list.filtered",
        LIST_MS,
        path=_workorders_filtered,
        role=roles.SERVICE_REP,
    ),
    Scenario(
        "workorders.daily_closing",
        LIST_MS,
        path=lambda: reverse("workorders:daily_closing"),
        role=roles.SERVICE_REP,
    ),
    Scenario(
        "workorders.completion_check",
        LIST_MS,
        path=lambda: reverse("workorders:completion_check") + f"?week={_last_week()}",
        rows=_completion_rows,
    ),
    Scenario(
        "workorders.completion_check.month",
        LIST_MS,
        path=lambda: reverse("workorders:completion_check") + f"?month={_last_month()}",
        rows=_completion_rows,
    ),
    # --- mailroom ------------------------------------------------------------------------
    Scenario(
        "mailroom.list.awaiting",
        LIST_MS,
        path=lambda: reverse("mailroom:list") + "?status=awaiting",
        role=roles.FRONT_DESK,
    ),
    Scenario(
        "mailroom.list.unit",
        LIST_MS,
        path=lambda: reverse("mailroom:list") + "?" + urlencode({"q": busy_unit().label}),
        role=roles.FRONT_DESK,
    ),
    Scenario(
        "mailroom.list.flagged",
        LIST_MS,
        path=lambda: reverse("mailroom:list") + "?age=flagged",
        role=roles.FRONT_DESK,
    ),
    # --- inspections ---------------------------------------------------------------------
    Scenario(
        "inspections.review_queue",
        LIST_MS,
        path=lambda: reverse("inspections:review_queue"),
        role=roles.SUPERVISOR,
    ),
    Scenario(
        "inspections.coverage",
        LIST_MS,
        path=lambda: reverse("inspections:coverage"),
        role=roles.SUPERVISOR,
        rows=lambda context: len(context["coverage"].daily) if context.get("coverage") else 0,
    ),
    Scenario(
        "inspections.today",
        LIST_MS,
        path=lambda: reverse("inspections:today"),
        role=roles.SERVICE_REP,
    ),
    Scenario(
        "inspections.rounds",
        LIST_MS,
        path=lambda: reverse("inspections:list") + "?findings=true",
        role=roles.SUPERVISOR,
    ),
    # --- frontdesk: the visit and call log, and the shift handover's form -----------------
    Scenario(
        "frontdesk.log_list",
        LIST_MS,
        path=lambda: reverse("frontdesk:log_list"),
        role=roles.FRONT_DESK,
    ),
    Scenario(
        "frontdesk.log_list.unit",
        LIST_MS,
        path=lambda: reverse("frontdesk:log_list") + "?" + urlencode({"unit": busy_unit().label}),
        role=roles.FRONT_DESK,
    ),
    Scenario(
        "frontdesk.handover_form",
        LIST_MS,
        path=lambda: reverse("frontdesk:handover_new") + f"?estate={first_estate().pk}",
        role=roles.FRONT_DESK,
    ),
    # --- renovation: the permits and the rep's patrols due today ---------------------------
    Scenario("renovation.list", LIST_MS, path=lambda: reverse("renovation:list")),
    Scenario(
        "renovation.today",
        LIST_MS,
        path=lambda: reverse("renovation:today"),
        role=roles.SERVICE_REP,
    ),
    # --- visits: the visit list and the half-year plan ------------------------------------
    Scenario("visits.list", LIST_MS, path=lambda: reverse("visits:list"), role=roles.SERVICE_REP),
    Scenario("visits.plan", LIST_MS, path=lambda: reverse("visits:plan"), role=roles.SUPERVISOR),
    Scenario(
        "visits.survey_results",
        LIST_MS,
        path=lambda: _survey_results(),
        rows=lambda context: _survey_rows(context),
    ),
    # --- desk: each role's home, with the panels its apps register (rows = panels) --------
    *[
        Scenario(
            f"desk.home.{role}",
            LIST_MS,
            path=lambda: reverse("home"),
            role=role,
            rows=lambda context: len(context["panels"]),
        )
        for role in roles.ROLES
    ],
    # --- desk: the monthly statistics workbook (a job: one build, 10 s and 250 MB) -------
    Scenario(
        "desk.monthly_report", WORKBOOK_MS, run=lambda: _monthly_report(), memory_mb=WORKBOOK_MB
    ),
    # --- billing: the cashier's unit screen, the arrears list, the collection statistics,
    # and the two jobs: the bill run of a month (10 s) and the reminder run (15 s) ---------
    Scenario(
        "billing.account",
        LIST_MS,
        path=lambda: reverse("billing:account", args=[busy_unit().pk]),
        role=roles.CASHIER,
        rows=lambda context: len(context["lines"]),
    ),
    Scenario("billing.arrears", LIST_MS, path=lambda: reverse("billing:arrears_list")),
    Scenario(
        "billing.arrears.aged",
        LIST_MS,
        path=lambda: reverse("billing:arrears_list") + "?aged=180",
    ),
    Scenario(
        "billing.statistics",
        LIST_MS,
        path=lambda: reverse("billing:statistics"),
        rows=lambda context: _statistics_rows(context),
    ),
    Scenario(
        "billing.statistics.year",
        LIST_MS,
        path=lambda: _statistics_year(),
        rows=lambda context: _statistics_rows(context),
    ),
    Scenario("billing.bill_run", 10_000, run=lambda: _bill_run()),
    Scenario("billing.reminder_run", 15_000, run=lambda: _reminder_run(tomorrow=True)),
    Scenario("billing.reminder_run.due", 15_000, run=lambda: _reminder_run()),
]


def _survey_results():
    """The latest survey of the first estate: the return rate by building and area, every
    question's distribution, the low scores and the free text."""
    from visits.models import Survey

    survey = Survey.objects.filter(estate=first_estate()).order_by("-starts_on", "-pk").first()
    return reverse("visits:survey_detail", args=[survey.pk])


def _survey_rows(context):
    results = context["results"]
    return (
        len(results.by_building)
        + len(results.questions)
        + len(results.free_texts)
        + len(context["opinions"])
    )


def _monthly_report():
    """The first estate's last month, every section, written to a temporary file as the job
    writes it; returns the sheets written."""
    import tempfile

    from desk.monthly_report import build_workbook
    from desk.reports import report_sections

    year, month = (int(part) for part in _last_month().split("-"))
    with tempfile.TemporaryFile() as spool:
        build_workbook(spool, estate=first_estate(), year=year, month=month)
    return len(report_sections()) + 1


def _statistics_rows(context):
    stats = context.get("stats")
    return len(stats.by_kind) + len(stats.by_building) if stats else 0


def _statistics_year():
    """Last year's collection statistics of the first estate, by fee kind and building."""
    year = estate_today(first_estate()).year - 1
    query = urlencode({"estate": first_estate().pk, "year": year, "period": "year", "number": 1})
    return reverse("billing:statistics") + "?" + query


class _RolledBack(Exception):
    """Raised to undo a job's run, so that the next timed run does the same work."""


def _bill_run():
    """The month after the last billed one, for every estate (10,000 units), with its meter
    readings entered (the last month's carried on by a month's usage, in one statement);
    rolled back. Returns the bills made."""
    from django.db import connection, transaction
    from django.db.models import Max

    from billing.models import Bill, MeterReading
    from billing.runs import generate_monthly_bills

    last = Bill.objects.aggregate(last=Max(F("year") * 12 + F("month") - 1))["last"]
    year, month = (last + 1) // 12, (last + 1) % 12 + 1
    made = 0
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(
                    f"""INSERT INTO {MeterReading._meta.db_table}
                        (estate_id, unit_id, kind, year, month, start, reading, replaced,
                         flagged, recorded_at)
                    SELECT estate_id, unit_id, kind, %s, %s, reading,
                           reading + (reading - start), false, false, now()
                    FROM {MeterReading._meta.db_table}
                    WHERE year * 12 + month - 1 = %s""",
                    [year, month, last],
                )
            summaries = generate_monthly_bills(year=year, month=month)
            made = sum(summary["bills"] for summary in summaries.values())
            raise _RolledBack
    except _RolledBack:
        pass
    return made


def _reminder_run(tomorrow=False):
    """The reminder run of every estate tomorrow morning (a day's run), or on the day after
    this month's due date (the morning the month's unpaid bills become overdue, as they
    stand today: the run's busiest); its emails sent to memory; rolled back. Returns the
    steps taken."""
    from django.core import mail
    from django.db import transaction
    from django.test.utils import override_settings

    from billing.ladder import send_overdue_reminders

    today = estate_today(first_estate())
    day = today + datetime.timedelta(days=1) if tomorrow else max(today, today.replace(day=16))
    steps = 0
    try:
        with (
            override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
            transaction.atomic(),
        ):
            summaries = send_overdue_reminders(day=day)
            steps = sum(sum(s["steps"].values()) for s in summaries.values())
            raise _RolledBack
    except _RolledBack:
        pass
    mail.outbox = []
    return steps
