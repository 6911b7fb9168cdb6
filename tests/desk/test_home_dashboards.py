"""Every role's home at a glance, on a grid; each panel's queries are as many with three
complaints, orders, bills, payments and contractors in each of three estates as with one of
each in one estate (the numbers are counted in SQL, not row by row)."""

import datetime
from decimal import Decimal as D

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from billing.payment_services import payment_take
from complaints.models import Complaint
from desk import roles
from inspections.models import Contractor, RoundType
from tests.billing.ladder_fixtures import overdue_line
from tests.desk.test_home import CACHED_HISTORY, HOME_QUERIES, PANEL_QUERIES
from tests.factories import (
    BuildingFactory,
    ComplaintFactory,
    EstateFactory,
    FeeStandardFactory,
    OccupancyFactory,
    ResidentFactory,
    UnitFactory,
    UserFactory,
    WorkOrderFactory,
)
from workorders.models import Department, Status

pytestmark = pytest.mark.django_db

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))
NOW = datetime.datetime(2026, 11, 20, 10, tzinfo=SHANGHAI)
CATEGORIES = [Complaint.Category.NOISE, Complaint.Category.CLEANING, Complaint.Category.PARKING]
DEPARTMENTS = [Department.ENGINEERING, Department.CLEANING, Department.SECURITY]


def _busy_estates(user, count, each):
    """`count` estates of `user`, each with `each` units that have a complaint assigned to
    the user, an order the user took and works on, last month's and this month's property
    fee with a payment, and a contractor."""
    estates = [EstateFactory() for _ in range(count)]
    user.estates.set(estates)
    for estate in estates:
        cashier = UserFactory(roles=[roles.CASHIER], estates=[estate])
        fee = FeeStandardFactory(estate=estate, name="物业费")
        building = BuildingFactory(estate=estate)
        for i in range(each):
            unit = UnitFactory(building=building, number=f"{i + 1}01")
            OccupancyFactory(unit=unit, resident=ResidentFactory(estate=estate))
            ComplaintFactory(unit=unit, assignee=user, category=CATEGORIES[i])
            WorkOrderFactory(
                unit=unit,
                created_by=user,
                assignee=user,
                status=Status.DISPATCHED,
                department=DEPARTMENTS[i],
            )
            overdue_line(unit, fee, due=datetime.date(2026, 10, 15), amount="100.00")
            overdue_line(unit, fee, due=datetime.date(2026, 11, 15), amount="100.00")
            payment_take(unit=unit, amount=D("150.00"), method="cash", by=cashier)
            Contractor.objects.create(estate=estate, name=f"保洁{i}", service=RoundType.CLEANING)
    return estates


@pytest.mark.parametrize("role", roles.ROLES)
def test_each_home_reads_as_many_queries_with_more_to_show(
    client_for, django_assert_num_queries, role
):
    with time_machine.travel(NOW, tick=False):
        small = UserFactory(roles=[role])
        _busy_estates(small, 1, 1)
        large = UserFactory(roles=[role])
        _busy_estates(large, 3, 3)
        expected = HOME_QUERIES + PANEL_QUERIES.get(role, 0)
        for user in (small, large):
            client = client_for(user)
            cache.clear()
            with django_assert_num_queries(expected):
                response = client.get(reverse("home"))
            assert response.status_code == 200
            cached = CACHED_HISTORY if role == roles.MANAGER else 0
            with django_assert_num_queries(expected - cached):
                client.get(reverse("home"))


def test_the_home_is_a_grid_of_panels_with_rows_of_buttons_full_width(client_for, manager):
    html = client_for(manager).get(reverse("home")).content.decode()
    assert '<div class="home-grid">' in html
    assert '<div class="home-cell home-cell-wide" data-panel="complaints.actions">' in html
    assert '<div class="home-cell" data-panel="billing.collection">' in html
