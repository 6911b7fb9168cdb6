"""Renovation in Excel: the lists' columns (the weekly report is renovation.weekly)."""

from django.utils.translation import gettext as _

from desk.exports import excel_time


def permit_columns():
    """[(header, cell)] of a permit's row. No resident contact: the applicant's name only."""
    return [
        (_("Number"), lambda p: p.number),
        (_("Estate"), lambda p: p.estate.name),
        (_("Unit"), lambda p: p.unit.label),
        (_("Applicant"), lambda p: p.applicant.name),
        (_("Applicant is"), lambda p: p.get_applicant_role_display()),
        (_("Contractor"), lambda p: p.contractor),
        (_("Contractor lead"), lambda p: p.contractor_lead),
        (_("Lead's phone"), lambda p: p.contractor_phone),
        (_("Workers"), lambda p: p.workers),
        (_("Scope"), lambda p: ", ".join(str(label) for label in p.scope_labels())),
        (_("Planned start"), lambda p: p.planned_start),
        (_("Planned end"), lambda p: p.planned_end),
        (_("Deposit (CNY)"), lambda p: p.deposit),
        (_("Fee (CNY)"), lambda p: p.fee),
        (_("Status"), lambda p: p.get_status_display()),
        (_("Applied at"), lambda p: excel_time(p.applied_at, p.estate)),
        (_("Decided at"), lambda p: excel_time(p.decided_at, p.estate)),
        (_("Deposit refunded (CNY)"), lambda p: p.refund),
        (_("Closed at"), lambda p: excel_time(p.closed_at, p.estate)),
    ]


def violation_columns():
    return [
        (_("Notice"), lambda v: v.notice_number),
        (_("Permit"), lambda v: v.permit.number),
        (_("Unit"), lambda v: v.permit.unit.label),
        (_("Violation"), lambda v: v.get_kind_display()),
        (_("Severity"), lambda v: v.get_severity_display()),
        (_("Description"), lambda v: v.description),
        (_("Status"), lambda v: v.get_status_display()),
        (_("Found at"), lambda v: excel_time(v.found_at, v.permit.estate)),
        (_("Found by"), lambda v: v.found_by.display_name if v.found_by_id else ""),
        (_("Rectify by"), lambda v: v.deadline),
        (_("Closed at"), lambda v: excel_time(v.closed_at, v.permit.estate)),
        (_("Work order"), lambda v: v.work_order.number if v.work_order_id else ""),
    ]
