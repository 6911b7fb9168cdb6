"""Work orders as Excel workbooks: the completion check (figures, then every order of the
period) and the lists' columns."""

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from desk.exports import excel_time, xlsx_response
from desk.privacy import contact_for
from workorders import stats
from workorders.models import WorkOrder

FIGURE_HEADERS = [
    gettext_lazy("Group"),
    gettext_lazy("Orders"),
    gettext_lazy("Completed"),
    gettext_lazy("On time"),
    gettext_lazy("Completion rate (%)"),
    gettext_lazy("On-time rate (%)"),
]


def _figure_rows(figures):
    for f in figures:
        yield [
            str(f.label),
            f.total,
            f.completed,
            f.on_time,
            f.completion_rate,
            f.on_time_rate,
        ]


def order_columns(user=None):
    """[(header, cell)] of a work order's row in a workbook. With a `user`, the requester
    and their phone (masked unless the user may see contacts) are in it too."""
    columns = [
        (_("Number"), lambda o: o.number),
        (_("Estate"), lambda o: o.estate.display_name),
        (_("Unit"), lambda o: o.unit.label if o.unit_id else ""),
        (_("Place"), lambda o: o.location),
        (_("Source"), lambda o: o.get_source_display()),
        (_("Trade"), lambda o: o.get_trade_display()),
        (_("Department"), lambda o: o.get_department_display()),
        (_("Priority"), lambda o: o.get_priority_display()),
        (_("Status"), lambda o: o.get_status_display()),
        (_("Technician"), lambda o: o.assignee.display_name if o.assignee_id else ""),
        (_("Created at"), lambda o: excel_time(o.created_at, o.estate)),
        (_("Due at"), lambda o: excel_time(o.due_at, o.estate)),
        (_("Done at"), lambda o: excel_time(o.done_at, o.estate)),
        (_("On time"), lambda o: _("yes") if o.done_at and o.done_at <= o.due_at else _("no")),
        (_("Price (CNY)"), lambda o: o.price),
        (_("Satisfaction"), lambda o: o.satisfaction),
    ]
    if user is not None:
        columns[4:4] = [
            (_("Requested by"), lambda o: o.requested_by_name),
            (_("Phone"), lambda o: contact_for(user, o.contact_phone)),
        ]
    return columns


def _order_rows(orders, columns):
    for o in (
        orders.select_related("estate", "unit__building", "assignee", "resident")
        .order_by("created_at", "pk")
        .iterator(chunk_size=2000)
    ):
        yield [cell(o) for _header, cell in columns]


def completion_xlsx(orders, start, end, *, estates, label=None):
    """The completion figures of [start, end) and the orders counted; `label` names the file
    (the week's Monday by default, `2026-03` for a month)."""
    check = stats.completion_check(orders, start, end, estates=estates)
    overall = [
        stats.Figures(
            "", _("All"), check.overall.total, check.overall.completed, check.overall.on_time
        )
    ]
    columns = order_columns()
    return xlsx_response(
        f"work-orders-{label or f'{start:%Y-%m-%d}'}.xlsx",
        [
            (_("Summary"), FIGURE_HEADERS, _figure_rows(overall)),
            (_("By trade"), FIGURE_HEADERS, _figure_rows(check.by_trade)),
            (_("By department"), FIGURE_HEADERS, _figure_rows(check.by_department)),
            (
                _("Orders"),
                [header for header, _cell in columns],
                _order_rows(stats.period_orders(orders, start, end, estates=estates), columns),
            ),
        ],
    )


def monthly_report_sheet(sheet, *, estate, year, month):
    """The work-order completion of the monthly statistics workbook (a desk.reports
    section): all orders of the month, then by trade and by department."""
    start = datetime.date(year, month, 1)
    check = stats.completion_check(
        WorkOrder.objects.for_estate(estate), start, stats.month_bounds(start)[1], estates=[estate]
    )
    overall = stats.Figures(
        "", _("All"), check.overall.total, check.overall.completed, check.overall.on_time
    )
    sheet.append([str(header) for header in FIGURE_HEADERS])
    for row in _figure_rows([overall]):
        sheet.append(row)
    for title, figures in [
        (_("By trade"), check.by_trade),
        (_("By department"), check.by_department),
    ]:
        sheet.append([])
        sheet.append([title])
        for row in _figure_rows(figures):
            sheet.append(row)


def monthly_summary(estate, year, month):
    """The work orders' target on the workbook's Summary: the month's on-time rate, from the
    same completion check as the completion page."""
    from desk.reports import Target

    start = datetime.date(year, month, 1)
    check = stats.completion_check(
        WorkOrder.objects.for_estate(estate), start, stats.month_bounds(start)[1], estates=[estate]
    )
    rate = check.overall.on_time_rate
    return [
        Target(_("Work orders finished on time"), None if rate is None else float(rate) / 100, 1.0)
    ]
