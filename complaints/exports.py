"""The monthly complaint analysis as an Excel workbook (no contact data: nothing to mask)."""

from django.utils.translation import gettext as _

from complaints.clock import estate_time
from complaints.models import Complaint
from desk.exports import xlsx_response


def _label(choices, value):
    return dict(choices).get(value, value or "")


def monthly_analysis_xlsx(analysis, filename):
    a = analysis
    summary = [
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

    def counts(rows):
        return [(str(label), n) for _value, label, n in rows]

    def detail_rows():
        for r in a.rows:
            unit = f"{r['unit__building__number']}-{r['unit__number']}" if r["unit__number"] else ""
            responded = r["responded_at"]
            yield [
                r["number"],
                estate_time(r["received_at"], a.estate).strftime("%Y-%m-%d %H:%M"),
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
