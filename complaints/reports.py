"""The supervisor's board, the daily summary and the monthly analysis (views)."""

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render
from django.utils import timezone

from complaints import selectors
from complaints.analysis import daily_summary, monthly_analysis
from complaints.exports import monthly_analysis_xlsx
from complaints.filters import ComplaintFilter
from complaints.forms import DayForm, MonthForm
from desk.clock import estate_today, user_today
from desk.models import Estate


@login_required
@permission_required("complaints.view_complaint_board", raise_exception=True)
def board(request):
    now = timezone.now()
    base = selectors.complaints_for_list(request.user)
    filterset = ComplaintFilter(request.GET or None, queryset=base, request=request)
    qs = filterset.qs if filterset.is_bound and filterset.is_valid() else base
    if filterset.is_bound and not filterset.is_valid():
        qs = base.none()
    sections = [
        (key, selectors.QUEUE_TITLES[key], rows, more)
        for key, rows, more in selectors.board_sections(qs, now)
    ]
    return render(
        request,
        "complaints/board.html",
        {
            "filter": filterset,
            "sections": sections,
            "now_ts": now,
        },
    )


def _default_estate(user):
    return Estate.objects.for_user(user).first()


@login_required
@permission_required("complaints.view_complaint_analysis", raise_exception=True)
def daily(request):
    estate = _default_estate(request.user)
    today = estate_today(estate) if estate else user_today(request.user)
    form = DayForm(
        request.GET or {"estate": estate.pk if estate else "", "day": today}, user=request.user
    )
    summary = None
    if form.is_valid():
        summary = daily_summary(form.cleaned_data["estate"], form.cleaned_data["day"])
        summary.complaints = list(
            selectors.complaints_for_list(request.user)
            .filter(pk__in=[r["pk"] for r in summary.rows])
            .order_by("received_at")
        )
    return render(
        request,
        "complaints/daily.html",
        {"form": form, "summary": summary, "now_ts": timezone.now()},
    )


def _month_analysis(request):
    estate = _default_estate(request.user)
    this_month = estate_today(estate) if estate else user_today(request.user)
    form = MonthForm(
        request.GET
        or {"estate": estate.pk if estate else "", "month": this_month.strftime("%Y-%m")},
        user=request.user,
    )
    if not form.is_valid():
        return form, None
    year, month = (int(part) for part in form.cleaned_data["month"].split("-"))
    return form, monthly_analysis(form.cleaned_data["estate"], year, month)


@login_required
@permission_required("complaints.view_complaint_analysis", raise_exception=True)
def monthly(request):
    form, analysis = _month_analysis(request)
    return render(request, "complaints/monthly.html", {"form": form, "analysis": analysis})


@login_required
@permission_required("complaints.view_complaint_analysis", raise_exception=True)
def monthly_export(request):
    form, analysis = _month_analysis(request)
    if analysis is None:
        return render(
            request, "complaints/monthly.html", {"form": form, "analysis": None}, status=400
        )
    month = form.cleaned_data["month"]
    return monthly_analysis_xlsx(analysis, f"complaints-{analysis.estate.code}-{month}.xlsx")
