"""Billing's lists as Excel columns: [(header, cell)]."""

from django.utils.translation import gettext as _

from desk.exports import excel_time


def standard_columns():
    return [
        (_("Estate"), lambda s: s.estate.display_name),
        (_("Name"), lambda s: s.name),
        (_("Kind"), lambda s: s.get_kind_display()),
        (_("Payer"), lambda s: s.get_payer_display()),
        (_("Current rate (CNY)"), lambda s: s.rates.all()[0].rate if s.rates.all() else None),
        (_("Effective from"), lambda s: s.rates.all()[0].effective_from if s.rates.all() else None),
        (_("Vacant units pay"), lambda s: _("Yes") if s.vacant_pays else _("No")),
        (_("Vacant-unit discount (%)"), lambda s: s.vacant_discount),
        (_("Due day"), lambda s: s.due_day),
        (_("Late fee per day (%)"), lambda s: s.late_fee_daily_rate),
        (_("Grace days"), lambda s: s.late_fee_grace_days),
        (_("Active"), lambda s: _("Yes") if s.active else _("No")),
    ]


def bill_columns():
    return [
        (_("Estate"), lambda b: b.estate.display_name),
        (_("Unit"), lambda b: b.unit.label),
        (_("Month"), lambda b: b.period),
        (_("Kind"), lambda b: b.get_kind_display()),
        (_("Total (CNY)"), lambda b: b.total),
        (_("Open (CNY)"), lambda b: b.open_total),
    ]


def payment_columns():
    return [
        (_("Receipt number"), lambda p: p.number),
        (_("Estate"), lambda p: p.estate.display_name),
        (_("Unit"), lambda p: p.unit.label),
        (_("Day"), lambda p: p.business_date),
        (_("Taken at"), lambda p: excel_time(p.taken_at, p.estate)),
        (_("Method"), lambda p: p.get_method_display()),
        (_("Transaction reference"), lambda p: p.reference),
        (_("Amount (CNY)"), lambda p: p.amount),
        (_("Kept as prepaid (CNY)"), lambda p: p.prepaid),
        (_("Cashier"), lambda p: p.taken_by.display_name),
        (_("Reverses"), lambda p: p.reverses.number if p.reverses_id else ""),
    ]


def reversal_columns():
    return [
        (_("Receipt number"), lambda r: r.payment.number),
        (_("Unit"), lambda r: r.payment.unit.label),
        (_("Amount (CNY)"), lambda r: r.payment.amount),
        (_("Reason"), lambda r: r.reason),
        (_("Asked by"), lambda r: r.requested_by.display_name),
        (_("Asked at"), lambda r: excel_time(r.requested_at, r.estate)),
        (_("Status"), lambda r: r.get_status_display()),
    ]
