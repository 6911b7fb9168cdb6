"""Timing one scenario: warm-up, one request with its queries captured, N timed requests."""

import gc
import math
import statistics
import time
from dataclasses import dataclass

from django.db import connection
from django.template import Template
from django.test import Client
from django.test.utils import CaptureQueriesContext, instrumented_test_render

from desk.models import User
from desk.seeding import LOGINS


@dataclass
class Result:
    scenario: str
    median_ms: float
    p95_ms: float
    queries: int
    target_ms: float
    rows: int
    note: str = ""

    @property
    def ok(self):
        return not self.note and self.p95_ms < self.target_ms

    def as_json(self):
        return {
            "scenario": self.scenario,
            "median_ms": round(self.median_ms, 2),
            "p95_ms": round(self.p95_ms, 2),
            "queries": self.queries,
            "target_ms": self.target_ms,
            "rows": self.rows,
        }


def _p95(values):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def _client(role):
    client = Client(headers={"accept-language": "zh-hans"})
    client.force_login(User.objects.get(username=LOGINS[role][0]))
    return client


def _get(client, path, htmx):
    headers = {"HX-Request": "true"} if htmx else {}
    return client.get(path, secure=True, headers=headers)


def measure(scenario, repeat=20, warmup=3):
    if scenario.run is not None:
        return _measure_job(scenario, repeat)
    client = _client(scenario.role)
    path = scenario.path()
    for _ in range(warmup):
        _get(client, path, scenario.htmx)

    # One request with the template context recorded, to count its queries and rows.
    original = Template._render
    Template._render = instrumented_test_render
    try:
        with CaptureQueriesContext(connection) as captured:
            response = _get(client, path, scenario.htmx)
    finally:
        Template._render = original
    note = "" if response.status_code == 200 else f"HTTP {response.status_code}"
    queries = len(captured)
    counter = scenario.rows or _default_rows
    rows = counter(response.context) if response.context is not None and not note else 0

    gc.collect()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        _get(client, path, scenario.htmx)
        times.append((time.perf_counter() - started) * 1000)

    with CaptureQueriesContext(connection) as again:
        _get(client, path, scenario.htmx)
    if len(again) != queries and not note:
        note = f"queries vary: {queries} then {len(again)}"
    return Result(
        scenario.name,
        statistics.median(times),
        _p95(times),
        queries,
        scenario.target_ms,
        rows,
        note,
    )


def _default_rows(context):
    from bench.scenarios import object_list_rows

    return object_list_rows(context)


def _measure_job(scenario, repeat):
    with CaptureQueriesContext(connection) as captured:
        outcome = scenario.run()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        scenario.run()
        times.append((time.perf_counter() - started) * 1000)
    rows = outcome if isinstance(outcome, int) else 0
    return Result(
        scenario.name,
        statistics.median(times),
        _p95(times),
        len(captured),
        scenario.target_ms,
        rows,
    )
