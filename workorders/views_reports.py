"""The technician's day, the rep's daily closing and the manager's weekly completion check."""

import datetime

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render
from django.utils import timezone

from desk.lists import ScopedFilterListView
from workorders import exports, selectors, stats
from workorders.filters import DailyClosingFilter
from workorders.forms import FinishForm
from workorders.models import WorkOrder


@login_required
@permission_required("workorders.work_workorder", raise_exception=True)
def my_today(request):
    return render(
        request,
        "workorders/my_today.html",
        {"orders": selectors.my_today(request.user), "finish_form": FinishForm()},
    )


class DailyClosingView(ScopedFilterListView):
    model = WorkOrder
    permission_required = "workorders.view_daily_closing"
    filterset_class = DailyClosingFilter
    template_name = "workorders/daily_closing.html"
    partial_template_name = "workorders/partials/daily_closing_rows.html"

    def get_queryset(self):
        return selectors.daily_closing(self.request.user)


def _week(request):
    try:
        day = datetime.date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        day = timezone.localdate()
    return stats.week_bounds(day)


@login_required
@permission_required("workorders.view_completion_check", raise_exception=True)
def completion_check(request):
    start, end = _week(request)
    check = stats.completion_check(WorkOrder.objects.for_user(request.user), start, end)
    return render(
        request,
        "workorders/completion_check.html",
        {
            "check": check,
            "previous_week": start - datetime.timedelta(days=7),
            "next_week": end,
            "last_day": end - datetime.timedelta(days=1),
        },
    )


@login_required
@permission_required("workorders.view_completion_check", raise_exception=True)
def completion_export(request):
    start, end = _week(request)
    return exports.completion_xlsx(WorkOrder.objects.for_user(request.user), start, end)
