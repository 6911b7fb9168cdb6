"""Billing's home panels: the cashier's takings by method, open cash-up and overdue accounts
by stage, the rep's accounts at a visit stage; every figure links to the list behind it,
and each home reads the same queries for one entry as for three."""

import datetime
from decimal import Decimal as D

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from billing.ladder import reminder_run
from billing.payment_services import payment_take
from tenants.models import Area, AreaBuilding
from tests.billing.ladder_fixtures import overdue_line
from tests.factories import BuildingFactory, UnitFactory

pytestmark = pytest.mark.django_db

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))
NOV_20 = datetime.datetime(2026, 11, 20, 10, tzinfo=SHANGHAI)


@pytest.fixture
def fee(estate):
    from tests.factories import FeeStandardFactory

    return FeeStandardFactory(estate=estate, name="物业费")


def _owing(estate, building, fee, count, due=datetime.date(2026, 9, 15), start=0):
    units = []
    for n in range(start, start + count):
        unit = UnitFactory(building=building, number=f"{n + 1:02d}01", floor=n + 1)
        overdue_line(unit, fee, due=due, amount="300.00")
        units.append(unit)
    return units


@time_machine.travel(NOV_20, tick=False)
def test_each_figure_of_the_cashiers_home_links_to_the_list_behind_it(
    estate, building, fee, cashier, client_for
):
    [unit] = _owing(estate, building, fee, 1, due=datetime.date(2026, 11, 15))
    reminder_run(estate=estate, today=datetime.date(2026, 11, 16))
    payment_take(unit=unit, amount=D("120.00"), method="wechat", reference="WX1", by=cashier)
    payment_take(unit=unit, amount=D("30.00"), method="cash", by=cashier)
    client = client_for(cashier)

    home = client.get(reverse("home"))
    html = home.content.decode()

    takings = reverse("billing:payment_list") + "?day_after=2026-11-20&day_before=2026-11-20"
    wechat = takings + "&method=wechat"
    assert f'href="{wechat}">120.00</a>' in html
    listed = client.get(wechat).context["object_list"]
    assert [p.amount for p in listed] == [D("120.00")]
    cashup = reverse("billing:cashup") + f"?estate={estate.pk}"
    assert f'href="{cashup}"><strong>150.00</strong></a>' in html  # the open cash-up
    assert "2 receipts" in html
    stage = reverse("billing:arrears_list") + "?stage=reminder"
    assert f'href="{stage}">Reminder notice</a>: <strong>1</strong>' in html
    assert [u.pk for u in client.get(stage).context["object_list"]] == [unit.pk]


def test_the_reps_count_links_to_their_areas_accounts_at_a_visit(
    estate, building, fee, rep, client_for
):
    area = Area.objects.create(estate=estate, name="一区", rep=rep)
    AreaBuilding.objects.create(area=area, building=building)
    mine = _owing(estate, building, fee, 2)
    _owing(estate, BuildingFactory(estate=estate, number="9"), fee, 1, start=5)  # not theirs
    for day in (1, 2, 3):  # reminder, deadline, the rep's visit
        reminder_run(estate=estate, today=datetime.date(2026, 12, day))
    client = client_for(rep)

    html = client.get(reverse("home")).content.decode()

    behind = reverse("billing:arrears_list") + "?mine=1&stage=visits"
    assert f'href="{behind}">2</a>' in html
    listed = client.get(behind).context["object_list"]
    assert sorted(u.pk for u in listed) == sorted(u.pk for u in mine)


def _home_queries(client):
    client.get(reverse("home"))  # warm: the session, the caches
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("home"))
    return len(queries)


@time_machine.travel(NOV_20, tick=False)
def test_the_cashiers_home_reads_the_same_queries_for_one_payment_as_for_three(
    estate, building, fee, cashier, client_for
):
    client = client_for(cashier)
    [first] = _owing(estate, building, fee, 1)
    reminder_run(estate=estate, today=datetime.date(2026, 11, 16))
    payment_take(unit=first, amount=D("10.00"), method="cash", by=cashier)
    one = _home_queries(client)

    others = _owing(estate, building, fee, 2, start=1)
    reminder_run(estate=estate, today=datetime.date(2026, 11, 17))
    for n, unit in enumerate(others):
        payment_take(unit=unit, amount=D("10.00"), method="alipay", reference=f"A{n}", by=cashier)

    assert _home_queries(client) == one


def test_the_reps_home_reads_the_same_queries_for_one_visit_as_for_three(
    estate, building, fee, rep, client_for
):
    area = Area.objects.create(estate=estate, name="一区", rep=rep)
    AreaBuilding.objects.create(area=area, building=building)
    client = client_for(rep)
    _owing(estate, building, fee, 1)
    for day in (1, 2, 3):
        reminder_run(estate=estate, today=datetime.date(2026, 12, day))
    one = _home_queries(client)

    _owing(estate, building, fee, 2, start=1)
    for day in (4, 5, 6):
        reminder_run(estate=estate, today=datetime.date(2026, 12, day))

    assert _home_queries(client) == one
