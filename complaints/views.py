from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import redirect, render
from django.template.loader import select_template
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complaints import exports, forms, selectors, services
from complaints.filters import ComplaintFilter
from complaints.models import Complaint
from desk.errors import BusinessRuleError
from desk.lists import ScopedFilterListView
from desk.steps import StepView

WORK_ORDERS_PARTIAL = "workorders/partials/complaint_work_orders.html"
ORIGIN_PARTIAL = "frontdesk/partials/case_origin.html"  # the desk's log entry it came from


class ComplaintListView(ScopedFilterListView):
    model = Complaint
    permission_required = "complaints.view_complaint"
    filterset_class = ComplaintFilter
    template_name = "complaints/list.html"
    partial_template_name = "complaints/partials/rows.html"
    title = gettext_lazy("Complaints")
    export_url_name = "complaints:export"
    export_filename = "complaints"
    export_title = gettext_lazy("Complaints")
    export_related = ("resident",)  # the phone column

    def get_queryset(self):
        return selectors.complaints_for_list(self.request.user)

    def export_columns(self):
        return exports.list_columns(self.request.user, timezone.now())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = self.title
        context["now_ts"] = timezone.now()
        return context


class MyComplaintListView(ComplaintListView):
    title = gettext_lazy("My complaints")
    export_url_name = "complaints:mine_export"
    export_filename = "my-complaints"

    def get_queryset(self):
        return super().get_queryset().filter(assignee=self.request.user)


@login_required
@permission_required("complaints.add_complaint", raise_exception=True)
def intake(request):
    # A unit's page opens the intake with the unit filled in (`?unit_label=3-1502`).
    initial = {"unit_label": request.GET.get("unit_label", "")}
    form = forms.IntakeForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            complaint = services.complaint_receive(
                estate=data["estate"],
                unit=form.unit,
                resident=data["resident"],
                channel=data["channel"],
                category=data["category"],
                complainant_name=data["complainant_name"],
                complainant_phone=data["complainant_phone"],
                subject=data["subject"],
                description=data["description"],
                occurred_on=data["occurred_on"],
                assignee=data["assignee"],
                by=request.user,
            )
        except BusinessRuleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("Complaint %(number)s received.") % {"number": complaint.number}
            )
            return redirect("complaints:detail", pk=complaint.pk)
    return render(request, "complaints/intake.html", {"form": form})


@login_required
@permission_required("complaints.add_complaint", raise_exception=True)
def intake_occupants(request):
    """htmx: the resident choices for the unit typed so far."""
    form = forms.IntakeForm(request.GET, user=request.user)
    return render(
        request,
        "complaints/partials/occupants.html",
        {"field": form["resident"], "unit": form.unit},
    )


@login_required
@permission_required("complaints.view_complaint", raise_exception=True)
def detail(request, pk):
    complaint = selectors.complaint_for_page(request.user, pk)
    now = timezone.now()
    has_work_orders = _template_exists(WORK_ORDERS_PARTIAL)
    return render(
        request,
        "complaints/detail.html",
        {
            "complaint": complaint,
            "events": selectors.timeline(complaint),
            "now_ts": now,
            "breached": complaint.is_breached(now),
            "late_report": complaint.days_before_report > _late_report_days(complaint),
            "show_work_orders": has_work_orders,
            "work_orders_partial": WORK_ORDERS_PARTIAL,
            "origin_partial": ORIGIN_PARTIAL if _template_exists(ORIGIN_PARTIAL) else "",
            "plan_form": forms.PlanForm(),
            "rule_form": forms.RuleForm(complaint=complaint),
            "resolve_form": forms.ResolveForm(),
            "visit_form": forms.ReturnVisitForm(),
            "assign_form": forms.AssignForm(complaint=complaint)
            if request.user.has_perm("complaints.handle_complaint")
            else None,
            "escalate_form": forms.EscalateForm(complaint=complaint),
        },
    )


def _template_exists(name):
    try:
        select_template([name])
    except Exception:  # noqa: BLE001 - TemplateDoesNotExist and friends
        return False
    return True


