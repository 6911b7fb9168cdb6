"""The monthly statistics workbook's sections: registered by the apps, collected in order,
each writing its sheet from the app's selectors."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from desk import reports
from tests.factories import ComplaintFactory, WorkOrderFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")


class Sheet:
    """What a section writes to: rows appended, as to an openpyxl write-only sheet."""

    def __init__(self):
        self.rows = []

    def append(self, row):
        self.rows.append(list(row))


def test_the_apps_register_their_sections_in_order():
    assert [(s.name, str(s.title)) for s in reports.report_sections()] == [
        ("billing.fees", "Fees"),
        ("billing.arrears", "Arrears"),
        ("complaints.analysis", "Complaints"),
        ("workorders.completion", "Work orders"),
        ("renovation.status", "Renovation"),
        ("frontdesk.log", "Front desk"),
        ("mailroom.mail", "Mail"),
        ("visits.visits", "Visits"),
        ("inspections.patrols", "Patrols"),
        ("inspections.contractors", "Contractors"),
    ]


def test_a_new_section_takes_its_place_by_order_and_replaces_one_of_its_name(monkeypatch):
    monkeypatch.setattr(reports, "_sections", dict(reports._sections))

    def write(sheet, *, estate, year, month):
        sheet.append([estate, year, month])

    reports.register_report_section("billing.collection", title="Fees", write=write, order=10)
    reports.register_report_section("billing.collection", title="Fees", write=write, order=25)

    assert [s.name for s in reports.report_sections()] == [
        "billing.fees",
        "billing.arrears",
        "complaints.analysis",
        "billing.collection",
        "workorders.completion",
        "renovation.status",
        "frontdesk.log",
        "mailroom.mail",
        "visits.visits",
        "inspections.patrols",
        "inspections.contractors",
    ]


@pytest.mark.django_db
def test_the_sections_write_the_months_figures(estate, unit):
    in_march = datetime(2026, 3, 10, 9, 0, tzinfo=SHANGHAI)
    ComplaintFactory(unit=unit, received_at=in_march)
    WorkOrderFactory(unit=unit, created_at=in_march)
    WorkOrderFactory(unit=unit, created_at=datetime(2026, 4, 2, 9, 0, tzinfo=SHANGHAI))

    sheets = {}
    for section in reports.report_sections():
        sheets[section.name] = sheet = Sheet()
        section.write(sheet, estate=estate, year=2026, month=3)

    complaints = sheets["complaints.analysis"].rows
    assert complaints[0] == ["Figure", "Value"]
    assert complaints[1] == ["Complaints received", 1]
    assert ["Noise", 1] in complaints
    orders = sheets["workorders.completion"].rows
    assert orders[0][:4] == ["Group", "Orders", "Completed", "On time"]
    assert orders[1][:4] == ["All", 1, 0, 0]
