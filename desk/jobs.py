"""Long jobs in the Celery worker, with their progress on one page (`desk:job`).

A view (or a beat task) starts a job with `job_start`, which saves a `Job` row and, once
the transaction commits, queues the one generic task `desk.run_job(job_id)` (desk/tasks.py);
the view redirects to the job's page, which polls a partial every second until the job is
done or failed. Each kind of job is registered once, from an app's `ready()`, naming its
work as a dotted path (imported only when a job of the kind runs, so desk imports no app):

    register_job_kind(
        "tenants.register_import",
        work="tenants.import_services.register_import_job",
        label=gettext_lazy("Register import"),
        permission="tenants.import_register",  # to see another person's job of the kind
        download_permission="",  # to download its result file ("": whoever sees the job)
    )

A job is started by a person (`by`) or by a schedule (`by=None, schedule=<the beat entry's
name>`, recorded and shown on its page). A key (an upload's token, a month) makes it once
per kind and key: starting it again returns the waiting, running or done job and runs
nothing; after a failed attempt (or one given up as stuck) it runs again as the next
`attempt`, and every attempt is kept.

`job_run` (the task's body) claims the job (queued → running, once: a redelivered task
does nothing), runs the work in the language of the person who started it, and turns a
`BusinessRuleError` into the job's failure message; any other error is logged with its
traceback for the administrator and the page shows a plain sentence. The work reports
with `job_progress` (cheap: at most one write per half second) and ends with
`job_finish` inside its own transaction, so the work and the done mark commit together;
`job_finish` raises `JobAbandoned` when the job was meanwhile given up as stuck, which
rolls the work back. A job that stops giving signs of life (the worker died) is marked
failed by `job_fail_if_stale` when its page is looked at, and by the beat's sweep.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta
from time import monotonic

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from desk.errors import BusinessRuleError
from desk.models import Job, job_file_path

logger = logging.getLogger(__name__)

RUN_JOB_TASK = "desk.run_job"  # desk/tasks.py
PROGRESS_EVERY_SECONDS = 0.5
QUEUED_TIMEOUT = timedelta(minutes=30)  # no worker took it
RUNNING_TIMEOUT = timedelta(minutes=10)  # no progress: the worker died or hangs


@dataclass(frozen=True)
class JobKind:
    name: str
    work: str  # the dotted path of `work(job)`, imported when a job of this kind runs
    label: str
    permission: str  # to see another person's (or a schedule's) job of this kind
    download_permission: str = ""  # to download its result file; "": whoever sees the job
    summary_template: str = ""  # rendered with `job` when the job is done or failed
    next_url: str = ""  # a URL name: where to go once it is done
    next_label: str = ""
    again_url: str = ""  # a URL name: where to start again after a failure
    again_label: str = ""


_KINDS: dict[str, JobKind] = {}
_UNKNOWN = JobKind(name="", work="", label=gettext_lazy("Job"), permission="desk.view_job")


def register_job_kind(name, *, work: str, label, permission: str, **options) -> JobKind:
    kind = JobKind(name=name, work=work, label=label, permission=permission, **options)
    _KINDS[name] = kind
    return kind


def job_kind(name) -> JobKind:
    return _KINDS.get(name, _UNKNOWN)


class JobAbandoned(Exception):
    """The job is no longer running (given up as stuck): its work must not be kept."""


def job_start(*, kind: str, estate, by=None, schedule: str = "", key: str = "", **params) -> Job:
    """Save a queued job of `kind` and run it in the worker once the transaction commits.

    Started by a person (`by`), or by the beat schedule (`by=None`, `schedule` the name of
    its entry). With a non-empty `key` the job runs once per kind and key: while a job of
    the key waits, runs or is done, that job is returned and nothing is queued again (a
    double click, a second commit of the same upload, the same month's run started twice);
    after a failed attempt, or one given up as stuck, the key runs again as a new attempt
    and the earlier attempts are kept. `params` are kept on the job for its work.
    """
    if kind not in _KINDS:
        raise LookupError(f"No job kind {kind!r} is registered.")
    if (by is None) == (not schedule):
        raise ValueError("A job is started either by a person or by a schedule.")
    attempt = 1
    if key:
        latest = _latest_attempt(kind, key)
        if latest is not None:
            job_fail_if_stale(latest)  # abandoned: given up now, so the key can run again
            if latest.status != Job.Status.FAILED:
                return latest
            attempt = latest.attempt + 1
    try:
        with transaction.atomic():
            job = Job.objects.create(
                kind=kind,
                key=key,
                attempt=attempt,
                estate=estate,
                created_by=by,
                schedule=schedule,
                language=translation.get_language() or "",
                params=params,
            )
    except IntegrityError:  # a concurrent start of the same key saved its attempt first
        return _latest_attempt(kind, key)
    transaction.on_commit(lambda: _send(job))
    return job


def _latest_attempt(kind, key) -> Job | None:
    return Job.objects.filter(kind=kind, key=key).order_by("-attempt").first()


def job_attempts(job):
    """Every attempt of the job's key, the first first (the job alone when it has no key)."""
    if not job.key:
        return Job.objects.filter(pk=job.pk)
    return Job.objects.filter(kind=job.kind, key=job.key).order_by("attempt")


def _language(job):
    return job.language or settings.LANGUAGE_CODE


def _send(job):
    from celery import current_app  # the desk app (desk/celery.py), with desk.run_job

    options = {"queue": settings.JOBS_QUEUE} if settings.JOBS_QUEUE else {}
    try:
        current_app.tasks[RUN_JOB_TASK].apply_async(kwargs={"job_id": job.pk}, **options)
    except Exception:
        logger.exception("Could not queue job %s", job.pk)
        with translation.override(_language(job)):
            job_fail(job, message=_("The job could not be queued. Try again in a minute."))


def job_claim(job_id) -> Job | None:
    """Queued → running, once. None when another run has it, or it was given up."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(
        status=Job.Status.RUNNING, started_at=now, progress_at=now
    )
    return Job.objects.get(pk=job_id) if claimed else None


_last_write: dict[int, float] = {}


def job_progress(job_id, done: int, total: int, *, message: str | None = None) -> bool:
    """Report progress; written at most every PROGRESS_EVERY_SECONDS, and always at the
    end (`done == total`) or with a new message. Call it as often as you like.

    Returns False when the job is no longer running (then stop). Inside a transaction
    the write is only seen once that commits: report before the final atomic block.
    """
    now = monotonic()
    if (
        message is None
        and done < total
        and now - _last_write.get(job_id, float("-inf")) < PROGRESS_EVERY_SECONDS
    ):
        return True
    _last_write[job_id] = now
    values = {"done": min(done, total) if total else done, "total": total}
    if message is not None:
        values["message"] = message[:500]
    return bool(
        Job.objects.filter(pk=job_id, status=Job.Status.RUNNING).update(
            progress_at=timezone.now(), **values
        )
    )


def job_finish(job, *, result=None, message: str = "", file_name: str = "", content=None):
    """Running → done, with the summary (JSON) and optionally a result file.

    Call it inside the work's transaction: when the job was given up meanwhile, it
    raises `JobAbandoned` and the work rolls back with it.
    """
    values = {"result": result or {}, "message": message[:500]}
    if content is not None:
        values["result_file"] = default_storage.save(
            job_file_path(job, file_name or "result"), content
        )
    finished = _set_finished(job, Job.Status.DONE, [Job.Status.RUNNING], values)
    if not finished:
        if content is not None:
            default_storage.delete(values["result_file"])
        raise JobAbandoned(job.pk)


def job_fail(job, *, message: str, result=None) -> bool:
    """Queued or running → failed, with a message for the user (never a traceback)."""
    values = {"message": message[:500]}
    if result is not None:
        values["result"] = result
    return _set_finished(job, Job.Status.FAILED, list(Job.ACTIVE), values)


def _set_finished(job, status, from_statuses, values) -> bool:
    now = timezone.now()
    values = {**values, "status": status, "finished_at": now, "progress_at": now}
    updated = Job.objects.filter(pk=job.pk, status__in=from_statuses).update(**values)
    _last_write.pop(job.pk, None)
    if updated:
        for name, value in values.items():
            setattr(job, name, value)
    return bool(updated)


def job_is_stale(job, *, now=None) -> bool:
    now = now or timezone.now()
    if job.status == Job.Status.QUEUED:
        return job.created_at < now - QUEUED_TIMEOUT
    if job.status == Job.Status.RUNNING:
        return (job.progress_at or job.created_at) < now - RUNNING_TIMEOUT
    return False


def job_fail_if_stale(job) -> bool:
    """A job that no worker took, or that stopped reporting, is marked failed.

    The conditional update leaves a job alone that reported meanwhile; a worker that
    comes back later finds the job failed and does not apply its work (`job_claim`,
    `job_finish`).
    """
    now = timezone.now()
    if not job_is_stale(job, now=now):
        return False
    with translation.override(_language(job)):
        if job.status == Job.Status.QUEUED:
            message = _("The job was never started: no worker took it. Start it again.")
            stale = Q(status=Job.Status.QUEUED, created_at__lt=now - QUEUED_TIMEOUT)
        else:
            message = _(
                "The job stopped without finishing, perhaps because the worker was restarted. "
                "Start it again."
            )
            stale = Q(status=Job.Status.RUNNING) & (
                Q(progress_at__lt=now - RUNNING_TIMEOUT)
                | Q(progress_at__isnull=True, created_at__lt=now - RUNNING_TIMEOUT)
            )
    values = {"status": Job.Status.FAILED, "finished_at": now, "message": message}
    if not Job.objects.filter(stale, pk=job.pk).update(**values):
        job.refresh_from_db()
        return False
    for name, value in values.items():
        setattr(job, name, value)
    return True


def jobs_fail_stale() -> int:
    """The sweep (every 5 minutes, see CELERY_BEAT_SCHEDULE): every stale job is marked
    failed, so its page and its starter see it even if nobody opened the page."""
    now = timezone.now()
    candidates = Job.objects.filter(
        Q(status=Job.Status.QUEUED, created_at__lt=now - QUEUED_TIMEOUT)
        | Q(status=Job.Status.RUNNING, created_at__lt=now - RUNNING_TIMEOUT)
    )
    return sum(job_fail_if_stale(job) for job in candidates)


def job_run(job_id, *, work=None) -> None:
    """The body of the task `desk.run_job`: claim, run the kind's work, fail with a plain
    message. (`work` is for tests: a function instead of the registered one.)

    The work reports with `job_progress` and calls `job_finish` (inside its transaction);
    if it returns a dict instead, that is the job's summary. A `BusinessRuleError`'s
    message is shown to the user; any other error is logged, and the user sees a plain
    sentence.
    """
    job = job_claim(job_id)
    if job is None:
        return
    with translation.override(_language(job)):
        try:
            if work is None:
                work = import_string(_KINDS[job.kind].work)
            summary = work(job)
            if job.status == Job.Status.RUNNING:
                with transaction.atomic():
                    job_finish(job, result=summary or {})
        except JobAbandoned:
            return
        except BusinessRuleError as exc:
            job_fail(job, message=str(exc))
        except Exception:
            logger.exception("Job %s (%s) failed", job.pk, job.kind)
            job_fail(
                job,
                message=_(
                    "The job stopped on an unexpected error. Try again, or tell the "
                    "administrator (job %(job)d)."
                )
                % {"job": job.pk},
            )
