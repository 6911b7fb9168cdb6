"""Every billing list runs the same number of queries for 1 row and for 3."""

import datetime
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from billing.models import Bill, Payment, ReversalRequest
from tests.factories import FeeStandardFactory, UnitFactory

pytestmark = pytest.mark.django_db


def _make(n, estate, building, cashier):
    for _ in range(n):
        unit = UnitFactory(building=building)
        standard = FeeStandardFactory(estate=estate)
        Bill.objects.create(estate=estate, unit=unit, year=2026, month=3, total=D("10"))
        payment = Payment.objects.create(
            estate=estate,
            unit=unit,
            number=f"SJ-CH-2026-{Payment.objects.count() + 1:06d}",
            method="cash",
            amount=D("10"),
            taken_by=cashier,
            taken_at=timezone.now(),
            business_date=datetime.date(2026, 3, 10),
        )
        ReversalRequest.objects.create(
            estate=estate, payment=payment, reason="收错", requested_by=cashier
        )
        assert standard.rates.count() == 1


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


URLS = [
    "billing:standard_list",
    "billing:bill_list",
    "billing:payment_list",
    "billing:reversal_list",
]


@pytest.mark.parametrize("name", URLS)
def test_list_queries_do_not_grow_with_rows(
    name, estate, building, cashier, manager, client_for, django_assert_num_queries
):
    client = client_for(manager)
    _make(1, estate, building, cashier)
    one = _queries(client, reverse(name))
    _make(2, estate, building, cashier)
    with django_assert_num_queries(one):
        response = client.get(reverse(name))
    assert response.status_code == 200
    assert len(response.context["object_list"]) == 3
