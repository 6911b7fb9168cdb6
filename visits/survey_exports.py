"""A survey's results as an Excel workbook: the return rate by building and area, each
question's average and distribution, the services against the last survey, the free text."""

from django.utils.translation import gettext as _

from desk.exports import excel_time, xlsx_response
from visits.models import SurveyQuestion


def _rate_rows(rows, total=None):
    for r in [*rows, *([total] if total else [])]:
        yield [
            r.label or _("Total"),
            r.whole,
            r.part,
            float(r.rate) if r.rate is not None else None,
        ]


def results_xlsx(results, filename):
    survey = results.survey
    rate_headers = [_("Where"), _("Sheets"), _("Answered"), _("Return rate (%)")]
    summary = [
        (_("Survey"), survey.title),
        (_("From"), survey.starts_on),
        (_("Until"), survey.ends_on),
        (_("Sheets"), results.total.whole),
        (_("Answered"), results.total.part),
        (_("On paper"), results.paper),
        (_("On the phone"), results.phone),
        (
            _("Return rate (%)"),
            float(results.total.rate) if results.total.rate is not None else None,
        ),
        (_("Target (%)"), float(results.target)),
        (_("Last survey"), results.previous.title if results.previous else ""),
        (
            _("Its return rate (%)"),
            float(results.previous_rate) if results.previous_rate is not None else None,
        ),
    ]

    def question_rows():
        for r in results.questions:
            q = r.question
            if q.kind == SurveyQuestion.Kind.SCORE:
                yield [
                    q.label,
                    q.get_kind_display(),
                    r.count,
                    float(r.average) if r.average is not None else None,
                    *[r.distribution[n] for n in (5, 4, 3, 2, 1)],
                    None,
                    None,
                ]
            elif q.kind == SurveyQuestion.Kind.YES_NO:
                yield [q.label, q.get_kind_display(), r.count, None, *[None] * 5, r.yes, r.no]

    def free_rows():
        for answer in results.free_texts:
            yield [
                answer.question.label,
                answer.text,
                answer.response.sheet.unit.label,
                answer.response.get_channel_display(),
                excel_time(answer.response.received_at, survey.estate),
            ]

    sheets = [
        (_("Summary"), [_("Figure"), _("Value")], summary),
        (_("By building"), rate_headers, _rate_rows(results.by_building, results.total)),
        (_("By area"), rate_headers, _rate_rows(results.by_area, results.total)),
        (
            _("Questions"),
            [
                _("Question"),
                _("Kind"),
                _("Answers"),
                _("Average"),
                "5",
                "4",
                "3",
                "2",
                "1",
                _("Yes"),
                _("No"),
            ],
            question_rows(),
        ),
        (
            _("Services"),
            [_("Service"), _("Average"), _("Answers"), _("Last survey's average")],
            [
                [
                    s.label,
                    float(s.average) if s.average is not None else None,
                    s.count,
                    float(s.last_average) if s.last_average is not None else None,
                ]
                for s in results.services
            ],
        ),
        (
            _("Free text"),
            [_("Question"), _("Answer"), _("Unit"), _("Channel"), _("Received at")],
            free_rows(),
        ),
    ]
    return xlsx_response(filename, sheets)
