"""The visit and call log: the quick entry that stays on screen, the list, an entry's page,
resolving a passed-on entry and turning an entry into a complaint or a work order."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from desk.errors import BusinessRuleError
from desk.exports import excel_time
from desk.lists import ScopedFilterListView
from desk.privacy import contact_for
from frontdesk import selectors, services
from frontdesk.filters import LogEntryFilter
from frontdesk.forms import LogEntryForm, ResolveForm, ToComplaintForm, ToWorkOrderForm
from frontdesk.models import LogEntry

VIEW, ADD, CHANGE = "frontdesk.view_logentry", "frontdesk.add_logentry", "frontdesk.change_logentry"
RECENT_ROWS = 10


def log_columns(user):
    """[(header, cell)] of an entry's row in a workbook; phones masked for the reader."""
    return [
        (_("Time"), lambda e: excel_time(e.at, e.estate)),
        (_("Estate"), lambda e: e.estate.display_name),
        (_("Kind"), lambda e: e.get_kind_display()),
        (_("Unit"), lambda e: e.unit.label if e.unit_id else ""),
        (_("Who"), lambda e: e.who),
        (_("Phone"), lambda e: contact_for(user, e.caller_phone)),
        (_("Purpose"), lambda e: e.get_purpose_display()),
        (_("Summary"), lambda e: e.summary),
        (_("Outcome"), lambda e: e.get_outcome_display()),
        (_("Passed to"), lambda e: e.get_department_display()),
        (_("Resolution agreed by"), lambda e: excel_time(e.resolve_by, e.estate)),
        (_("Resolved at"), lambda e: excel_time(e.resolved_at, e.estate)),
        (_("Case"), lambda e: _case_number(e)),
        (_("Logged by"), lambda e: e.logged_by.display_name),
    ]


def _case_number(entry):
    if entry.complaint_id:
        return entry.complaint.number
    if entry.work_order_id:
        return entry.work_order.number
    return ""


class LogEntryListView(ScopedFilterListView):
    model = LogEntry
    permission_required = VIEW
    filterset_class = LogEntryFilter
    template_name = "frontdesk/log_list.html"
    partial_template_name = "frontdesk/partials/log_rows.html"
    export_url_name = "frontdesk:log_export"
    export_filename = "visits-and-calls"
    export_title = gettext_lazy("Visits and calls")

    def get_queryset(self):
        return selectors.entries_for_list(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["now"] = timezone.now()
        return context

    def export_columns(self):
        return log_columns(self.request.user)


@login_required
@permission_required(VIEW, raise_exception=True)
def log_desk(request):
    """The desk's screen: the quick entry on top, the latest entries below; it stays."""
    may_add = request.user.has_perm(ADD)
    form = None
    if may_add:
        initial = {
            "unit_label": request.GET.get("unit_label", ""),
            "incident": request.GET.get("incident") or None,
        }
        form = LogEntryForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST":
        if not may_add:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                entry = services.log_entry_create(
                    estate=data["estate"],
                    kind=data["kind"],
                    at=data["at"],
                    unit=data["unit"],
                    resident=data["resident"],
                    caller_name=data["caller_name"],
                    caller_phone=data["caller_phone"],
                    purpose=data["purpose"],
                    summary=data["summary"],
                    outcome=data["outcome"],
                    department=data["department"],
                    resolve_by=data["resolve_by"],
                    incident=data["incident"],
                    by=request.user,
                )
            except BusinessRuleError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Logged: %(entry)s.") % {"entry": entry})
                return redirect(reverse("frontdesk:log") + f"?logged={entry.pk}")
    recent = list(selectors.entries_for_list(request.user)[:RECENT_ROWS])
    logged = None
    if request.GET.get("logged", "").isdigit():
        logged = next((e for e in recent if e.pk == int(request.GET["logged"])), None)
    return render(
        request,
        "frontdesk/log_desk.html",
        {"form": form, "object_list": recent, "logged": logged, "now": timezone.now()},
    )


@login_required
@permission_required(ADD, raise_exception=True)
def occupants(request):
    """htmx: the resident choices for the unit typed so far."""
    form = LogEntryForm(request.GET, user=request.user)
    return render(request, "frontdesk/partials/occupants.html", {"field": form["resident"]})


@login_required
@permission_required(VIEW, raise_exception=True)
def entry_detail(request, pk):
    entry = selectors.entry_for_page(request.user, pk)
    return render(
        request,
        "frontdesk/entry_detail.html",
        {
            "entry": entry,
            "now": timezone.now(),
            "resolve_form": ResolveForm(),
        },
    )


@login_required
@permission_required(CHANGE, raise_exception=True)
def entry_resolve(request, pk):
    entry = selectors.entry_for_page(request.user, pk)
    form = ResolveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.log_entry_resolve(
                entry=entry, resolution=form.cleaned_data["resolution"], by=request.user
            )
        except BusinessRuleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Marked resolved."))
            return redirect("frontdesk:entry_detail", pk=entry.pk)
    return render(
        request,
        "frontdesk/entry_step.html",
        {"entry": entry, "form": form, "title": _("Resolve"), "button": _("Mark resolved")},
    )


def _convert(request, pk, form_class, service, title, button, detail):
    entry = selectors.entry_for_page(request.user, pk)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = service(entry=entry, by=request.user, **form.cleaned_data)
        except BusinessRuleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("%(number)s created from the entry.") % {"number": case})
            return redirect(detail, pk=case.pk)
    return render(
        request,
        "frontdesk/entry_step.html",
        {"entry": entry, "form": form, "title": title, "button": button},
    )


@login_required
@permission_required(ADD, raise_exception=True)
@permission_required("complaints.add_complaint", raise_exception=True)
def entry_to_complaint(request, pk):
    return _convert(
        request,
        pk,
        ToComplaintForm,
        services.log_entry_to_complaint,
        _("Turn into a complaint"),
        _("Receive the complaint"),
        "complaints:detail",
    )


@login_required
@permission_required(ADD, raise_exception=True)
@permission_required("workorders.add_workorder", raise_exception=True)
def entry_to_work_order(request, pk):
    return _convert(
        request,
        pk,
        ToWorkOrderForm,
        services.log_entry_to_work_order,
        _("Turn into a repair work order"),
        _("Create work order"),
        "workorders:detail",
    )
