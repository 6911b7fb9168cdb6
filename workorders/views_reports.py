"""The technician's day, the rep's daily closing and the manager's completion check (a
week, or a month: the monthly 维修及时率 figures)."""

import datetime

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render
from django.utils.translation import gettext_lazy

from desk.clock import user_today
from desk.lists import ScopedFilterListView
from desk.models import Estate
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
    export_url_name = "workorders:daily_closing_export"
    export_filename = "daily-closing"
    export_title = gettext_lazy("Daily closing")
    export_related = ("resident",)  # the phone column

    def get_queryset(self):
        return selectors.daily_closing(self.request.user)

    def export_columns(self):
        return exports.order_columns(self.request.user)


def _period(request):
    """`?month=2026-03` is that month; else `?week=<any day>` is that day's week (Monday to
    Sunday); a missing or bad value is this week. Returns (monthly, start, end)."""
    month = _day(request.GET.get("month", "") + "-01")
    if month is not None:
        return True, *stats.month_bounds(month)
    today = user_today(request.user)
    return False, *stats.week_bounds(_day(request.GET.get("week", "")) or today)


def _day(text):
    """The date, or None for a bad one (and for one so far off that its weeks overflow)."""
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        return None
    return day if 1900 <= day.year <= 9000 else None


@login_required
@permission_required("workorders.view_completion_check", raise_exception=True)
def completion_check(request):
    monthly, start, end = _period(request)
    estates = list(Estate.objects.for_user(request.user))
    check = stats.completion_check(
        WorkOrder.objects.for_user(request.user), start, end, estates=estates
    )
    if monthly:
        previous = stats.month_bounds(start - datetime.timedelta(days=1))[0]
        query, pages = "month={:%Y-%m}", (previous, end)
    else:
        query, pages = "week={:%Y-%m-%d}", (start - datetime.timedelta(days=7), end)
    return render(
        request,
        "workorders/completion_check.html",
        {
            "check": check,
            "monthly": monthly,
            "period_query": query.format(start),
            "previous_query": query.format(pages[0]),
            "next_query": query.format(pages[1]),
            "last_day": end - datetime.timedelta(days=1),
        },
    )


@login_required
@permission_required("workorders.view_completion_check", raise_exception=True)
def completion_export(request):
    monthly, start, end = _period(request)
    orders = WorkOrder.objects.for_user(request.user)
    return exports.completion_xlsx(
        orders,
        start,
        end,
        estates=list(Estate.objects.for_user(request.user)),
        label=f"{start:%Y-%m}" if monthly else None,
    )
