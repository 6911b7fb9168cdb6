"""Work orders at the desk: the list, taking a call, the page, and each step of the flow."""

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from desk.errors import BusinessRuleError
from desk.lists import ScopedFilterListView
from desk.photos import photo_response
from desk.scoping import get_scoped_or_404
from desk.steps import StepView
from workorders import exports, selectors, services
from workorders.filters import WorkOrderFilter
from workorders.forms import (
    DispatchForm,
    FinishForm,
    FromComplaintForm,
    ReasonForm,
    VerifyForm,
    WorkOrderForm,
    trade_for_category,
)
from workorders.models import WorkOrder, WorkOrderPhoto


class WorkOrderListView(ScopedFilterListView):
    model = WorkOrder
    permission_required = "workorders.view_workorder"
    filterset_class = WorkOrderFilter
    template_name = "workorders/workorder_list.html"
    partial_template_name = "workorders/partials/workorder_rows.html"
    export_url_name = "workorders:export"
    export_filename = "work-orders"
    export_title = gettext_lazy("Work orders")
    export_related = ("resident",)  # the phone column

    def get_queryset(self):
        # Overdue rows marked as the daily closing marks them.
        return selectors.with_overdue(selectors.orders_for_list(self.request.user))

    def export_columns(self):
        return exports.order_columns(self.request.user)


@login_required
@permission_required("workorders.add_workorder", raise_exception=True)
def workorder_create(request):
    form = WorkOrderForm(
        request.POST or None,
        user=request.user,
        initial={"unit_label": request.GET.get("unit_label", "")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            order = services.workorder_create(
                estate=data["estate"],
                source=data["source"],
                trade=data["trade"],
                priority=data["priority"],
                description=data["description"],
                unit=data["unit"],
                building=data["building"],
                location=data["location"],
                requested_by_name=data["requested_by_name"],
                requested_by_phone=data["requested_by_phone"],
                price=data["price"],
                by=request.user,
            )
        except BusinessRuleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Work order %(number)s created.") % {"number": order})
            return redirect("workorders:detail", pk=order.pk)
    return render(request, "workorders/workorder_form.html", {"form": form})


@login_required
@permission_required("workorders.add_workorder", raise_exception=True)
def workorder_create_from_complaint(request, complaint_pk):
    Complaint = apps.get_model("complaints", "Complaint")
    complaint = get_scoped_or_404(
        Complaint.objects.select_related("estate", "unit__building"), request.user, pk=complaint_pk
    )
    form = FromComplaintForm(
        request.POST or None,
        initial={
            "description": complaint.description,
            "trade": trade_for_category(complaint.category),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            order = services.workorder_create_from_complaint(
                complaint=complaint, by=request.user, **form.cleaned_data
            )
        except BusinessRuleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Work order %(number)s created.") % {"number": order})
            return redirect("workorders:detail", pk=order.pk)
    return render(request, "workorders/from_complaint.html", {"form": form, "complaint": complaint})


ORIGIN_PARTIAL = "frontdesk/partials/case_origin.html"  # the desk's log entry it came from


def _origin_partial():
    from django.template.loader import select_template

    try:
        select_template([ORIGIN_PARTIAL])
    except Exception:  # noqa: BLE001 - TemplateDoesNotExist and friends
        return ""
    return ORIGIN_PARTIAL


@login_required
@permission_required("workorders.view_workorder", raise_exception=True)
def workorder_detail(request, pk):
    order = selectors.order_for_page(request.user, pk)
    return render(
        request,
        "workorders/workorder_detail.html",
        {
            "order": order,
            "reason_form": ReasonForm(),
            "is_assignee": order.assignee_id == request.user.pk,
            "call_number": selectors.call_number_for(order, request.user),
            "origin_partial": _origin_partial(),
        },
    )


class WorkOrderStep(StepView):
    """A step of the flow: a technician reaches only their own orders (else 404)."""

    object_name = "order"
    detail_url_name = "workorders:detail"

    def get_object(self):
        return selectors.order_for_action(self.request.user, self.kwargs["pk"])


DISPATCH, WORK = "workorders.dispatch_workorder", "workorders.work_workorder"
VERIFY, CANCEL = "workorders.verify_workorder", "workorders.cancel_workorder"

# The steps by URL name: who may, the service, the form and its page (none: a POST-only button).
STEPS = {
    "dispatch": (DISPATCH, services.workorder_dispatch, DispatchForm, "workorders/dispatch.html"),
    "start": (WORK, services.workorder_start, None, None),
    "finish": (WORK, services.workorder_finish, FinishForm, "workorders/finish.html"),
    "verify": (VERIFY, services.workorder_verify, VerifyForm, "workorders/verify.html"),
    "reopen": (VERIFY, services.workorder_reopen, ReasonForm, "workorders/reason.html"),
    "close": (VERIFY, services.workorder_close, None, None),
    "cancel": (CANCEL, services.workorder_cancel, ReasonForm, "workorders/reason.html"),
}


# What the page says once a step is done: the step, the number, and what it now means.
def _due(order):
    return date_format(timezone.localtime(order.due_at), "Y-m-d H:i")


def _said(text):
    return Truncator((text or "").strip()).chars(80)


DONE = {
    "dispatch": lambda o: (
        _("%(number)s dispatched to %(name)s, due %(due)s.")
        % {"number": o.number, "name": o.assignee.display_name, "due": _due(o)}
    ),
    "start": lambda o: _("%(number)s started.") % {"number": o.number},
    "finish": lambda o: (
        _("%(number)s done: %(notes)s") % {"number": o.number, "notes": _said(o.work_notes)}
    ),
    "verify": lambda o: (
        _("%(number)s checked with the resident: satisfaction %(score)s/5.")
        % {"number": o.number, "score": o.satisfaction}
    ),
    "reopen": lambda o: (
        _("%(number)s reopened and back with %(name)s.")
        % {"number": o.number, "name": o.assignee.display_name if o.assignee_id else "—"}
    ),
    "close": lambda o: _("%(number)s closed.") % {"number": o.number},
    "cancel": lambda o: (
        _("%(number)s cancelled: %(reason)s")
        % {"number": o.number, "reason": _said(o.cancel_reason)}
    ),
}


def _step(name):
    permission, service, form_class, template_name = STEPS[name]
    return WorkOrderStep.as_view(
        permission_required=permission,
        service=service,
        form_class=form_class,
        template_name=template_name,
        confirm=DONE[name],
    )


workorder_dispatch = _step("dispatch")
workorder_start = _step("start")
workorder_finish = _step("finish")
workorder_verify = _step("verify")
workorder_reopen = _step("reopen")
workorder_close = _step("close")
workorder_cancel = _step("cancel")


@login_required
@permission_required("workorders.view_workorder", raise_exception=True)
def workorder_photo(request, pk):
    """Photos are served through the order's access check, never as public media."""
    photo = get_scoped_or_404(WorkOrderPhoto.objects.select_related("order"), request.user, pk=pk)
    if not WorkOrder.objects.visible_to(request.user).filter(pk=photo.order_id).exists():
        raise Http404
    return photo_response(photo.image)
