"""The home page: the greeting, then the panels the apps register for the user's roles."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from desk import home, roles
from tests.factories import BuildingFactory, EstateFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

# Session, user, the user's estates (desk.scoping.user_estates: the panels share them),
# roles, the two permission reads, the inbox's unread count in the top bar, the estates'
# unit counts.
HOME_QUERIES = 8
# What a role's own panels read on top: the front desk's mail at the desk (its estates'
# mail settings, the counts by age) and its day (the log's counts, its messages, the
# open handover); the patrols' (inspections.panels), whatever the
# number of estates: the estates' coverage rules, buildings and rounds of the day,
# then the rep's rounds in progress, the housekeeping checks' open findings, or the
# supervisor's and manager's review queue, open findings and overdue contractor notices;
# and one each for the rep's renovation patrols due today and the manager's renovation
# applications awaiting approval. One each for the complaints by queue (the front desk's,
# the rep's own, the supervisor's board), the rep's orders due and the technician's today.
# The manager's dashboard: the collection trend (estates; the ended months, unless cached:
# bills and payments by month; the figures' version; unless cached under it, this month's
# bills and what of them is paid, what the payments and prepaid money since its start paid
# of the earlier ones and of its own after it), the month's complaints (by category with
# the shares), the open orders by department, yesterday's coverage (read once for the
# review panel) and the contractors' scores, and the mail past its days (settings, counts).
MANAGER_DASHBOARD = 1 + 2 + 1 + 3 + 1 + 1 + 1 + 2
# The manager's ended months, once read, and this month's while no money has moved.
CACHED_HISTORY = 2 + 3
PANEL_QUERIES = {
    roles.FRONT_DESK: 5 + 1,
    # billing's today: the takings by method, the accounts by stage; the open cash-up: the
    # estates, the drawer's payments, their reversals and refunds, today's closed cash-ups
    roles.CASHIER: 2 + 5,
    roles.SERVICE_REP: 4
    + 1
    + 2
    + 3
    + 1
    + 1,  # + billing's visits of the rep's areas (cases, count)
    # + visits: the rep's visits today, the opinions due (rows, count); + complaints, orders due
    roles.HOUSEKEEPING: 4,
    roles.SUPERVISOR: 6 + 4 + 1,  # + visits: estates, the month's handling, overdue (rows, count)
    roles.TECHNICIAN: 1,
    # + visits: estates, households due and visited by the director, targets, the last survey
    roles.MANAGER: 6 + 1 + 4 + MANAGER_DASHBOARD,
}


def test_the_apps_register_their_panels_in_order():
    assert [panel.name for panel in home.home_panels()] == [
        "complaints.actions",
        "workorders.actions",
        "workorders.today",
        "complaints.board",
        "complaints.mine",
        "workorders.due",
        "billing.cashier",
        "billing.open_cashup",
        "frontdesk.today",
        "inspections.housekeeping",
        "inspections.today",
        "renovation.patrols",
        "billing.rep_visits",
        "inspections.review",
        "renovation.approvals",
        "complaints.desk",
        "visits.rep_today",
        "billing.collection",
        "mailroom.waiting",
        "complaints.month",
        "visits.supervisor",
        "workorders.departments",
        "inspections.coverage",
        "visits.manager",
        "mailroom.uncollected",
        "tenants.estates",
    ]


def test_a_panel_shows_only_to_the_roles_it_is_registered_for(
    monkeypatch, client_for, cashier, technician
):
    monkeypatch.setattr(home, "_panels", dict(home._panels))
    home.register_home_panel(
        "test.cash",
        roles=[roles.CASHIER],
        template="tenants/home_estates.html",
        context=lambda request: {
            "estates": [SimpleNamespace(display_name=f"till of {request.user.username}")]
        },
        order=1,
    )
    assert "till of cashier" in client_for(cashier).get(reverse("home")).content.decode()
    assert "till of" not in client_for(technician).get(reverse("home")).content.decode()


def test_the_technician_opens_the_days_orders_and_sees_the_estate(client_for, technician, unit):
    html = client_for(technician).get(reverse("home")).content.decode()
    assert reverse("workorders:my_today") in html
    assert reverse("complaints:new") not in html
    assert "Green Lake Garden" in html  # the estate's English name on an English page


def test_the_front_desk_takes_complaints_and_orders_first(client_for, front_desk):
    html = client_for(front_desk).get(reverse("home")).content.decode()
    assert html.index(reverse("complaints:new")) < html.index(reverse("workorders:create"))
    assert reverse("workorders:my_today") not in html


@pytest.mark.parametrize("role", roles.ROLES)
@pytest.mark.parametrize("estates", [1, 3])
def test_the_home_page_reads_a_constant_number_of_queries(
    client_for, django_assert_num_queries, role, estates
):
    mine = [EstateFactory() for _ in range(estates)]
    for estate in mine:
        UnitFactory(building=BuildingFactory(estate=estate))
    client = client_for(UserFactory(roles=[role], estates=mine))
    with django_assert_num_queries(HOME_QUERIES + PANEL_QUERIES.get(role, 0)):
        response = client.get(reverse("home"))
    assert response.content.decode().count('class="card h-100"') == estates
