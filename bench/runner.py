"""Timing the scenarios: warm-up, one request with its queries captured, then N timed rounds.

The timed requests go round-robin over the scenarios (one request of each per round), so a
burst of load from elsewhere on the machine spreads over all of them instead of one; the
pages' rounds first, then the jobs'.
"""

import gc
import json
import math
import os
import statistics
import subprocess
import sys
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
    memory_target_mb: float | None = None
    peak_mb: float | None = None

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
        """The median is judged: p95 on a shared 2-core machine is mostly the neighbours; a
        job with a memory target, its peak too."""
        if self.memory_target_mb is not None and not (
            self.peak_mb is not None and self.peak_mb < self.memory_target_mb
        ):
            return False
        return not self.note and self.median_ms < self.target_ms

    def as_json(self):
        return {
            "scenario": self.scenario,
            "median_ms": round(self.median_ms, 2),
            "p95_ms": round(self.p95_ms, 2),
            "queries": self.queries,
            "target_ms": self.target_ms,
            "rows": self.rows,
            **(
                {
                    "peak_mb": self.peak_mb and round(self.peak_mb, 1),
                    "memory_target_mb": self.memory_target_mb,
                }
                if self.memory_target_mb is not None
                else {}
            ),
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
        if self.scenario.memory_mb is not None:
            result.memory_target_mb = self.scenario.memory_mb
            result.peak_mb = peak_memory(self.scenario.name, result)

    def recount(self, result):
        pass


def peak_memory(name, result):
    """The scenario's peak memory (MB) in a process of its own (bench/memory.py), which
    inherits the bench's environment (its database); None, with a note, if it failed."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.memory", name],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
        check=False,
    )
    if done.returncode != 0:
        result.note = f"memory run failed: {done.stderr.strip().splitlines()[-1:]}"
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])["peak_mb"]


def _object_list_rows(context):
    return len(context["object_list"]) if "object_list" in context else 0


def measure_all(scenarios, repeat=20, warmup=3, progress=None):
    """The pages first, then the jobs: a job is rolled back to repeat, and what it leaves
    (dead rows, index entries of aborted rows, moved-on sequences) is the bench's own
    debris, which a page timed after it would read through and a live database never has."""
    pages = [s for s in scenarios if s.run is None]
    jobs = [s for s in scenarios if s.run is not None]
    results = {}
    for group in (pages, jobs):
        for result in _measure(group, repeat, warmup, progress):
            results[result.scenario] = result
    return [results[s.name] for s in scenarios]


def _measure(scenarios, repeat, warmup, progress):
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
