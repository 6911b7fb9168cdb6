"""The cashier's day (日结): totals by method against counted, closed and signed; a closed
day never changes (a later reversal counts on its own day); the weekly list for finance."""

import datetime
from decimal import Decimal as D

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from billing.cashup import cashup_close, cashups_of_week, closed_day_figures, open_day
from billing.models import CashUp, Payment
from billing.payment_services import payment_take, reversal_approve, reversal_request
from billing.services import bill_run
from desk.errors import BusinessRuleError
from tests.printing import cells, text

pytestmark = pytest.mark.django_db

MON = datetime.datetime(2026, 3, 9, 2, 0, tzinfo=datetime.UTC)  # 10:00 in Shanghai
WED = datetime.datetime(2026, 3, 11, 2, 0, tzinfo=datetime.UTC)


@pytest.fixture
def billed(estate, unit, occupancy, property_fee):
    bill_run(estate=estate, year=2026, month=3)  # 223.75, due 03-15
    return unit


def _figures(estate, cashier, day):
    return {
        m.method: (m.taken, m.reversed, m.expected, m.receipts)
        for m in open_day(estate, cashier, day).methods
        if m.receipts
    }


def test_a_closed_day_never_changes_a_later_reversal_counts_on_its_own_day(
    estate, billed, cashier, manager
):
    monday = datetime.date(2026, 3, 9)
    with time_machine.travel(MON, tick=False):
        cash = payment_take(unit=billed, amount=D("100"), method="cash", by=cashier)
        payment_take(unit=billed, amount=D("50"), method="wechat", reference="WX1", by=cashier)
        assert _figures(estate, cashier, monday) == {
            "cash": (D("100.00"), D("0.00"), D("100.00"), 1),
            "wechat": (D("50.00"), D("0.00"), D("50.00"), 1),
        }
        closed = cashup_close(
            estate=estate,
            cashier=cashier,
            day=monday,
            counted={"cash": D("100"), "wechat": D("50")},
            signed_name="王收费",
        )
    frozen = [(m.method, m.expected, m.counted) for m in closed_day_figures(closed).methods]
    assert frozen == [("cash", D("100.00"), D("100.00")), ("wechat", D("50.00"), D("50.00"))]
    assert (closed.expected, closed.counted, closed.difference) == (
        D("150.00"),
        D("150.00"),
        D("0.00"),
    )

    with time_machine.travel(WED, tick=False):
        request = reversal_request(payment=cash, reason="收错房号", by=cashier)
        red = reversal_approve(request=request, by=manager)
    assert red.business_date == datetime.date(2026, 3, 11)

    closed.refresh_from_db()
    assert [(m.method, m.expected) for m in closed_day_figures(closed).methods] == [
        ("cash", D("100.00")),
        ("wechat", D("50.00")),
    ]
    assert closed.expected == D("150.00")
    assert set(Payment.objects.filter(cashup=closed)) == {
        cash,
        Payment.objects.get(method="wechat"),
    }
    # Monday has nothing more to close; Wednesday's drawer gives the 100 back, as a reversal
    # of the cashier who took it (the manager who approved has no drawer in it)
    assert _figures(estate, cashier, datetime.date(2026, 3, 9)) == {}
    wednesday = datetime.date(2026, 3, 11)
    assert _figures(estate, cashier, wednesday) == {
        "cash": (D("0.00"), D("-100.00"), D("-100.00"), 1)
    }
    assert _figures(estate, manager, wednesday) == {}
    with time_machine.travel(WED, tick=False):
        later = cashup_close(
            estate=estate, cashier=cashier, day=wednesday, counted={}, signed_name="王收费"
        )
    assert (later.expected, later.counted, later.difference) == (
        D("-100.00"),
        D("0.00"),
        D("100.00"),
    )
    assert red.__class__.objects.get(pk=red.pk).cashup == later


def test_a_day_closes_once_and_is_signed(estate, billed, cashier):
    monday = datetime.date(2026, 3, 9)
    with time_machine.travel(MON, tick=False):
        payment_take(unit=billed, amount=D("10"), method="cash", by=cashier)
        with pytest.raises(BusinessRuleError):
            cashup_close(estate=estate, cashier=cashier, day=monday, counted={}, signed_name=" ")
        with pytest.raises(BusinessRuleError):
            cashup_close(
                estate=estate,
                cashier=cashier,
                day=datetime.date(2026, 3, 10),
                counted={},
                signed_name="王",
            )
        cashup_close(estate=estate, cashier=cashier, day=monday, counted={}, signed_name="王")
        with pytest.raises(BusinessRuleError, match="already closed"):
            cashup_close(estate=estate, cashier=cashier, day=monday, counted={}, signed_name="王")
        # taken after the close: not lost, it waits for the next close
        late = payment_take(unit=billed, amount=D("5"), method="cash", by=cashier)
    assert late.cashup is None
    assert CashUp.objects.count() == 1
    figures = open_day(estate, cashier, datetime.date(2026, 3, 10))
    assert (figures.expected, figures.earlier) == (D("5.00"), 1)


