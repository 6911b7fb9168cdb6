"""The job page: progress while the worker runs it, then the summary and a link onwards."""

from pathlib import PurePosixPath

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import render

from desk.jobs import job_attempts, job_fail_if_stale, job_kind
from desk.models import Job
from desk.scoping import get_scoped_or_404


def _get_job_for_user(user, pk) -> Job:
    """Another estate's job is a 404; another person's (or a schedule's) job needs its
    kind's permission."""
    job = get_scoped_or_404(Job.objects.select_related("created_by"), user, pk=pk)
    if job.created_by_id != user.pk and not user.has_perm(job_kind(job.kind).permission):
        raise PermissionDenied
    return job


@login_required
def job_detail(request, pk):
    """The full page, or (htmx, every second while the job runs) its progress partial."""
    job = _get_job_for_user(request.user, pk)
    job_fail_if_stale(job)
    kind = job_kind(job.kind)
    context = {"job": job, "kind": kind, "may_download": _may_download(request.user, kind)}
    if request.htmx:
        return render(request, "desk/partials/job_progress.html", context)
    if job.key:  # a key runs again after a failure: the page lists every attempt
        attempts = list(job_attempts(job).for_user(request.user).only("pk", "attempt", "status"))
        context["attempts"] = attempts if len(attempts) > 1 else []
    return render(request, "desk/job.html", context)


def _may_download(user, kind) -> bool:
    return not kind.download_permission or user.has_perm(kind.download_permission)


@login_required
def job_file(request, pk):
    job = _get_job_for_user(request.user, pk)
    if not _may_download(request.user, job_kind(job.kind)):
        raise PermissionDenied
    if job.status != Job.Status.DONE or not job.result_file:
        raise Http404
    name = PurePosixPath(job.result_file.name).name.removeprefix(f"{job.pk}-")
    return FileResponse(job.result_file.open("rb"), as_attachment=True, filename=name)