def _late_report_days(complaint):
    from complaints.models import DEFAULT_LATE_REPORT_DAYS, ComplaintSettings

    days = ComplaintSettings.objects.filter(estate_id=complaint.estate_id).values_list(
        "late_report_days", flat=True
    )
    return next(iter(days), DEFAULT_LATE_REPORT_DAYS)


class ComplaintStep(StepView):
    """A step of the flow. Its page is the full-page fallback of the detail page's forms."""

    model = Complaint
    object_name = "complaint"
    detail_url_name = "complaints:detail"
    template_name = "complaints/action.html"
    success_message = gettext_lazy("%(number)s: done.")
    invalid_status = 400

    def get_base_queryset(self):
        return Complaint.objects.select_related("estate")


HANDLE, RULE = "complaints.handle_complaint", "complaints.rule_complaint"

# The steps by URL name (`<pk>/return-visit/` for "return_visit"): who may, the service, the form.
ACTIONS = {
    "respond": (HANDLE, services.complaint_respond, forms.PlanForm),
    "investigate": (HANDLE, services.complaint_start_investigation, forms.EmptyForm),
    "rule": (RULE, services.complaint_rule, forms.RuleForm),
    "resolve": (HANDLE, services.complaint_resolve, forms.ResolveForm),
    "return_visit": (HANDLE, services.complaint_record_return_visit, forms.ReturnVisitForm),
    "close": (HANDLE, services.complaint_close, forms.EmptyForm),
    "assign": (HANDLE, services.complaint_assign, forms.AssignForm),
    "escalate": ("complaints.view_complaint", services.complaint_escalate, forms.EscalateForm),
}
# The name of each step, on its page's title and button.
LABELS = {
    "respond": gettext_lazy("Give the handling plan"),
    "investigate": gettext_lazy("Start the investigation"),
    "rule": gettext_lazy("Rule"),
    "resolve": gettext_lazy("Resolve"),
    "return_visit": gettext_lazy("Record the return visit"),
    "close": gettext_lazy("Close"),
    "assign": gettext_lazy("Assign"),
    "escalate": gettext_lazy("Escalate"),
}


def _said(text):
    return Truncator(text.strip()).chars(80)


def _ruling(c):
    if c.validity == Complaint.Validity.VALID:
        detail = c.get_severity_display() if c.severity else ""
    else:
        detail = c.get_invalid_kind_display() if c.invalid_kind else ""
    what = f"{c.get_validity_display()} · {detail}" if detail else c.get_validity_display()
    return _("%(number)s ruled: %(ruling)s.") % {"number": c.number, "ruling": what}


# What each step tells its user it did, to which complaint, and what the resident was told.
CONFIRM = {
    "respond": lambda c: (
        _("Handling plan for %(number)s given; the resident was told: “%(plan)s”.")
        % {"number": c.number, "plan": _said(c.plan)}
    ),
    "investigate": lambda c: _("Investigation of %(number)s started.") % {"number": c.number},
    "rule": _ruling,
    "resolve": lambda c: (
        _("%(number)s resolved: %(resolution)s")
        % {"number": c.number, "resolution": _said(c.resolution)}
    ),
    "return_visit": lambda c: (
        _("Return visit for %(number)s recorded: satisfaction %(score)s/5.")
        % {"number": c.number, "score": c.satisfaction}
    ),
    "close": lambda c: _("%(number)s closed.") % {"number": c.number},
    "assign": lambda c: (
        _("%(number)s assigned to %(name)s.")
        % {"number": c.number, "name": c.assignee.display_name if c.assignee_id else "—"}
    ),
    "escalate": lambda c: (
        _("%(number)s escalated: %(level)s.")
        % {"number": c.number, "level": c.get_escalation_level_display()}
    ),
}


def action_view(name):
    permission, service, form_class = ACTIONS[name]
    return ComplaintStep.as_view(
        permission_required=permission,
        service=service,
        form_class=form_class,
        label=LABELS[name],
        confirm=CONFIRM[name],
    )
