"""Renovation at the desk: the lists, the application, the permit's page and each step."""

import datetime
from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from desk.clock import estate_today
from desk.errors import BusinessRuleError
from desk.lists import ScopedFilterListView
from desk.models import Estate
from desk.photos import photo_response
from desk.scoping import get_scoped_or_404
from desk.steps import StepView
from renovation import charges, exports, selectors, services, weekly
from renovation.filters import PermitFilter, ViolationFilter
from renovation.forms import (
    AcceptanceForm,
    ApproveForm,
    FollowUpForm,
    PatrolForm,
    PermitForm,
    ReasonForm,
    ViolationForm,
)
from renovation.models import PatrolPhoto, Permit, Violation
from tenants.selectors import looks_after_an_area

VIEW, APPROVE = "renovation.view_permit", "renovation.approve_permit"
PATROL, ACCEPT = "renovation.patrol_permit", "renovation.accept_permit"


class PermitListView(ScopedFilterListView):
    model = Permit
    permission_required = VIEW
    filterset_class = PermitFilter
    template_name = "renovation/permit_list.html"
    partial_template_name = "renovation/partials/permit_rows.html"
    export_url_name = "renovation:export"
    export_filename = "renovation-permits"
    export_title = gettext_lazy("Renovation permits")

    def get_queryset(self):
        return selectors.permits_for_list(self.request.user)

    def export_columns(self):
        return exports.permit_columns()


