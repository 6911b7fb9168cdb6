"""Work orders at the desk: the list, taking a call, the page, and each step of the flow."""

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from desk.errors import BusinessRuleError, IllegalTransition
from desk.lists import ScopedFilterListView
from desk.scoping import get_scoped_or_404
from workorders import selectors, services
from workorders.filters import WorkOrderFilter
from workorders.forms import (
    DispatchForm,
    FinishForm,
    FromComplaintForm,
    ReasonForm,
    VerifyForm,
    WorkOrderForm,
)
from workorders.models import WorkOrder, WorkOrderPhoto

RULE_ERRORS = (BusinessRuleError, IllegalTransition)


class WorkOrderListView(ScopedFilterListView):
    model = WorkOrder
    permission_required = "workorders.view_workorder"
    filterset_class = WorkOrderFilter
    template_name = "workorders/workorder_list.html"
    partial_template_name = "workorders/partials/workorder_rows.html"

    def get_queryset(self):
        return selectors.orders_for_list(self.request.user)


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
    form = FromComplaintForm(request.POST or None, initial={"description": complaint.description})
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
        },
    )


def _back(request, order):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("workorders:detail", pk=order.pk)


def _form_step(request, pk, *, form_class, template, act, done_message, form_kwargs=None):
    """A step with a form: show it (GET), or validate, call the service, redirect (POST)."""
    order = selectors.order_for_action(request.user, pk)
    extra = form_kwargs(order) if form_kwargs else {}
    form = form_class(request.POST or None, request.FILES or None, **extra)
    if request.method == "POST" and form.is_valid():
        try:
            order = act(order, form.cleaned_data)
        except RULE_ERRORS as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, done_message % {"number": order.number})
            return _back(request, order)
    return render(request, template, {"order": order, "form": form})


@login_required
@permission_required("workorders.dispatch_workorder", raise_exception=True)
def workorder_dispatch(request, pk):
    return _form_step(
        request,
        pk,
        form_class=DispatchForm,
        form_kwargs=lambda order: {"order": order},
        template="workorders/dispatch.html",
        done_message=_("%(number)s dispatched."),
        act=lambda order, data: services.workorder_dispatch(order=order, by=request.user, **data),
    )


@require_POST
@login_required
@permission_required("workorders.work_workorder", raise_exception=True)
def workorder_start(request, pk):
    order = selectors.order_for_action(request.user, pk)
    try:
        services.workorder_start(order=order, by=request.user)
    except RULE_ERRORS as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("%(number)s started.") % {"number": order.number})
    return _back(request, order)


@login_required
@permission_required("workorders.work_workorder", raise_exception=True)
def workorder_finish(request, pk):
    return _form_step(
        request,
        pk,
        form_class=FinishForm,
        template="workorders/finish.html",
        done_message=_("%(number)s done."),
        act=lambda order, data: services.workorder_finish(order=order, by=request.user, **data),
    )


@login_required
@permission_required("workorders.verify_workorder", raise_exception=True)
def workorder_verify(request, pk):
    return _form_step(
        request,
        pk,
        form_class=VerifyForm,
        template="workorders/verify.html",
        done_message=_("%(number)s checked with the resident."),
        act=lambda order, data: services.workorder_verify(order=order, by=request.user, **data),
    )


@login_required
@permission_required("workorders.verify_workorder", raise_exception=True)
def workorder_reopen(request, pk):
    return _form_step(
        request,
        pk,
        form_class=ReasonForm,
        template="workorders/reason.html",
        done_message=_("%(number)s reopened."),
        act=lambda order, data: services.workorder_reopen(order=order, by=request.user, **data),
    )


@require_POST
@login_required
@permission_required("workorders.verify_workorder", raise_exception=True)
def workorder_close(request, pk):
    order = selectors.order_for_action(request.user, pk)
    try:
        services.workorder_close(order=order, by=request.user)
    except RULE_ERRORS as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("%(number)s closed.") % {"number": order.number})
    return _back(request, order)


@login_required
@permission_required("workorders.cancel_workorder", raise_exception=True)
def workorder_cancel(request, pk):
    return _form_step(
        request,
        pk,
        form_class=ReasonForm,
        template="workorders/reason.html",
        done_message=_("%(number)s cancelled."),
        act=lambda order, data: services.workorder_cancel(order=order, by=request.user, **data),
    )


@login_required
@permission_required("workorders.view_workorder", raise_exception=True)
def workorder_photo(request, pk):
    """Photos are served through the order's access check, never as public media."""
    photo = get_scoped_or_404(WorkOrderPhoto.objects.select_related("order"), request.user, pk=pk)
    if not WorkOrder.objects.visible_to(request.user).filter(pk=photo.order_id).exists():
        raise Http404
    return FileResponse(photo.image.open("rb"))
