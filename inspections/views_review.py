"""The supervisor's daily review: the queue, one round signed with a comment, several signed
together; the coverage of the days and how long the reviews waited."""

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from desk.clock import estate_today
from desk.errors import BusinessRuleError, IllegalTransition
from desk.lists import ScopedFilterListView
from desk.models import Estate
from desk.scoping import get_scoped_or_404
from inspections import coverage, exports, selectors, services
from inspections.filters import RoundFilter
from inspections.forms import ReviewForm
from inspections.models import Round

RULE_ERRORS = (BusinessRuleError, IllegalTransition)
REVIEW = "inspections.review_round"


class RoundListView(ScopedFilterListView):
    model = Round
    permission_required = "inspections.view_round"
    filterset_class = RoundFilter
    template_name = "inspections/round_list.html"
    partial_template_name = "inspections/partials/round_rows.html"
    export_url_name = "inspections:export"
    export_filename = "patrol-rounds"
    export_title = gettext_lazy("Patrol rounds")

    def get_queryset(self):
        return selectors.rounds_for_list(self.request.user)

    def export_columns(self):
        return exports.round_columns()


class ReviewQueueView(RoundListView):
    """Every round waiting for review, oldest first; those without findings signed together."""

    permission_required = REVIEW
    template_name = "inspections/review_queue.html"
    partial_template_name = "inspections/partials/queue_rows.html"
    export_url_name = ""

    def get_queryset(self):
        return selectors.review_queue(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["me"] = self.request.user.pk
        return context


@login_required
@permission_required(REVIEW, raise_exception=True)
@require_POST
def review(request, pk):
    round_ = get_scoped_or_404(Round.objects.select_related("estate"), request.user, pk=pk)
    form = ReviewForm(request.POST)
    form.is_valid()
    try:
        services.round_review(round=round_, by=request.user, comment=form.cleaned_data["comment"])
    except RULE_ERRORS as exc:
        messages.error(request, str(exc))
        return redirect("inspections:round", pk=pk)
    messages.success(request, _("Round reviewed and signed."))
    return redirect("inspections:review_queue")


@login_required
@permission_required(REVIEW, raise_exception=True)
@require_POST
def sign(request):
    ids = [value for value in request.POST.getlist("rounds") if value.isdigit()]
    rounds = list(Round.objects.for_user(request.user).filter(pk__in=ids))
    try:
        if len(rounds) != len(set(ids)):
            raise BusinessRuleError(_("Some of these rounds do not exist."))
        count = services.rounds_sign(rounds=rounds, by=request.user)
    except RULE_ERRORS as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("%(count)d rounds signed.") % {"count": count})
    return redirect("inspections:review_queue")


class CoverageForm(forms.Form):
    estate = forms.ModelChoiceField(label=gettext_lazy("Estate"), queryset=None, required=False)
    first = forms.DateField(
        label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    last = forms.DateField(
        label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    MAX_DAYS = 31

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["estate"].queryset = Estate.objects.for_user(user)
        self.fields["estate"].empty_label = None

    def period(self):
        """(estate, first, last): the last 7 days of the estate by default, at most 31."""
        data = self.cleaned_data if self.is_valid() else {}
        estate = data.get("estate") or self.fields["estate"].queryset.first()
        if estate is None:
            return None, None, None
        today = estate_today(estate)
        last = data.get("last") or today
        first = data.get("first") or last - datetime.timedelta(days=6)
        if first > last:
            first, last = last, first
        first = max(first, last - datetime.timedelta(days=self.MAX_DAYS - 1))
        return estate, first, last


@login_required
@permission_required("inspections.view_coverage", raise_exception=True)
def coverage_page(request):
    form = CoverageForm(request.GET or None, user=request.user)
    estate, first, last = form.period()
    result = coverage.estate_coverage(estate, first, last) if estate else None
    return render(
        request,
        "inspections/coverage.html",
        {"form": form, "estate": estate, "coverage": result, "first": first, "last": last},
    )
