"""The fee centre's pages: find the unit, pay, print; runs, standards, reversals, waiving."""

import datetime
from decimal import Decimal as D

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from billing.models import BillLine, FeeRate, FeeStandard, Payment, ReversalRequest
from billing.services import bill_run
from desk.models import Job

pytestmark = pytest.mark.django_db
MARCH_10 = datetime.datetime(2026, 3, 10, 2, 0, tzinfo=datetime.UTC)
# A move-out is after the move-in (the factory's: the 1st of this month).
TODAY = timezone.localdate().isoformat()


@pytest.fixture
def billed(estate, unit, occupancy, property_fee):
    bill_run(estate=estate, year=2026, month=3)
    return unit


def test_typing_the_unit_opens_its_account(billed, cashier, client_for):
    response = client_for(cashier).get(reverse("billing:cashier"), {"unit": "3-1502"})
    assert response.status_code == 302
    assert response["Location"] == reverse("billing:account", args=[billed.pk])


def test_a_unit_of_another_estate_is_not_found(billed, outsider, client_for):
    client = client_for(outsider)
    response = client.get(reverse("billing:cashier"), {"unit": "3-1502"})
    assert response.status_code == 200 and "No unit" in response.text
    assert client.get(reverse("billing:account", args=[billed.pk])).status_code == 404


@time_machine.travel(MARCH_10, tick=False)
def test_from_the_unit_to_the_printed_receipt(billed, cashier, client_for):
    client = client_for(cashier)
    account = client.get(reverse("billing:account", args=[billed.pk]))  # 1: the unit found
    assert "223.75" in account.text
    assert account.context["form"].initial["amount"] == D("223.75")  # the amount, filled in

    response = client.post(  # 2-4: amount, method, take
        reverse("billing:pay", args=[billed.pk]),
        {"amount": "223.75", "method": "wechat", "reference": "WX-42", "keep": "no"},
    )

    payment = Payment.objects.get()
    assert response["Location"] == reverse("billing:receipt", args=[payment.pk])
    receipt = client.get(response["Location"])  # 5: print from here
    assert receipt.status_code == 200
    assert receipt.text.count("SJ-CH-2026-000001") >= 2  # two copies
    assert "WeChat Pay · WX-42" in receipt.text
    assert "贰佰贰拾叁元柒角伍分" in receipt.text
    assert BillLine.objects.get().status == "paid"


@time_machine.travel(MARCH_10, tick=False)
def test_a_payment_without_its_reference_is_refused_next_to_the_field(billed, cashier, client_for):
    response = client_for(cashier).post(
        reverse("billing:pay", args=[billed.pk]), {"amount": "10", "method": "alipay", "keep": "no"}
    )
    assert response.status_code == 200
    assert "Give the transaction reference" in response.text
    assert Payment.objects.count() == 0


def test_the_front_desk_may_not_take_a_payment(billed, front_desk, client_for):
    response = client_for(front_desk).post(
        reverse("billing:pay", args=[billed.pk]), {"amount": "10", "method": "cash", "keep": "no"}
    )
    assert response.status_code == 403 and Payment.objects.count() == 0