class ViolationListView(ScopedFilterListView):
    model = Violation
    permission_required = VIEW
    filterset_class = ViolationFilter
    template_name = "renovation/violation_list.html"
    partial_template_name = "renovation/partials/violation_rows.html"
    export_url_name = "renovation:violation_export"
    export_filename = "renovation-violations"
    export_title = gettext_lazy("Renovation violations")

    def get_queryset(self):
        return selectors.violations_for_list(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["overdue_ids"] = set(
            selectors.violations_for_list(self.request.user)
            .filter(selectors.overdue_q(self.request.user))
            .filter(pk__in=[v.pk for v in context["object_list"]])
            .values_list("pk", flat=True)
        )
        return context

    def export_columns(self):
        return exports.violation_columns()


@login_required
@permission_required("renovation.add_permit", raise_exception=True)
def permit_apply(request):
    form = PermitForm(
        request.POST or None,
        user=request.user,
        initial={"unit_label": request.GET.get("unit_label", "")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            permit = services.permit_apply(by=request.user, **form.service_kwargs())
        except BusinessRuleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Application %(number)s taken.") % {"number": permit})
            return redirect("renovation:detail", pk=permit.pk)
    return render(request, "renovation/permit_form.html", {"form": form})


@login_required
@permission_required(VIEW, raise_exception=True)
def permit_detail(request, pk):
    permit = selectors.permit_for_page(request.user, pk)
    today = estate_today(permit.estate)
    violations = list(permit.violations.all())
    return render(
        request,
        "renovation/permit_detail.html",
        {
            "permit": permit,
            "patrols": list(permit.patrols.all()),
            "violations": violations,
            "overdue_ids": {v.pk for v in violations if services.violation_is_overdue(v, today)},
            "acceptances": list(permit.acceptances.all()),
            "patrolled_today": any(p.day == today for p in permit.patrols.all()),
            "reason_form": ReasonForm(),
            "money": charges.money_state(permit),
            "money_pending": charges.money_pending(permit),
            "money_labels": {
                name: MONEY_CODES.get(code, "")
                for name, code in [
                    ("deposit", permit.deposit_charge),
                    ("fee", permit.fee_charge),
                    ("refund", permit.refund_charge),
                ]
            },
        },
    )


# What billing answered, as the permit's page says it (renovation.charges).
MONEY_CODES = {
    "charged": gettext_lazy("charged to the unit's account"),
    "already": gettext_lazy("charged to the unit's account"),
    "pending": gettext_lazy("on the unit's next bill"),
    "refunded": gettext_lazy("refund to pay out at the fee centre"),
    "refused": gettext_lazy("not taken by billing: ask again once fixed"),
    "unavailable": gettext_lazy("no billing here: taken by hand"),
}


class PermitStep(StepView):
    object_name = "permit"
    detail_url_name = "renovation:detail"

    def get_object(self):
        return selectors.permit_for_action(self.request.user, self.kwargs["pk"])


class ViolationStep(StepView):
    object_name = "violation"

    def get_object(self):
        return selectors.violation_for_action(self.request.user, self.kwargs["pk"])

    detail_url_name = "renovation:detail"  # the violation's permit

    def get_success_url(self, obj):
        return super().get_success_url(SimpleNamespace(pk=obj.permit_id))


def _patrol(*, permit, by, **data):
    checklist = {k[5:]: v == "ok" for k, v in data.items() if k.startswith("item_")}
    services.patrol_record(
        permit=permit, by=by, checklist=checklist, notes=data["notes"], photos=data["photos"]
    )
    return permit


def _violation(*, permit, by, **data):
    services.violation_record(permit=permit, by=by, **data)
    return permit


def _accept(*, permit, by, **data):
    checklist = {k[5:]: v == "ok" for k, v in data.items() if k.startswith("item_")}
    data = {k: v for k, v in data.items() if not k.startswith("item_")}
    services.acceptance_record(permit=permit, by=by, checklist=checklist, **data)
    return permit


permit_approve = PermitStep.as_view(
    permission_required=APPROVE,
    service=services.permit_approve,
    form_class=ApproveForm,
    template_name="renovation/approve.html",
    success_message=gettext_lazy("%(number)s approved: the unit is under renovation."),
)
permit_reject = PermitStep.as_view(
    permission_required=APPROVE,
    service=services.permit_reject,
    form_class=ReasonForm,
    template_name="renovation/reason.html",
    success_message=gettext_lazy("%(number)s rejected."),
    label=gettext_lazy("Reject the application"),
)
permit_patrol = PermitStep.as_view(
    permission_required=PATROL,
    service=_patrol,
    form_class=PatrolForm,
    template_name="renovation/patrol.html",
    success_message=gettext_lazy("Today's patrol of %(number)s recorded."),
)
violation_new = PermitStep.as_view(
    permission_required=PATROL,
    service=_violation,
    form_class=ViolationForm,
    template_name="renovation/violation_form.html",
    success_message=gettext_lazy("Violation recorded on %(number)s."),
)
permit_accept = PermitStep.as_view(
    permission_required=ACCEPT,
    service=_accept,
    form_class=AcceptanceForm,
    template_name="renovation/acceptance.html",
    success_message=gettext_lazy("Acceptance of %(number)s recorded."),
)
permit_money = PermitStep.as_view(
    permission_required=APPROVE,
    service=services.permit_money_retry,
    success_message=gettext_lazy("Billing was asked again for %(number)s."),
)
violation_follow_up = ViolationStep.as_view(
    permission_required=PATROL,
    service=services.violation_follow_up,
    form_class=FollowUpForm,
    template_name="renovation/follow_up.html",
    success_message=gettext_lazy("Follow-up of %(number)s recorded."),
)
violation_work_order = ViolationStep.as_view(
    permission_required=PATROL,
    service=services.violation_work_order,
    success_message=gettext_lazy("Work order opened for %(number)s."),
)


@login_required
@permission_required(PATROL, raise_exception=True)
def patrols_today(request):
    # A rep who looks after areas (or stands in for one) starts on them; "All" shows the rest.
    scope = request.GET.get("area")
    mine = scope == "mine" or (scope != "all" and looks_after_an_area(request.user))
    rows = selectors.patrols_due(request.user, areas_of=request.user if mine else None)
    return render(
        request,
        "renovation/today.html",
        {
            "mine": mine,
            "due": [row for row in rows if not row.patrolled_today],
            "done": [row for row in rows if row.patrolled_today],
            "missed": [row for row in rows if row.missed],
        },
    )


def _week_and_estate(request):
    estates = list(Estate.objects.for_user(request.user).order_by("name"))
    if not estates:
        raise Http404
    chosen = request.GET.get("estate", "")
    estate = next((e for e in estates if str(e.pk) == chosen), estates[0])
    try:
        monday = datetime.date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        monday = None
    if monday is None or not 2000 <= monday.year <= 2100:
        monday = weekly.last_saturday(estate)
    return estates, estate, monday


@login_required
@permission_required("renovation.view_weekly_report", raise_exception=True)
def weekly_report(request):
    estates, estate, monday = _week_and_estate(request)
    report = weekly.weekly_report(estate, monday)
    week = datetime.timedelta(days=7)
    return render(
        request,
        "renovation/weekly.html",
        {
            "report": report,
            "estates": estates,
            "figures": list(zip(weekly.FIGURES, weekly.figure_values(report), strict=True)),
            "kept": weekly.kept_workbook(estate, report.monday),
            "previous": report.monday - week,
            "next": report.monday + week,
        },
    )


@login_required
@permission_required("renovation.view_weekly_report", raise_exception=True)
def weekly_export(request):
    _estates, estate, monday = _week_and_estate(request)
    return weekly.weekly_xlsx(weekly.weekly_report(estate, monday))


@login_required
@permission_required(VIEW, raise_exception=True)
def patrol_photo(request, pk):
    """Photos are served through the permit's access check, never as public media."""
    photo = get_scoped_or_404(PatrolPhoto.objects.all(), request.user, pk=pk)
    return photo_response(photo.image)
