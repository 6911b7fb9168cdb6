"""The weekly completion check as an Excel workbook (figures, then every order of the week)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from desk.exports import xlsx_response
from workorders import stats

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


def _local(value):
    return timezone.localtime(value).replace(tzinfo=None) if value else None


def _order_rows(orders):
    for o in (
        orders.select_related("estate", "unit__building", "assignee")
        .order_by("created_at", "pk")
        .iterator(chunk_size=2000)
    ):
        yield [
            o.number,
            o.estate.name,
            o.unit.label if o.unit_id else "",
            o.location,
            o.get_source_display(),
            o.get_trade_display(),
            o.get_department_display(),
            o.get_priority_display(),
            o.get_status_display(),
            o.assignee.display_name if o.assignee_id else "",
            _local(o.created_at),
            _local(o.due_at),
            _local(o.done_at),
            _("yes") if o.done_at and o.done_at <= o.due_at else _("no"),
            o.price,
            o.satisfaction,
        ]


def completion_xlsx(orders, start, end, *, label=None):
    """The completion figures of [start, end) and the orders counted; `label` names the file
    (the week's Monday by default, `2026-03` for a month)."""
    check = stats.completion_check(orders, start, end)
    overall = [
        stats.Figures(
            "", _("All"), check.overall.total, check.overall.completed, check.overall.on_time
        )
    ]
    order_headers = [
        _("Number"),
        _("Estate"),
        _("Unit"),
        _("Location"),
        _("Source"),
        _("Trade"),
        _("Department"),
        _("Priority"),
        _("Status"),
        _("Technician"),
        _("Created at"),
        _("Due at"),
        _("Done at"),
        _("On time"),
        _("Price (CNY)"),
        _("Satisfaction"),
    ]
    return xlsx_response(
        f"work-orders-{label or f'{start:%Y-%m-%d}'}.xlsx",
        [
            (_("Summary"), FIGURE_HEADERS, _figure_rows(overall)),
            (_("By trade"), FIGURE_HEADERS, _figure_rows(check.by_trade)),
            (_("By department"), FIGURE_HEADERS, _figure_rows(check.by_department)),
            (_("Orders"), order_headers, _order_rows(stats.period_orders(orders, start, end))),
        ],
    )
