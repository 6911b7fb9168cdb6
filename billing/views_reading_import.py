"""Meter readings from Excel: the template, upload → preview, then save (all or nothing).

The register's flow (tenants.import_preview): the previewed file waits under
MEDIA_ROOT/imports; its token is kept in the uploader's session with the estate, meter and
month, so only they can save it, and only once.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from billing import reading_import
from billing.forms import MONTH_INPUT, EstateChoiceMixin, clean_period
from billing.meter_services import ReadingErrors
from billing.models import MeterReading
from desk.exports import xlsx_response
from desk.models import Estate
from desk.uploads import MAX_UPLOAD_BYTES, MB
from tenants import import_store
from tenants.import_preview import WorkbookField, preview_keep, preview_take

PERMISSION = "billing.add_meterreading"
SESSION_KEY = "reading_imports"


class ReadingImportForm(EstateChoiceMixin, forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Meter"), choices=MeterReading.Kind.choices)
    period = forms.CharField(label=gettext_lazy("Month"), widget=MONTH_INPUT)
    file = WorkbookField()

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_estate_field(request)
        self.order_fields(["estate", "kind", "period", "file"])

    def clean_period(self):
        return clean_period(self.cleaned_data["period"])


@login_required
@permission_required(PERMISSION, raise_exception=True)
def import_upload(request):
    """GET: the form. POST: check and read the file against the readings, show the preview."""
    form = ReadingImportForm(request.POST or None, request.FILES or None, request=request)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        estate = form.chosen_estate()
        kind = form.cleaned_data["kind"]
        year, month = form.cleaned_data["period"]
        try:
            read = reading_import.read_readings(
                upload, estate=estate, kind=kind, year=year, month=month, by=request.user
            )
        except reading_import.ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            token = None
            if not read.errors:
                token = preview_keep(
                    request,
                    SESSION_KEY,
                    upload,
                    estate=estate.pk,
                    kind=kind,
                    year=year,
                    month=month,
                    rows=len(read.rows),
                )
            return render(
                request,
                "billing/reading_import_preview.html",
                {
                    "name": upload.name,
                    "read": read,
                    "token": token,
                    "estate": estate,
                    "kind_label": MeterReading.Kind(kind).label,
                    "period": f"{year}-{month:02d}",
                },
            )
    return render(
        request,
        "billing/reading_import.html",
        {
            "form": form,
            "max_mb": MAX_UPLOAD_BYTES // MB,
            "max_rows": reading_import.MAX_ROWS,
        },
    )


@require_POST
@login_required
@permission_required(PERMISSION, raise_exception=True)
def import_commit(request):
    pending = preview_take(request, SESSION_KEY)
    if pending is None:
        return redirect("billing:reading_import")
    path, entry = pending
    estate = Estate.objects.for_user(request.user).filter(pk=entry["estate"]).first()
    if estate is None:
        import_store.upload_discard(path.stem)
        messages.error(request, _("You no longer work in that estate."))
        return redirect("billing:reading_import")
    try:
        with open(path, "rb") as fileobj:
            count = reading_import.readings_import(
                estate=estate,
                kind=entry["kind"],
                year=entry["year"],
                month=entry["month"],
                fileobj=fileobj,
                by=request.user,
            )
    except (ReadingErrors, reading_import.ImportFileError) as exc:
        detail = (
            "; ".join(f"{row} {msg}" for row, msg in exc.errors.items())
            if isinstance(exc, ReadingErrors)
            else str(exc)
        )
        messages.error(request, _("Nothing was saved: %(rows)s.") % {"rows": detail})
        return redirect("billing:reading_import")
    finally:
        import_store.upload_discard(path.stem)
    messages.success(
        request,
        _("%(count)d readings of %(period)s saved.")
        % {"count": count, "period": f"{entry['year']}-{entry['month']:02d}"},
    )
    return redirect("billing:reading_import")


@login_required
@permission_required(PERMISSION, raise_exception=True)
def import_template(request):
    headers = [str(reading_import.COLUMNS[key][0]) for key in reading_import.TEMPLATE_COLUMNS]
    return xlsx_response(
        "meter-readings.xlsx", [(_("Meter readings"), headers, [["3-1502", "1234.5", "", ""]])]
    )
