from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.template.loader import select_template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from complaints import forms, selectors, services
from complaints.filters import ComplaintFilter
from complaints.models import Complaint, Notification
from desk.errors import BusinessRuleError, IllegalTransition
from desk.lists import ScopedFilterListView
from desk.scoping import get_scoped_or_404

WORK_ORDERS_PARTIAL = "workorders/partials/complaint_work_orders.html"


class ComplaintListView(ScopedFilterListView):
    model = Complaint
    permission_required = "complaints.view_complaint"
    filterset_class = ComplaintFilter
    template_name = "complaints/list.html"
    partial_template_name = "complaints/partials/rows.html"
    title = gettext_lazy("Complaints")

    def get_queryset(self):
        return selectors.complaints_for_list(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = self.title
        context["now_ts"] = timezone.now()
        return context


class MyComplaintListView(ComplaintListView):
    title = gettext_lazy("My complaints")

    def get_queryset(self):
        return super().get_queryset().filter(assignee=self.request.user)


@login_required
@permission_required("complaints.add_complaint", raise_exception=True)
def intake(request):
    form = forms.IntakeForm(request.POST or None, user=request.user)
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
            "plan_form": forms.PlanForm(),
            "rule_form": forms.RuleForm(),
            "resolve_form": forms.ResolveForm(),
            "visit_form": forms.ReturnVisitForm(),
            "assign_form": forms.AssignForm(complaint=complaint)
            if request.user.has_perm("complaints.handle_complaint")
            else None,
            "escalate_form": forms.EscalateForm(),
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


# The steps of the flow: (form, service, how the form's data becomes the service's arguments,
# permission, button label).
ACTIONS = {
    "respond": (
        forms.PlanForm,
        services.complaint_respond,
        lambda d: {"plan": d["plan"]},
        "complaints.handle_complaint",
        gettext_lazy("Give the handling plan"),
    ),
    "investigate": (
        forms.EmptyForm,
        services.complaint_start_investigation,
        lambda d: {},
        "complaints.handle_complaint",
        gettext_lazy("Start the investigation"),
    ),
    "rule": (
        forms.RuleForm,
        services.complaint_rule,
        lambda d: {
            "validity": d["validity"],
            "severity": d["severity"],
            "invalid_kind": d["invalid_kind"],
            "reason": d["reason"],
        },
        "complaints.rule_complaint",
        gettext_lazy("Rule"),
    ),
    "resolve": (
        forms.ResolveForm,
        services.complaint_resolve,
        lambda d: {"resolution": d["resolution"]},
        "complaints.handle_complaint",
        gettext_lazy("Resolve"),
    ),
    "return_visit": (
        forms.ReturnVisitForm,
        services.complaint_record_return_visit,
        lambda d: {"satisfaction": d["satisfaction"], "comment": d["comment"]},
        "complaints.handle_complaint",
        gettext_lazy("Record the return visit"),
    ),
    "close": (
        forms.EmptyForm,
        services.complaint_close,
        lambda d: {},
        "complaints.handle_complaint",
        gettext_lazy("Close"),
    ),
    "assign": (
        forms.AssignForm,
        services.complaint_assign,
        lambda d: {"assignee": d["assignee"]},
        "complaints.handle_complaint",
        gettext_lazy("Assign"),
    ),
    "escalate": (
        forms.EscalateForm,
        services.complaint_escalate,
        lambda d: {"reason": d["reason"]},
        "complaints.view_complaint",
        gettext_lazy("Escalate"),
    ),
}


def action_view(name):
    form_class, service, arguments, permission, label = ACTIONS[name]

    @login_required
    def view(request, pk):
        if not request.user.has_perm(permission):
            raise PermissionDenied
        complaint = get_scoped_or_404(
            Complaint.objects.select_related("estate"), request.user, pk=pk
        )
        kwargs = {"complaint": complaint} if form_class is forms.AssignForm else {}
        form = form_class(request.POST or None, **kwargs)
        if request.method == "POST" and form.is_valid():
            try:
                service(complaint=complaint, by=request.user, **arguments(form.cleaned_data))
            except (IllegalTransition, BusinessRuleError) as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("%(number)s: done.") % {"number": complaint.number})
                return redirect("complaints:detail", pk=complaint.pk)
        status = 400 if request.method == "POST" else 200
        return render(
            request,
            "complaints/action.html",
            {"complaint": complaint, "form": form, "label": label, "action": name},
            status=status,
        )

    view.__name__ = f"complaint_{name}"
    return view


@login_required
@permission_required("complaints.view_complaint", raise_exception=True)
def notifications(request):
    items = list(Notification.objects.filter(recipient=request.user)[:100])
    return render(request, "complaints/notifications.html", {"items": items})


@require_POST
@login_required
@permission_required("complaints.view_complaint", raise_exception=True)
def notifications_read(request):
    """Mark one notification read and follow its link, or mark them all read."""
    pk = request.POST.get("pk", "")
    if pk.isdigit():
        item = Notification.objects.filter(recipient=request.user, pk=pk).first()
        services.notification_mark_read(user=request.user, pk=int(pk))
        if item is not None and item.url.startswith("/"):
            return redirect(item.url)
    else:
        services.notification_mark_read(user=request.user)
    return redirect("complaints:notifications")
