"""The visits' sheet of the monthly statistics workbook (desk/reports.py): the month's
visits by kind, the opinions handled (against 100%), the half-year visit plan so far and
the return rate of the surveys open in the month; the Summary gets the handling rate, the
director's half-year visit rate and the latest survey's return rate, from the same
selectors as the pages."""

import datetime

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from desk.clock import month_bounds
from desk.reports import Target, percent, share
from visits import rates
from visits.models import Survey, Visit
from visits.survey_results import return_target, survey_counts


def _month_days(year, month):
    first = datetime.date(year, month, 1)
    return first, (first + datetime.timedelta(days=32)).replace(day=1)


def _surveys_of_month(estate, year, month):
    first, end = _month_days(year, month)
    return list(
        Survey.objects.filter(estate=estate, starts_on__lt=end, ends_on__gte=first).order_by(
            "starts_on", "pk"
        )
    )


def _handling(estate, year, month):
    _rows, total = rates.handling_rates(estate, year, month, no_area_label=_("In no area"))
    return _rows, total


def _director_row(estate, year, month):
    plan = rates.half_year_plan(
        estate,
        *rates.half_of(datetime.date(year, month, 1)),
        estate_label=_("Director: every household"),
        no_area_label=_("In no area"),
    )
    return plan


def monthly_report_sheet(sheet, *, estate, year, month):
    start, end = month_bounds(estate, year, month)
    visits = Visit.objects.filter(estate=estate, at__gte=start, at__lt=end)
    counts = visits.aggregate(total=Count("pk"), met=Count("pk", filter=Q(met__isnull=False)))
    by_kind = dict(visits.values_list("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    sheet.append([_("Figure"), _("Value")])
    sheet.append([_("Visits"), counts["total"]])
    sheet.append([_("Visits where someone was met"), counts["met"]])
    for value, label in Visit.Kind.choices:
        sheet.append([str(label), by_kind.get(value, 0)])

    rows, total = _handling(estate, year, month)
    sheet.append([])
    sheet.append(
        [_("Opinions handled"), _("Raised"), _("Handled"), _("Overdue"), _("Handling rate")]
    )
    for row in [*rows, total]:
        sheet.append(
            [
                row.label or _("Total"),
                row.whole,
                row.part,
                row.overdue,
                percent(share(row.part, row.whole)),
            ]
        )

    sheet.append([])
    sheet.append([_("Half-year visit plan"), _("Households due"), _("Visited"), _("Visit rate")])
    for row in _director_row(estate, year, month):
        sheet.append([row.label, row.whole, row.part, percent(share(row.part, row.whole))])

    sheet.append([])
    sheet.append([_("Surveys"), _("Sheets"), _("Answered"), _("Return rate")])
    for survey in _surveys_of_month(estate, year, month):
        sheets, answered = survey_counts(survey)
        sheet.append([survey.title, sheets, answered, percent(share(answered, sheets))])


def monthly_summary(estate, year, month):
    _rows, total = _handling(estate, year, month)
    director = _director_row(estate, year, month)[0]
    targets = [
        Target(_("Opinions raised on visits answered"), share(total.part, total.whole), 1.0),
        Target(
            _("Households visited by the director this half-year"),
            share(director.part, director.whole),
            float(director.target) / 100,
        ),
    ]
    surveys = _surveys_of_month(estate, year, month)
    if surveys:
        sheets, answered = survey_counts(surveys[-1])
        targets.append(
            Target(
                _("Survey return rate"),
                share(answered, sheets),
                float(return_target(estate)) / 100,
            )
        )
    return targets
