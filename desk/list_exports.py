"""A list's Excel export: streamed in the request when small, a job with a progress page
when large (every complaint of three estates takes openpyxl the better part of a minute).

Rows are read in chunks of primary keys, so memory stays flat however long the list: with
server-side cursors off (see settings), `iterator()` would fetch the whole result at once.
"""

import tempfile

from django.core.files import File
from django.db import transaction
from django.http import QueryDict
from django.shortcuts import redirect
from django.test import RequestFactory
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from openpyxl import Workbook

from desk.clock import user_today
from desk.errors import BusinessRuleError
from desk.exports import write_sheet, xlsx_response
from desk.jobs import job_finish, job_progress, job_start, register_job_kind
from desk.zones import user_zone

LIST_EXPORT_JOB = "desk.list_export"
ROWS_IN_REQUEST = 5000  # more than this, and the export runs as a job
CHUNK = 2000


def register():
    register_job_kind(
        LIST_EXPORT_JOB,
        work="desk.list_exports.list_export_work",
        label=gettext_lazy("Excel export"),
        permission="desk.view_job",  # nobody's role has it: only the starter sees the job
        summary_template="desk/partials/list_export_summary.html",
    )


def in_chunks(rows, *, progress=None):
    """The rows of `rows` in its order, read CHUNK at a time by primary key."""
    pks = list(rows.values_list("pk", flat=True))
    loader = rows.order_by()
    for start in range(0, len(pks), CHUNK):
        chunk = pks[start : start + CHUNK]
        found = {row.pk: row for row in loader.filter(pk__in=chunk)}
        yield from (found[pk] for pk in chunk if pk in found)
        if progress is not None:
            progress(start + len(chunk), len(pks))


def _values(view, rows, progress=None):
    columns = view.export_columns()
    rows = rows.select_related(*view.export_related)
    headers = [header for header, _cell in columns]
    values = (
        [cell(row) for _header, cell in columns] for row in in_chunks(rows, progress=progress)
    )
    return view.export_title, headers, values


def _filename(view):
    return f"{view.export_filename}-{user_today(view.request.user):%Y-%m-%d}.xlsx"


def list_export_response(view, request, kwargs):
    """The list view's answer to `?…` on its export route: the workbook, or a job."""
    rows = view.get_filterset(view.get_filterset_class()).qs  # as the list shows them
    if rows.count() <= ROWS_IN_REQUEST:
        return xlsx_response(_filename(view), [_values(view, rows)])
    cls = type(view)
    job = job_start(
        kind=LIST_EXPORT_JOB,
        by=request.user,
        estate=None,
        view=f"{cls.__module__}.{cls.__qualname__}",
        path=request.path,
        query=request.GET.urlencode(),
        kwargs=kwargs,
        name=_filename(view),
    )
    return redirect("desk:job", job.pk)


def list_export_work(job):
    """The job: rebuild the list as its starter sees it (their estates, their filters, their
    contact masking, their estates' time zone) and write every row, reporting progress."""
    params = job.params
    request = RequestFactory().get(params["path"], QueryDict(params["query"]))
    request.user = job.created_by
    view = import_string(params["view"])(export=True)
    view.setup(request, **params["kwargs"])
    if not (view.has_permission() and view.may_export()):
        raise BusinessRuleError(_("You may no longer export this list."))
    with timezone.override(user_zone(job.created_by) or timezone.get_current_timezone()):
        rows = view.get_filterset(view.get_filterset_class()).qs
        total = rows.count()
        title, headers, values = _values(
            view, rows, progress=lambda done, _total: job_progress(job.pk, done, total)
        )
        workbook = Workbook(write_only=True)
        write_sheet(workbook, title, headers, values)
        with tempfile.TemporaryFile() as spool:
            workbook.save(spool)
            spool.seek(0)
            with transaction.atomic():
                job_finish(
                    job,
                    result={"rows": total},
                    message=ngettext("Exported %(rows)d row.", "Exported %(rows)d rows.", total)
                    % {"rows": total},
                    file_name=params["name"],
                    content=File(spool),
                )