def test_the_bill_run_button_runs_the_month_as_a_job(
    estate,
    unit,
    occupancy,
    property_fee,
    cashier,
    client_for,
    celery_eager,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(cashier).post(reverse("billing:run"), {"period": "2026-03"})

    job = Job.objects.get()
    assert response["Location"] == reverse("desk:job", args=[job.pk])
    assert (job.status, job.result["bills"], job.result["period"]) == ("done", 1, "2026-03")
    assert BillLine.objects.filter(unit=unit).count() == 1
    page = client_for(cashier).get(reverse("desk:job", args=[job.pk]))
    assert "2026-03: 1 bills with 1 lines made." in page.text


def test_a_manager_adds_a_fee_standard_with_its_first_rate(estate, manager, client_for):
    response = client_for(manager).post(
        reverse("billing:standard_new"),
        {
            "name": "电费",
            "kind": "electricity",
            "payer": "occupant",
            "usages": ["residence", "shop"],
            "vacant_discount": "0",
            "due_day": "20",
            "late_fee_daily_rate": "0.03",
            "late_fee_grace_days": "5",
            "order": "100",
            "active": "on",
            "rate-effective_from": "2026-01-01",
            "rate-rate": "0.6",
            "rate-tiers": "200:0.6\n*:0.85",
        },
    )
    assert response.status_code == 302
    standard = FeeStandard.objects.get(name="电费")
    assert standard.usages == ["residence", "shop"] and standard.vacant_pays is False
    assert FeeRate.objects.get(standard=standard).tiers == [
        {"up_to": "200", "rate": "0.6"},
        {"up_to": None, "rate": "0.85"},
    ]


def test_a_new_rate_may_not_start_in_a_billed_month(billed, property_fee, manager, client_for):
    response = client_for(manager).post(
        reverse("billing:rate_new", args=[property_fee.pk]),
        {"effective_from": "2026-03-01", "rate": "3"},
    )
    assert response.status_code == 200 and "already billed" in response.text
    assert property_fee.rates.count() == 1


@time_machine.travel(MARCH_10, tick=False)
def test_a_reversal_asked_by_the_cashier_is_approved_by_the_manager_and_prints_red(
    billed, cashier, manager, client_for
):
    client_for(cashier).post(
        reverse("billing:pay", args=[billed.pk]), {"amount": "100", "method": "cash", "keep": "no"}
    )
    payment = Payment.objects.get()
    client_for(cashier).post(reverse("billing:reversal_ask", args=[payment.pk]), {"reason": "多收"})
    asked = ReversalRequest.objects.get()

    listed = client_for(manager).get(reverse("billing:reversal_list"), {"status": "requested"})
    assert payment.number in listed.text
    response = client_for(manager).post(reverse("billing:reversal_approve", args=[asked.pk]))

    red = Payment.objects.get(reverses=payment)
    assert response["Location"] == reverse("billing:receipt", args=[red.pk])
    page = client_for(manager).get(response["Location"])
    assert "Red receipt (reversal)" in page.text and payment.number in page.text
    assert "pf-red" in page.text
    assert BillLine.objects.get().paid == D("0")


@time_machine.travel(MARCH_10, tick=False)
def test_only_a_manager_waives_with_a_reason(billed, manager, cashier, client_for):
    line = BillLine.objects.get()
    url = reverse("billing:waive", args=[line.pk])
    assert client_for(cashier).post(url, {"reason": "x"}).status_code == 403
    assert client_for(manager).post(url, {"reason": ""}).status_code == 200
    assert client_for(manager).post(url, {"reason": "协商减免"}).status_code == 302
    line.refresh_from_db()
    assert (line.status, line.waive_reason) == ("waived", "协商减免")


def test_the_unit_page_shows_the_account(billed, rep, client_for):
    response = client_for(rep).get(reverse("tenants:unit_detail", args=[billed.pk]))
    assert response.status_code == 200
    assert 'id="section-billing"' in response.text and "223.75" in response.text


def test_move_out_is_refused_while_the_unit_has_arrears(billed, occupancy, rep, client_for):
    response = client_for(rep).post(
        reverse("tenants:move_out", args=[occupancy.pk]),
        {"move_out": TODAY, "override_reason": "我说可以"},
    )
    assert response.status_code == 200 and "unpaid bills" in response.text
    occupancy.refresh_from_db()
    assert occupancy.move_out is None


def test_a_manager_overrides_the_arrears_check_with_a_reason(
    billed, occupancy, manager, client_for
):
    url = reverse("tenants:move_out", args=[occupancy.pk])
    refused = client_for(manager).post(url, {"move_out": TODAY})
    assert refused.status_code == 200 and "unpaid bills" in refused.text

    response = client_for(manager).post(
        url, {"move_out": TODAY, "override_reason": "业主已签欠费承诺书"}
    )

    assert response.status_code == 302
    occupancy.refresh_from_db()
    assert occupancy.move_out.isoformat() == TODAY
    last = occupancy.history.first()
    assert (last.history_change_reason, last.history_user) == ("业主已签欠费承诺书", manager)


def test_a_settled_unit_moves_out(estate, unit, occupancy, rep, client_for):
    response = client_for(rep).post(
        reverse("tenants:move_out", args=[occupancy.pk]), {"move_out": TODAY}
    )
    assert response.status_code == 302
