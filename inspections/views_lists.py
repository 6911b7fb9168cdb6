"""The lists behind the panels: findings (non-conformities) until verified, the vacant
units' register with their last check."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import F
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from desk.errors import BusinessRuleError, IllegalTransition
from desk.lists import ScopedFilterListView
from inspections import exports, selectors, services
from inspections.filters import FindingFilter, VacantUnitFilter
from inspections.models import Finding
from tenants.models import Unit


class FindingListView(ScopedFilterListView):
    model = Finding
    permission_required = "inspections.view_finding"
    filterset_class = FindingFilter
    template_name = "inspections/finding_list.html"
    partial_template_name = "inspections/partials/finding_rows.html"
    export_url_name = "inspections:finding_export"
    export_filename = "patrol-findings"
    export_title = gettext_lazy("Findings")

    def get_queryset(self):
        return selectors.findings_for_list(self.request.user)

    def export_columns(self):
        return exports.finding_columns()


def _finding_step(service):
    @login_required
    @permission_required("inspections.change_finding", raise_exception=True)
    @require_POST
    def step(request, pk):
        finding = selectors.finding_for_page(request.user, pk)
        try:
            service(finding=finding, by=request.user)
        except (BusinessRuleError, IllegalTransition) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Finding updated."))
        target = request.POST.get("next", "")
        if target.startswith("/") and not target.startswith("//"):
            return redirect(target)
        return redirect(reverse("inspections:round", args=[finding.round_id]) + f"#finding-{pk}")

    return step


finding_correct = _finding_step(services.finding_correct)
finding_verify = _finding_step(services.finding_verify)


class VacantUnitListView(ScopedFilterListView):
    model = Unit
    permission_required = "inspections.patrol_round"
    filterset_class = VacantUnitFilter
    template_name = "inspections/vacant_units.html"
    partial_template_name = "inspections/partials/vacant_rows.html"
    export_url_name = "inspections:vacant_export"
    export_filename = "vacant-units"
    export_title = gettext_lazy("Vacant units")

    def get_queryset(self):
        # Never checked first, then the longest unchecked.
        return selectors.vacant_units(self.request.user).order_by(
            F("last_checked").asc(nulls_first=True), "building__sort_key", "sort_key", "pk"
        )

    def export_columns(self):
        return exports.vacant_unit_columns()
