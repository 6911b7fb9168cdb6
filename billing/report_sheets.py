"""Billing's sections of the monthly statistics workbook (desk/reports.py): the Fees sheet
(the collection statistics of the month), the Arrears sheet (the receivable-unpaid list),
the Summary's collection targets and the 12-month collection trend.

Every figure comes from the selectors of the fee centre's own pages (billing/arrears.py):
the Fees sheet is the collection statistics page of the estate's month, the Arrears sheet
its receivable-unpaid list, so a manager reads the same numbers in both.
"""

import datetime

from django.utils.translation import gettext as _

from billing.arrears import (
    BUCKETS,
    Figures,
    collection_statistics,
    monthly_trend,
    months_back,
    units_in_arrears,
)
from billing.figures import cached_figures
from billing.models import BillLine, FeeKind, Reason, Stage
from billing.models.fees import METERED
from desk.clock import estate_today
from desk.reports import Target, money, percent

UTILITIES = METERED
SERVICES = (FeeKind.FIXED, FeeKind.ONE_OFF)
TREND_MONTHS = 12


def _lines(estate):
    return BillLine.objects.filter(estate=estate)


def month_statistics(estate, year, month):
    """The month's collection statistics of the estate, as the statistics page reads them
    (period "month", the estate, no building): read once for the Summary and the Fees
    sheet, and shared with the page, under the figures' version (billing/figures.py)."""
    return cached_figures(
        ("statistics", estate.pk, "", year, month, month),
        lambda: collection_statistics(
            _lines(estate), year=year, first_month=month, last_month=month, estate=estate
        ),
    )


def _share(rate):
    """A rate of the page (a Decimal percentage, 0.1 precise) as the sheet's 0..1 share."""
    return None if rate is None else float(rate / 100)


def _figure_row(f, label):
    return [
        label,
        money(f.receivable),
        money(f.collected),
        percent(_share(f.rate)),
        percent(_share(f.target)),
        "" if f.rate is None else (_("yes") if f.on_target else _("no")),
        money(f.arrears),
        money(f.recovered),
        percent(_share(f.recovery_rate)),
    ]


def fees_sheet(sheet, *, estate, year, month):
    """The Fees sheet: receivable, collected, the current-period rate (当期收缴率) against
    its target and the arrears recovery rate (清欠率), by fee kind, then by building, then
    each building's fee kinds."""
    stats = month_statistics(estate, year, month)
    sheet.append(
        [
            _("Fee kind / building"),
            _("Receivable (CNY)"),
            _("Collected (CNY)"),
            _("Current-period collection rate"),
            _("Target"),
            _("On target"),
            _("Arrears brought forward (CNY)"),
            _("Recovered (CNY)"),
            _("Arrears recovery rate"),
        ]
    )
    for f in stats.by_kind:
        sheet.append(_figure_row(f, str(f.label)))
    sheet.append(_figure_row(stats.total, _("Total")))
    sheet.append([])
    sheet.append([_("By building")])
    for b in stats.by_building:
        sheet.append(_figure_row(b, _("Building %(number)s") % {"number": b.label}))
    sheet.append([])
    sheet.append([_("By building and fee kind")])
    order = {kind: index for index, kind in enumerate(FeeKind.values)}
    for b in stats.by_building:
        for kind, f in sorted(b.by_kind.items(), key=lambda item: order.get(item[0], 99)):
            label = FeeKind(kind).label if kind in FeeKind.values else kind
            sheet.append(
                _figure_row(
                    f, _("Building %(number)s · %(kind)s") % {"number": b.label, "kind": label}
                )
            )


def aged_on(estate, year, month) -> datetime.date:
    """The day the Arrears sheet ages the open amounts at: the month's last day, or today
    while the month is not over."""
    last = datetime.date(year + (month == 12), month % 12 + 1, 1) - datetime.timedelta(days=1)
    return min(last, estate_today(estate))


def arrears_units(estate, day):
    """The receivable-unpaid list of the estate on `day`, in the page's order."""
    from tenants.models import Unit

    return (
        units_in_arrears(Unit.objects.filter(estate=estate), day)
        .select_related("building")
        .order_by("-arrears", "pk")
    )


def arrears_sheet(sheet, *, estate, year, month):
    """The Arrears sheet (应收未收明细): every unit that owes something due, its open amounts
    by age, the ladder's stage, and the reason and expected payment date the last visit
    heard; streamed from the database, then a total row."""
    day = aged_on(estate, year, month)
    keys = [key for key, *_rest in BUCKETS]
    sheet.append(
        [
            _("Building"),
            _("Unit"),
            *[str(label) for _key, label, *_rest in BUCKETS],
            _("Total (CNY)"),
            _("Stage"),
            _("Reason for non-payment"),
            _("Expected payment date"),
        ]
    )
    totals = dict.fromkeys([*keys, "arrears"], 0)
    count = 0
    for unit in arrears_units(estate, day).iterator(chunk_size=2000):
        count += 1
        for key in totals:
            totals[key] += getattr(unit, key)
        sheet.append(
            [
                unit.building.number,
                unit.label,
                *[money(getattr(unit, key)) for key in keys],
                money(unit.arrears),
                str(Stage(unit.stage).label) if unit.stage else "",
                str(Reason(unit.reason).label) if unit.reason else "",
                unit.expected_on,
            ]
        )
    sheet.append([])
    sheet.append(
        [
            _("Total"),
            _("%(count)d units") % {"count": count},
            *[money(totals[key]) for key in keys],
            money(totals["arrears"]),
        ]
    )
    sheet.append([_("Aged on %(day)s; amounts open when built.") % {"day": day.isoformat()}])


def _group(stats, kinds) -> Figures:
    group = Figures()
    for f in stats.by_kind:
        if f.kind in kinds:
            group.add(f)
    return group


def summary(estate, year, month):
    """The Summary's collection targets (DOMAIN.md): the property fee at least 95%,
    utilities and the other fees and paid services 100%, and the arrears recovery rate,
    from the month's collection statistics."""
    stats = month_statistics(estate, year, month)
    prop = _group(stats, (FeeKind.PROPERTY,))
    return [
        Target(_("Property-fee collection rate"), _share(prop.rate), 0.95),
        Target(_("Utilities collection rate"), _share(_group(stats, UTILITIES).rate), 1.0),
        Target(
            _("Other fees and paid services collection rate"),
            _share(_group(stats, SERVICES).rate),
            1.0,
        ),
        Target(_("Arrears recovery rate"), _share(stats.total.recovery_rate), None),
    ]


def trend(estate, year, month):
    """The property fee's current-period rate of the twelve months ending with this one, as
    the manager's home charts it (`monthly_trend`); no rate for a month with nothing billed."""
    figures = monthly_trend(_lines(estate), year=year, month=month, months=TREND_MONTHS)
    rates = {f.label: f.rate for f in figures.get(estate.pk, [])}
    labels = [f"{y}-{m + 1:02d}" for y, m in months_back(year, month, TREND_MONTHS)]
    return [(label, _share(rates.get(label))) for label in labels]
