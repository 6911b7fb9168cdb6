"""Patrol rounds, findings, vacant units and contractor scores as Excel columns, and the
monthly workbook's Patrols and Contractors sheets and Summary targets."""

import datetime
from dataclasses import dataclass

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from desk.clock import estate_today, month_bounds
from desk.exports import excel_time
from desk.reports import Target, percent, share
from inspections import coverage
from inspections.models import (
    Contractor,
    Evaluation,
    Finding,
    Round,
    RoundType,
)
from inspections.services import review_due


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


def _month_days(estate, year, month):
    """The month's first day and its last counted one (today, in a month under way); None
    for the last in a month not begun."""
    first = datetime.date(year, month, 1)
    last = datetime.date(year + (month == 12), month % 12 + 1, 1) - datetime.timedelta(days=1)
    last = min(last, estate_today(estate))
    return first, (last if last >= first else None)


@dataclass
class Reviews:
    """The month's submitted rounds and their reviews against the target (signed by the end
    of the day after the submission: `inspections.services.review_due`)."""

    submitted: int = 0
    on_time: int = 0
    late: int = 0
    overdue: int = 0  # not reviewed, past its due time
    not_yet_due: int = 0

    @property
    def timeliness(self):
        return share(self.on_time, self.on_time + self.late + self.overdue)


def month_reviews(estate, year, month) -> Reviews:
    """One query: the month's submitted rounds' times, each against its due time."""
    start, end = month_bounds(estate, year, month)
    now = timezone.now()
    reviews = Reviews()
    rounds = (
        Round.objects.submitted()
        .filter(estate=estate, submitted_at__gte=start, submitted_at__lt=end)
        .only("pk", "estate_id", "submitted_at", "reviewed_at")
        .order_by()
    )
    for round_ in rounds.iterator(chunk_size=2000):
        round_.estate = estate
        due = review_due(round_)
        reviews.submitted += 1
        if round_.reviewed_at is None:
            if due < now:
                reviews.overdue += 1
            else:
                reviews.not_yet_due += 1
        elif round_.reviewed_at <= due:
            reviews.on_time += 1
        else:
            reviews.late += 1
    return reviews


def month_coverage(estate, year, month):
    """The coverage page's figures for the month (to today in a month under way)."""
    first, last = _month_days(estate, year, month)
    return coverage.estate_coverage(estate, first, last) if last else None


def coverage_share(result):
    """Rounds done of the rounds required (each cell's done up to its requirement)."""
    if result is None:
        return None
    cells = [cell for line in result.daily + result.weekly for cell in line.cells]
    required = sum(cell.required for cell in cells)
    return share(required - sum(cell.gap for cell in cells), required)


def _line_label(line):
    label = str(line.round_type_label)
    return f"{label} · {line.building}" if line.building else label


def monthly_report_sheet(sheet, *, estate, year, month):
    """The patrols of the month: the coverage of the estate's rules (required, done, missing),
    the rounds by type (done, with findings, reviewed, the average review wait), the reviews
    against their target, then the findings by status."""
    start, end = month_bounds(estate, year, month)
    result = month_coverage(estate, year, month)
    sheet.append(
        [
            _("Round type"),
            _("Rounds required"),
            _("Rounds done"),
            _("Rounds missing"),
            _("Coverage"),
            _("Counted per"),
        ]
    )
    lines = [] if result is None else [(line, _("every day")) for line in result.daily]
    lines += [] if result is None else [(line, _("every week")) for line in result.weekly]
    for line, period in lines:
        required = sum(cell.required for cell in line.cells)
        sheet.append(
            [
                _line_label(line),
                required,
                required - line.gaps,
                line.gaps,
                percent(share(required - line.gaps, required)),
                period,
            ]
        )
    sheet.append(
        [
            _("All"),
            None,
            None,
            None if result is None else result.gaps,
            percent(coverage_share(result)),
            None,
        ]
    )
    sheet.append([])
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
    reviews = month_reviews(estate, year, month)
    sheet.append([])
    sheet.append([_("Reviews"), _("Count")])
    sheet.append([_("Rounds submitted"), reviews.submitted])
    sheet.append([_("Reviewed by the end of the next day"), reviews.on_time])
    sheet.append([_("Reviewed later"), reviews.late])
    sheet.append([_("Waiting past the end of the next day"), reviews.overdue])
    sheet.append([_("Waiting, not yet due"), reviews.not_yet_due])
    sheet.append([_("Review timeliness"), percent(reviews.timeliness)])
    sheet.append([])
    sheet.append([_("Findings"), _("Count")])
    findings = Finding.objects.filter(estate=estate, created_at__gte=start, created_at__lt=end)
    counts = dict(findings.values_list("status").annotate(n=Count("pk")))
    for status in Finding.Status:
        sheet.append([str(status.label), counts.get(status.value, 0)])
    sheet.append([_("Made into work orders"), findings.filter(work_order__isnull=False).count()])


