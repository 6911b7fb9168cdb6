"""The monthly workbook's Renovation sheet: the weekly report's figures for the month, the
same as the weekly page shows for a month whose activity falls in one week."""

import datetime

import pytest
from django.urls import reverse

from renovation import weekly
from tests.monthly_sheets import built_workbook, figures, sheet_rows
from tests.renovation.test_weekly import MONDAY, _on, week  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def test_the_sheet_shows_the_weekly_pages_figures_for_the_month(week, client_for, supervisor):  # noqa: F811
    first, second = week
    estate = first.estate
    with _on(5, 18):  # Saturday evening: March is counted until today, as the week is
        client = client_for(supervisor)
        page = client.get(reverse("renovation:weekly"), {"week": MONDAY.isoformat()})
        book = built_workbook(estate, 2027, 3)
    rows = sheet_rows(book, "Renovation")
    sheet = figures(rows)
    on_page = {str(label): value for label, value in page.context["figures"]}
    for label in weekly.FIGURES:
        assert sheet[str(label)] == on_page[str(label)], label
    # By hand (tests/renovation/test_weekly.py): three applications, two approved, both
    # active; 11 patrols due and 8 done; two violations, one major and still open; one
    # acceptance passed.
    assert (sheet["Applications"], sheet["Approved"], sheet["Permits active"]) == (3, 2, 2)
    assert (sheet["Patrols due"], sheet["Patrols done"]) == (11, 8)
    assert sheet["Patrol rate (%)"] == round(100 * 8 / 11, 1)
    assert (sheet["Violations found"], sheet["of them major"]) == (2, 1)
    assert (sheet["Rectifications open"], sheet["Rectifications closed"]) == (1, 0)
    assert sheet["Passed"] == 1
    header = next(i for i, row in enumerate(rows) if row and row[0] == "Number")
    permits = {row[0]: row[6:10] for row in rows[header + 1 :] if row}
    assert permits == {first.number: [6, 3, 2, 1], second.number: [5, 6, 0, 0]}


def test_a_month_counts_every_day_of_it(week):  # noqa: F811
    """After March, the first permit (still active) owes a patrol every day from the 1st
    to the 31st; the second closed on the 6th (due the 1st to the 5th)."""
    first, _second = week
    with _on(40):
        report = weekly.monthly_report(first.estate, 2027, 3)
    assert (report.monday, report.sunday, report.counted_until) == (
        datetime.date(2027, 3, 1),
        datetime.date(2027, 3, 31),
        datetime.date(2027, 3, 31),
    )
    assert (report.patrols_due, report.patrols_done) == (31 + 5, 3 + 5)
