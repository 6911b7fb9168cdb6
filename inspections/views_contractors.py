"""The housekeeping supervisor's contractor scores: the contractors, each one's history of
monthly sheets and notices, a new sheet, and the history as a workbook."""

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from desk.clock import estate_today, user_today
from desk.errors import BusinessRuleError, IllegalTransition
from desk.exports import excel_time, xlsx_response
from desk.models import Estate
from desk.scoping import get_scoped_or_404
from inspections import contractors as services
from inspections.models import Contractor, Evaluation, RectificationNotice, RoundType

VIEW, SCORE = "inspections.view_contractor", "inspections.score_contractor"
CRITERIA_ROWS = 8


class ContractorForm(forms.Form):
    estate = forms.ModelChoiceField(label=gettext_lazy("Estate"), queryset=None)
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100)
    service = forms.ChoiceField(
        label=gettext_lazy("Service"),
        choices=[
            (t.value, t.label)
            for t in (RoundType.CLEANING, RoundType.GREENING, RoundType.PEST_CONTROL)
        ],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["estate"].queryset = Estate.objects.for_user(user)


class EvaluationForm(forms.Form):
    month = forms.CharField(
        label=gettext_lazy("Month"), widget=forms.DateInput(attrs={"type": "month"})
    )
    notes = forms.CharField(
        label=gettext_lazy("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_month(self):
        try:
            day = datetime.datetime.strptime(self.cleaned_data["month"], "%Y-%m").date()
        except ValueError as exc:
            raise forms.ValidationError(_("Give the month as YYYY-MM.")) from exc
        return day.year, day.month


class NoticeForm(forms.Form):
    problem = forms.CharField(
        label=gettext_lazy("Problem"), widget=forms.Textarea(attrs={"rows": 2})
    )
    deadline = forms.DateField(
        label=gettext_lazy("Deadline"), widget=forms.DateInput(attrs={"type": "date"})
    )


def _contractor(request, pk):
    return get_scoped_or_404(Contractor.objects.select_related("estate"), request.user, pk=pk)


def _latest(field):
    return Subquery(
        Evaluation.objects.filter(contractor=OuterRef("pk"))
        .order_by("-year", "-month")
        .values(field)[:1]
    )


@login_required
@permission_required(VIEW, raise_exception=True)
def contractor_list(request):
    form = ContractorForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if not request.user.has_perm(SCORE):
            raise PermissionDenied
        if form.is_valid():
            try:
                contractor = services.contractor_add(**form.cleaned_data)
            except BusinessRuleError as exc:
                form.add_error(None, str(exc))
            else:
                return redirect("inspections:contractor", pk=contractor.pk)
    rows = (
        Contractor.objects.for_user(request.user)
        .select_related("estate")
        .annotate(
            last_year=_latest("year"),
            last_month=_latest("month"),
            last_total=_latest("total"),
            open_notices=Count("notices", filter=Q(notices__closed_at__isnull=True)),
        )
    )
    return render(request, "inspections/contractor_list.html", {"contractors": rows, "form": form})


@login_required
@permission_required(VIEW, raise_exception=True)
def contractor_detail(request, pk):
    contractor = _contractor(request, pk)
    evaluations = contractor.evaluations.select_related("scored_by").prefetch_related("scores")
    notices = contractor.notices.select_related("issued_by", "closed_by").order_by(
        F("closed_at").desc(nulls_first=True), "deadline"
    )
    return render(
        request,
        "inspections/contractor_detail.html",
        {
            "contractor": contractor,
            "evaluations": evaluations,
            "notices": notices,
            "notice_form": NoticeForm(),
            "today": estate_today(contractor.estate),
        },
    )


@login_required
@permission_required(SCORE, raise_exception=True)
def evaluation_new(request, pk):
    contractor = _contractor(request, pk)
    today = estate_today(contractor.estate)
    criteria = services.criteria_for(contractor)
    rows = max(len(criteria), CRITERIA_ROWS)
    form = EvaluationForm(request.POST or None, initial={"month": f"{today:%Y-%m}"})
    lines = []
    for i in range(rows):
        criterion, weight = criteria[i] if i < len(criteria) else ("", "")
        lines.append(
            {
                "criterion": request.POST.get(f"criterion-{i}", criterion),
                "weight": request.POST.get(f"weight-{i}", weight),
                "score": request.POST.get(f"score-{i}", ""),
                "i": i,
            }
        )
    if request.method == "POST" and form.is_valid():
        year, month = form.cleaned_data["month"]
        try:
            scores = [
                (line["criterion"], int(line["weight"] or 0), int(line["score"] or 0))
                for line in lines
                if str(line["criterion"]).strip()
            ]
            services.evaluation_record(
                contractor=contractor,
                year=year,
                month=month,
                scores=scores,
                notes=form.cleaned_data["notes"],
                by=request.user,
            )
        except ValueError:
            form.add_error(None, _("Weights and scores are whole numbers."))
        except BusinessRuleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Score sheet saved."))
            return redirect("inspections:contractor", pk=contractor.pk)
    return render(
        request,
        "inspections/evaluation_form.html",
        {"contractor": contractor, "form": form, "lines": lines},
    )


@login_required
@permission_required(SCORE, raise_exception=True)
@require_POST
def notice_new(request, pk):
    contractor = _contractor(request, pk)
    form = NoticeForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for el in form.errors.values() for e in el))
    else:
        try:
            services.notice_issue(contractor=contractor, by=request.user, **form.cleaned_data)
        except BusinessRuleError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Rectification notice issued."))
    return redirect("inspections:contractor", pk=contractor.pk)


@login_required
@permission_required(SCORE, raise_exception=True)
@require_POST
def notice_close(request, pk):
    notice = get_scoped_or_404(RectificationNotice, request.user, pk=pk)
    try:
        services.notice_close(notice=notice, by=request.user)
    except IllegalTransition as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Notice closed."))
    return redirect("inspections:contractor", pk=notice.contractor_id)


@login_required
@permission_required(VIEW, raise_exception=True)
def evaluation_export(request):
    """Every score sheet of the user's contractors: one line per criterion."""
    evaluations = (
        Evaluation.objects.for_user(request.user)
        .select_related("contractor__estate", "scored_by")
        .prefetch_related("scores")
        .order_by("contractor__estate", "contractor__name", "year", "month")
    )
    headers = [
        _("Estate"),
        _("Contractor"),
        _("Month"),
        _("Criterion"),
        _("Weight (%)"),
        _("Score"),
        _("Total"),
        _("Scored by"),
        _("Scored at"),
        _("Notes"),
    ]

    def rows():
        for e in evaluations:
            for s in e.scores.all():
                yield [
                    e.contractor.estate.display_name,
                    e.contractor.name,
                    f"{e.year}-{e.month:02d}",
                    s.criterion,
                    s.weight,
                    s.score,
                    e.total,
                    e.scored_by.display_name,
                    excel_time(e.scored_at, e.contractor.estate),
                    e.notes,
                ]

    return xlsx_response(
        f"contractor-scores-{user_today(request.user):%Y-%m-%d}.xlsx",
        [(_("Contractor scores"), headers, rows())],
    )
