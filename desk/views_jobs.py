"""The job page: progress while the worker runs it, then the summary and a link onwards."""

from pathlib import PurePosixPath

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import render

from desk.jobs import job_fail_if_stale, job_kind
from desk.models import Job
from desk.scoping import get_scoped_or_404


def _get_job_for_user(user, pk) -> Job:
    """Another estate's job is a 404; another person's job needs its kind's permission."""
    job = get_scoped_or_404(Job.objects.select_related("created_by"), user, pk=pk)
    if job.created_by_id != user.pk and not user.has_perm(job_kind(job.kind).permission):
        raise PermissionDenied
    return job


@login_required
def job_detail(request, pk):
    """The full page, or (htmx, every second while the job runs) its progress partial."""
    job = _get_job_for_user(request.user, pk)
    job_fail_if_stale(job)
    context = {"job": job, "kind": job_kind(job.kind)}
    if request.htmx:
        return render(request, "desk/partials/job_progress.html", context)
    return render(request, "desk/job.html", context)


@login_required
def job_file(request, pk):
    job = _get_job_for_user(request.user, pk)
    if job.status != Job.Status.DONE or not job.result_file:
        raise Http404
    name = PurePosixPath(job.result_file.name).name.removeprefix(f"{job.pk}-")
    return FileResponse(job.result_file.open("rb"), as_attachment=True, filename=name)