def monthly_summary(estate, year, month):
    """The patrols' targets on the workbook's Summary (DOMAIN.md): every required round done
    (the coverage page's figures) and every round reviewed by the end of the next day."""
    return [
        Target(_("Patrol coverage"), coverage_share(month_coverage(estate, year, month)), 1.0),
        Target(
            _("Patrol reviews by the end of the next day"),
            month_reviews(estate, year, month).timeliness,
            1.0,
        ),
    ]


def month_contractors(estate, year, month):
    """The estate's contractors with the month's score sheet (total, scorer) and their
    rectification notices: issued in the month, put right in it, open at its end (one
    query). A contractor no longer active shows while it was scored or had notices."""
    start, end = month_bounds(estate, year, month)
    sheet = Evaluation.objects.filter(contractor=OuterRef("pk"), year=year, month=month)
    last_day = datetime.date(year + (month == 12), month % 12 + 1, 1) - datetime.timedelta(days=1)
    return list(
        Contractor.objects.filter(estate=estate)
        .annotate(
            score=Subquery(sheet.values("total")[:1]),
            issued=Count(
                "notices", filter=Q(notices__issued_at__gte=start, notices__issued_at__lt=end)
            ),
            closed=Count(
                "notices", filter=Q(notices__closed_at__gte=start, notices__closed_at__lt=end)
            ),
            open_at_end=Count(
                "notices",
                filter=Q(notices__issued_at__lt=end)
                & (Q(notices__closed_at__isnull=True) | Q(notices__closed_at__gte=end)),
            ),
            past_deadline=Count(
                "notices",
                filter=Q(notices__issued_at__lt=end, notices__deadline__lt=last_day)
                & (Q(notices__closed_at__isnull=True) | Q(notices__closed_at__gte=end)),
            ),
        )
        .filter(Q(active=True) | Q(score__isnull=False) | Q(issued__gt=0) | Q(open_at_end__gt=0))
        .order_by("name")
    )


def contractors_report_sheet(sheet, *, estate, year, month):
    """The Contractors sheet: each contractor's score of the month (out of 100) and its
    rectification notices."""
    sheet.append(
        [
            _("Contractor"),
            _("Contracted service"),
            _("Score of the month"),
            _("Notices issued"),
            _("Notices put right"),
            _("Open at the month's end"),
            _("Of them past their deadline"),
        ]
    )
    rows = month_contractors(estate, year, month)
    for c in rows:
        sheet.append(
            [
                c.name,
                c.get_service_display(),
                c.score,
                c.issued,
                c.closed,
                c.open_at_end,
                c.past_deadline,
            ]
        )
    scores = [c.score for c in rows if c.score is not None]
    sheet.append(
        [
            _("All"),
            None,
            round(sum(scores) / len(scores), 1) if scores else None,
            sum(c.issued for c in rows),
            sum(c.closed for c in rows),
            sum(c.open_at_end for c in rows),
            sum(c.past_deadline for c in rows),
        ]
    )
