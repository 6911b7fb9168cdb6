"""Timing the scenarios: warm-up, one request with its queries captured, then N timed rounds.

The timed requests go round-robin over the scenarios (one request of each per round), so a
burst of load from elsewhere on the machine spreads over all of them instead of one.
"""

import gc
import math
import statistics
import time
from dataclasses import dataclass, field

from django.db import connection
from django.template import Template
from django.test import Client
from django.test.utils import CaptureQueriesContext, instrumented_test_render

from desk.models import User
from desk.seeding import LOGINS


@dataclass
class Result:
    scenario: str
    target_ms: float
    queries: int = 0
    rows: int = 0
    note: str = ""
    times: list = field(default_factory=list)

    @property
    def median_ms(self):
        return statistics.median(self.times) if self.times else math.nan

    @property
    def p95_ms(self):
        if not self.times:
            return math.nan
        ordered = sorted(self.times)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]

    @property
    def ok(self):
        """The median is judged: p95 on a shared 2-core machine is mostly the neighbours."""
        return not self.note and self.median_ms < self.target_ms

    def as_json(self):
        return {
            "scenario": self.scenario,
            "median_ms": round(self.median_ms, 2),
            "p95_ms": round(self.p95_ms, 2),
            "queries": self.queries,
            "target_ms": self.target_ms,
            "rows": self.rows,
        }


class _Page:
    """A page scenario: a logged-in client and its URL."""

    def __init__(self, scenario):
        self.scenario = scenario
        self.client = Client(headers={"accept-language": "zh-hans"})
        self.client.force_login(User.objects.get(username=LOGINS[scenario.role][0]))
        self.path = scenario.path()
        self.headers = {"HX-Request": "true"} if scenario.htmx else {}

    def __call__(self):
        return self.client.get(self.path, secure=True, headers=self.headers)

    def inspect(self, result):
        """One request with the SQL captured and the template context recorded."""
        original = Template._render
        Template._render = instrumented_test_render
        try:
            with CaptureQueriesContext(connection) as captured:
                response = self()
        finally:
            Template._render = original
        result.queries = len(captured)
        if response.status_code != 200:
            result.note = f"HTTP {response.status_code}"
            return
        count = self.scenario.rows or _object_list_rows
        result.rows = count(response.context) if response.context is not None else 0

    def recount(self, result):
        with CaptureQueriesContext(connection) as captured:
            self()
        if len(captured) != result.queries and not result.note:
            result.note = f"queries vary: {result.queries} then {len(captured)}"


JOB_REPEAT = 3  # a job takes seconds: three timed runs give its median


class _Job:
    """A job scenario: `run()` does the work once."""

    def __init__(self, scenario):
        self.scenario = scenario

    def __call__(self):
        return self.scenario.run()

    def inspect(self, result):
        with CaptureQueriesContext(connection) as captured:
            outcome = self()
        result.queries = len(captured)
        result.rows = outcome if isinstance(outcome, int) else 0

    def recount(self, result):
        pass


def _object_list_rows(context):
    return len(context["object_list"]) if "object_list" in context else 0


def measure_all(scenarios, repeat=20, warmup=3, progress=None):
    runs = []
    for scenario in scenarios:
        target = _Job(scenario) if scenario.run is not None else _Page(scenario)
        result = Result(scenario.name, scenario.target_ms)
        if scenario.run is None:
            for _ in range(warmup):
                target()
        target.inspect(result)
        runs.append((target, result))
        if progress:
            progress(f"  {scenario.name}: {result.queries} queries, {result.rows} rows")
    gc.collect()
    for _ in range(repeat):
        for target, result in runs:
            if result.note or (isinstance(target, _Job) and len(result.times) >= JOB_REPEAT):
                continue
            started = time.perf_counter()
            target()
            result.times.append((time.perf_counter() - started) * 1000)
    for target, result in runs:
        target.recount(result)
    return [result for _target, result in runs]
