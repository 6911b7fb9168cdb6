"""Fee standards: the list a manager edits, and each standard's rates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from billing import exports, selectors
from billing.fee_services import STANDARD_FIELDS, rate_add, standard_save
from billing.filters import FeeStandardFilter
from billing.forms import FeeRateForm, FeeStandardForm
from billing.models import FeeStandard
from desk.errors import BusinessRuleError
from desk.lists import ScopedFilterListView
from desk.scoping import get_scoped_or_404

CHANGE = "billing.change_feestandard"


class FeeStandardListView(ScopedFilterListView):
    model = FeeStandard
    permission_required = "billing.view_feestandard"
    filterset_class = FeeStandardFilter
    template_name = "billing/standard_list.html"
    partial_template_name = "billing/partials/standard_rows.html"
    export_url_name = "billing:standard_export"
    export_filename = "fee-standards"
    export_title = gettext_lazy("Fee standards")

    def get_queryset(self):
        return selectors.standards_for_list(self.request.user)

    def export_columns(self):
        return exports.standard_columns()


@login_required
@permission_required(CHANGE, raise_exception=True)
def standard_edit(request, pk=None):
    standard = get_scoped_or_404(FeeStandard, request.user, pk=pk) if pk else None
    form = FeeStandardForm(request.POST or None, instance=standard, request=request)
    rate_form = FeeRateForm(request.POST or None, prefix="rate") if standard is None else None
    if request.method == "POST" and form.is_valid() and (rate_form is None or rate_form.is_valid()):
        data = {
            name: form.cleaned_data[name] for name in STANDARD_FIELDS if name in form.cleaned_data
        }
        try:
            saved = standard_save(
                estate=form.chosen_estate(), data=data, standard=standard, by=request.user
            )
            if rate_form is not None:
                rate_add(standard=saved, by=request.user, **rate_form.cleaned_data)
        except BusinessRuleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Fee standard %(name)s saved.") % {"name": saved})
            return redirect("billing:standard_list")
    return render(
        request,
        "billing/standard_form.html",
        {"form": form, "rate_form": rate_form, "standard": standard},
    )


@login_required
@permission_required(CHANGE, raise_exception=True)
def rate_new(request, pk):
    standard = get_scoped_or_404(FeeStandard.objects.select_related("estate"), request.user, pk=pk)
    form = FeeRateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rate_add(standard=standard, by=request.user, **form.cleaned_data)
        except BusinessRuleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("New rate of %(name)s saved.") % {"name": standard})
            return redirect("billing:standard_list")
    rates = standard.rates.order_by("-effective_from")
    return render(
        request, "billing/rate_form.html", {"form": form, "standard": standard, "rates": rates}
    )
