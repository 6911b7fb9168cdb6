"""The complaints as Excel workbooks: the monthly analysis (no contact data) and the list."""

from django.utils.translation import gettext as _

from complaints.analysis import monthly_analysis
from complaints.models import Complaint
from desk.clock import local_time
from desk.exports import excel_time, xlsx_response
from desk.privacy import contact_for


def _label(choices, value):
    return dict(choices).get(value, value or "")


def _summary_rows(a):
    return [
        (_("Complaints received"), a.total),
        (_("Answered"), a.answered),
        (_("Answered in time"), a.answered_in_time),
        (_("Share answered in time (%)"), a.in_time_share),
        (_("Median minutes to first response"), a.response_median),
        (_("90th percentile minutes to first response"), a.response_p90),
        (_("Resolved"), a.resolved),
        (_("Median hours to resolution"), a.resolution_median_hours),
        (_("Average hours to resolution"), a.resolution_average_hours),
        (_("Return visits"), a.visited),
        (_("Average satisfaction"), a.satisfaction_average),
        (_("Not yet ruled"), a.unruled),
    ]


def monthly_analysis_xlsx(analysis, filename):
    a = analysis
    summary = _summary_rows(a)

    def counts(rows):
        return [(str(label), n) for _value, label, n in rows]

    def detail_rows():
        for r in a.rows:
            unit = f"{r['unit__building__number']}-{r['unit__number']}" if r["unit__number"] else ""
            responded = r["responded_at"]
            yield [
                r["number"],
                local_time(a.estate, r["received_at"]).strftime("%Y-%m-%d %H:%M"),
                unit,
                str(_label(Complaint.Channel.choices, r["channel"])),
                str(_label(Complaint.Category.choices, r["category"])),
                str(_label(Complaint.Status.choices, r["status"])),
                str(_label(Complaint.Validity.choices, r["validity"])),
                str(_label(Complaint.Severity.choices, r["severity"])),
                round((responded - r["received_at"]).total_seconds() / 60, 1)
                if responded
                else None,
                r["satisfaction"],
            ]

    count_headers = [_("Item"), _("Count")]
    sheets = [
        (_("Summary"), [_("Figure"), _("Value")], summary),
        (_("By category"), count_headers, counts(a.by_category)),
        (_("By kind"), count_headers, counts(a.by_kind)),
        (_("By channel"), count_headers, counts(a.by_channel)),
        (
            _("By validity"),
            count_headers,
            counts(a.by_validity) + counts(a.by_severity) + counts(a.by_invalid_kind),
        ),
        (_("Satisfaction"), [_("Score"), _("Count")], a.satisfaction_distribution),
        (_("Top units"), [_("Unit"), _("Count")], a.top_units),
        (
            _("Complaints"),
            [
                _("Number"),
                _("Received at"),
                _("Unit"),
                _("Channel"),
                _("Category"),
                _("Status"),
                _("Validity"),
                _("Severity"),
                _("Minutes to first response"),
                _("Satisfaction"),
            ],
            detail_rows(),
        ),
    ]
    return xlsx_response(filename, sheets)


def list_columns(user, now):
    """The complaint list's workbook: every complaint the filters select, phones masked for
    those who may not see them, times in the estate's zone."""

    def when(value, c):
        return excel_time(value, c.estate)

    return [
        (_("Number"), lambda c: c.number),
        (_("Estate"), lambda c: c.estate.display_name),
        (_("Received at"), lambda c: when(c.received_at, c)),
        (_("Channel"), lambda c: c.get_channel_display()),
        (_("Unit"), lambda c: c.unit.label if c.unit_id else _("Public area")),
        (_("Complainant"), lambda c: c.complainant_name),
        (_("Phone"), lambda c: contact_for(user, c.contact_phone)),
        (_("Category"), lambda c: c.get_category_display()),
        (_("About"), lambda c: c.subject),
        (_("What happened"), lambda c: c.description),
        (_("Status"), lambda c: c.get_status_display()),
        (_("First response due"), lambda c: when(c.first_response_due, c)),
        (_("Responded at"), lambda c: when(c.responded_at, c)),
        (_("Breached"), lambda c: _("yes") if c.is_breached(now) else _("no")),
        (_("Escalated"), lambda c: c.get_escalation_level_display() if c.escalation_level else ""),
        (_("Assignee"), lambda c: c.assignee.display_name if c.assignee_id else ""),
        (_("Ruling"), lambda c: c.ruling_display),
        (_("Resolved at"), lambda c: when(c.resolved_at, c)),
        (_("Satisfaction"), lambda c: c.satisfaction),
        (_("Closed at"), lambda c: when(c.closed_at, c)),
    ]


def monthly_report_sheet(sheet, *, estate, year, month):
    """The complaints analysis of the monthly statistics workbook (a desk.reports section):
    the month's figures, then the counts by category, kind, channel and validity."""
    a = monthly_analysis(estate, year, month)
    sheet.append([_("Figure"), _("Value")])
    for label, value in _summary_rows(a):
        sheet.append([str(label), value])
    for title, rows in [
        (_("By category"), a.by_category),
        (_("By kind"), a.by_kind),
        (_("By channel"), a.by_channel),
        (_("By validity"), a.by_validity + a.by_severity + a.by_invalid_kind),
    ]:
        sheet.append([])
        sheet.append([title, _("Count")])
        for _value, label, count in rows:
            sheet.append([str(label), count])


def monthly_summary(estate, year, month):
    """The complaints' targets on the workbook's Summary: from the same analysis as the
    monthly analysis page (`in_time_share`, the satisfaction average)."""
    from desk.reports import Target

    a = monthly_analysis(estate, year, month)
    share = None if a.in_time_share is None else a.in_time_share / 100
    return [
        Target(_("Complaints answered within 30 minutes"), share, 1.0),
        Target(
            _("Return-visit satisfaction (average of 5)"),
            a.satisfaction_average,
            None,
            percent=False,
        ),
    ]
