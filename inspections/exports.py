"""Patrol rounds, findings, vacant units and contractor scores as Excel columns, and the
monthly workbook's patrol sheet."""

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q
from django.utils.translation import gettext as _

from desk.clock import month_bounds
from desk.exports import excel_time
from inspections.models import Finding, Round, RoundType


def _hours(delta):
    return round(delta.total_seconds() / 3600, 1) if delta is not None else None


def round_columns():
    return [
        (_("Estate"), lambda r: r.estate.display_name),
        (_("Round type"), lambda r: r.get_round_type_display()),
        (_("Place"), lambda r: r.place),
        (_("Patrolled by"), lambda r: r.by.display_name),
        (_("Started at"), lambda r: excel_time(r.started_at, r.estate)),
        (_("Submitted at"), lambda r: excel_time(r.submitted_at, r.estate)),
        (_("Status"), lambda r: r.get_status_display()),
        (_("Findings"), lambda r: r.finding_count),
        (_("Points missed"), lambda r: r.points_missed),
        (_("Points out of order"), lambda r: r.points_out_of_order),
        (_("Reviewed by"), lambda r: r.reviewed_by.display_name if r.reviewed_by_id else ""),
        (_("Reviewed at"), lambda r: excel_time(r.reviewed_at, r.estate)),
        (_("Review waited (hours)"), lambda r: _hours(r.review_wait)),
        (_("Review comment"), lambda r: r.review_comment),
    ]


def finding_columns():
    return [
        (_("Estate"), lambda f: f.estate.display_name),
        (_("Found at"), lambda f: excel_time(f.created_at, f.estate)),
        (_("Round type"), lambda f: f.round.get_round_type_display()),
        (_("Place"), lambda f: " · ".join(p for p in (f.round.place, f.location) if p)),
        (_("What was found"), lambda f: f.description),
        (_("Found by"), lambda f: f.created_by.display_name),
        (_("Status"), lambda f: f.get_status_display()),
        (_("Work order"), lambda f: f.work_order.number if f.work_order_id else ""),
    ]


def vacant_unit_columns():
    return [
        (_("Estate"), lambda u: u.estate.display_name),
        (_("Unit"), lambda u: u.label),
        (_("Last checked"), lambda u: excel_time(u.last_checked, u.estate)),
    ]


def monthly_report_sheet(sheet, *, estate, year, month):
    """The patrols of the month: rounds by type (done, with findings, reviewed, the average
    review wait), then the findings by status."""
    start, end = month_bounds(estate, year, month)
    rounds = Round.objects.submitted().filter(
        estate=estate, started_at__gte=start, started_at__lt=end
    )
    wait = ExpressionWrapper(F("reviewed_at") - F("submitted_at"), output_field=DurationField())
    by_type = {
        row["round_type"]: row
        for row in rounds.values("round_type").annotate(
            done=Count("pk"),
            with_findings=Count("pk", filter=Q(finding_count__gt=0)),
            reviewed=Count("pk", filter=Q(status=Round.Status.REVIEWED)),
            average_wait=Avg(wait),
        )
    }
    sheet.append([_("Patrols"), f"{year}-{month:02d}"])
    sheet.append(
        [
            _("Round type"),
            _("Rounds done"),
            _("With findings"),
            _("Reviewed"),
            _("Average review wait (hours)"),
        ]
    )
    for round_type in RoundType:
        row = by_type.get(round_type.value)
        if row is None:
            sheet.append([str(round_type.label), 0, 0, 0, None])
            continue
        sheet.append(
            [
                str(round_type.label),
                row["done"],
                row["with_findings"],
                row["reviewed"],
                _hours(row["average_wait"]),
            ]
        )
    sheet.append([])
    sheet.append([_("Findings"), _("Count")])
    findings = Finding.objects.filter(estate=estate, created_at__gte=start, created_at__lt=end)
    counts = dict(findings.values_list("status").annotate(n=Count("pk")))
    for status in Finding.Status:
        sheet.append([str(status.label), counts.get(status.value, 0)])
    sheet.append([_("Made into work orders"), findings.filter(work_order__isnull=False).count()])
