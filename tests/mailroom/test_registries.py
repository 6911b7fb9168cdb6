"""What the mail room gives desk's registries: the shift handover's mail not collected,
the front desk's home panel, the monthly workbook's Mail sheet, the demo's mail."""

import datetime

import pytest
import time_machine
from django.db.models import Count
from django.urls import reverse
from django.utils import translation

from desk import handover, seeding
from desk.clock import day_bounds, month_bounds
from mailroom import reports
from mailroom.handover import uncollected_for_handover
from mailroom.models import AWAITING, MailItem
from mailroom.seed import seed as seed_mail
from mailroom.services import mail_hand_out, mail_void

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 5, 20)
MINUTE = datetime.timedelta(minutes=1)  # the shift ends just after what it registered


@pytest.fixture
def noon(estate):
    at = day_bounds(estate, DAY)[0] + datetime.timedelta(hours=12)
    with time_machine.travel(at, tick=False):
        yield at


def _received(item, when):
    MailItem.objects.filter(pk=item.pk).update(received_at=when)


@pytest.fixture
def known(noon, estate, register_one, front_desk):
    """Two parcels and a letter at the desk (one parcel 8 days old, one this shift), one
    collected and one voided: the handover lists the three waiting."""
    old = register_one(tracking_number="OLD", shelf="B-02")
    _received(old, noon - datetime.timedelta(days=8))
    register_one(tracking_number="NOW")
    letter = register_one(kind="letter")
    _received(letter, noon - datetime.timedelta(hours=20))
    gone = register_one()
    mail_hand_out(item=gone, by=front_desk, code=gone.pickup_code, signed_name="张伟")
    mail_void(item=register_one(), by=front_desk, reason="重复登记")
    return old


def test_the_handover_lists_the_mail_not_collected(known, noon, estate, front_desk):
    window = handover.ShiftWindow(noon - datetime.timedelta(hours=8), noon + MINUTE)
    data = uncollected_for_handover(estate, window, front_desk)
    assert {k: data[k] for k in ("count", "flagged", "to_return", "this_shift", "days")} == {
        "count": 3,
        "flagged": 1,
        "to_return": 0,
        "this_shift": 1,
        "days": 7,
    }
    assert data["by_kind"] == [["letter", 1], ["parcel", 2]]
    [flagged] = data["flagged_items"]
    assert (flagged["pk"], flagged["unit"], flagged["shelf"]) == (known.pk, "3-1502", "B-02")


def test_the_kept_handover_reads_in_the_readers_language(known, noon, estate, front_desk):
    window = handover.ShiftWindow(noon - datetime.timedelta(hours=8), noon + MINUTE)
    snapshot = handover.handover_snapshot(estate, window, front_desk)
    with translation.override("zh-hans"):
        [block] = [
            b for b in handover.handover_blocks(snapshot) if b.section.name.startswith("mail")
        ]
        html = block.render()
    assert block.count == 3
    assert "包裹 2" in html and "信件 1" in html


def test_the_front_desks_home_counts_the_mail_by_age(known, client_for, front_desk):
    html = client_for(front_desk).get(reverse("home")).content.decode()
    assert "3 waiting" in html and "1 uncollected past the estate" in html
    assert f"{reverse('mailroom:list')}?age=flagged" in html


def test_the_monthly_sheet_counts_the_month_on_the_estates_calendar(estate, register_one):
    start, end = month_bounds(estate, 2026, 3)
    inside, edge, after = register_one(), register_one(kind="letter"), register_one()
    _received(inside, start + datetime.timedelta(days=3))
    _received(edge, start)  # 00:00 on 1 March in Shanghai: March
    _received(after, end)  # 00:00 on 1 April: April
    sheet = type("Sheet", (), {"rows": [], "append": lambda self, row: self.rows.append(row)})()
    reports.monthly_report_sheet(sheet, estate=estate, year=2026, month=3)
    figures = dict(row for row in sheet.rows if len(row) == 2)
    assert figures["Mail received"] == 2
    assert figures["Parcel"] == 1 and figures["Letter"] == 1
    assert figures["Waiting at the desk at the month's end"] == 2


def test_the_demo_seeds_mail_with_codes_unique_at_the_desk(estate, unit, occupancy, front_desk):
    ctx = seeding.make_context("tiny", 7, now=day_bounds(estate, DAY)[0])
    ctx.estates = [estate]
    ctx.staff = {"front_desk": [front_desk]}
    seed_mail(ctx)
    assert MailItem.objects.count() == seeding.SCALES["tiny"]["mail_items"]
    clashes = (
        MailItem.objects.filter(status__in=AWAITING)
        .values("estate", "pickup_code")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    assert list(clashes) == []