def test_each_cashier_closes_their_own_drawer(estate, billed, cashier, manager):
    from tests.factories import UserFactory

    other = UserFactory(username="c2", roles=["cashier"], estates=[estate])
    monday = datetime.date(2026, 3, 9)
    with time_machine.travel(MON, tick=False):
        payment_take(unit=billed, amount=D("10"), method="cash", by=cashier)
        payment_take(unit=billed, amount=D("20"), method="cash", by=other)
        mine = cashup_close(
            estate=estate, cashier=cashier, day=monday, counted={"cash": 10}, signed_name="王"
        )
    assert mine.expected == D("10.00")
    assert open_day(estate, other, monday).expected == D("20.00")


def test_the_week_for_finance_page_and_workbook(estate, billed, cashier, manager, client_for):
    with time_machine.travel(MON, tick=False):
        payment_take(unit=billed, amount=D("100"), method="cash", by=cashier)
        cashup_close(
            estate=estate,
            cashier=cashier,
            day=datetime.date(2026, 3, 9),
            counted={"cash": D("99")},
            signed_name="王收费",
        )
    week = cashups_of_week(manager, estate, datetime.date(2026, 3, 12))
    assert (week["monday"], week["expected"], week["counted"]) == (
        datetime.date(2026, 3, 9),
        D("100.00"),
        D("99.00"),
    )
    client = client_for(manager)
    page = client.get(reverse("billing:collection_week") + "?day=2026-03-12")
    assert page.status_code == 200
    assert "100.00" in page.content.decode()
    response = client.get(reverse("billing:collection_week_export") + "?day=2026-03-12")
    assert response.status_code == 200
    sheet = load_workbook(__import__("io").BytesIO(b"".join(response.streaming_content))).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[1][:4] == [datetime.datetime(2026, 3, 9), cashier.display_name, "Cash", 1]
    assert rows[2][:3] == ["Week", None, "Cash"]
    assert [r[-3:] for r in rows[1:]] == [[100, 99, -1], [100, 99, -1]]
    listing = client.get(reverse("billing:cashup_export"))
    assert listing.status_code == 200


def test_the_cashier_closes_the_day_on_the_page(estate, billed, cashier, client_for):
    client = client_for(cashier)
    with time_machine.travel(MON, tick=False):
        payment_take(unit=billed, amount=D("100"), method="cash", by=cashier)
        page = client.get(reverse("billing:cashup"))
        assert page.status_code == 200
        assert "100.00" in page.content.decode()
        response = client.post(
            reverse("billing:cashup"),
            {"counted_cash": "100", "signed_name": "王收费", "estate": estate.pk},
        )
    closed = CashUp.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("billing:cashup_detail", args=[closed.pk])
    assert client.get(response["Location"]).status_code == 200
    printed = client.get(reverse("billing:cashup_print", args=[closed.pk]))
    grid = cells(printed)
    assert (grid["Expected (CNY)"], grid["Counted (CNY)"], grid["Signed"]) == (
        "100.00",
        "100.00",
        "王收费",
    )
    assert "Checked by" in text(printed)


def test_the_open_cash_up_for_the_home_panel(
    estate, billed, cashier, rf, django_assert_num_queries
):
    from django.template.loader import render_to_string

    from billing.cashup import open_cashup_panel

    with time_machine.travel(MON, tick=False):
        payment_take(unit=billed, amount=D("100"), method="cash", by=cashier)
        with django_assert_num_queries(6):  # the estates (2), the drawer (4) for every estate
            context = open_cashup_panel(cashier)
    [row] = context["cashups"]
    assert (row["estate"], row["figures"].expected, row["closed_today"]) == (
        estate,
        D("100.00"),
        False,
    )
    request = rf.get("/")
    request.user = cashier
    html = render_to_string("billing/home_open_cashup.html", context, request=request)
    assert "100.00" in html
