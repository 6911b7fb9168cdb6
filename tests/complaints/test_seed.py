from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from complaints import seed as complaints_seed
from complaints.models import Complaint, ComplaintEvent
from complaints.services import complaint_receive
from desk import roles, seeding
from desk.models import NumberSequence
from tenants import seed as tenants_seed

pytestmark = pytest.mark.django_db


def _context(size):
    now = datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    ctx = seeding.make_context("tiny", seed=7, now=now)
    ctx.sizes["complaints"] = size
    tenants_seed.seed(ctx)
    seeding.seed_staff(ctx)
    return ctx


def test_the_seeder_makes_complaints_at_every_stage_with_timelines():
    ctx = _context(300)
    complaints_seed.seed(ctx)
    assert Complaint.objects.count() == 300
    statuses = set(Complaint.objects.values_list("status", flat=True))
    assert {"closed", "received"} <= statuses
    assert Complaint.objects.filter(received_at__gt=ctx.now).count() == 0
    # Every complaint starts its timeline with its receipt; numbers follow the sequence.
    assert ComplaintEvent.objects.filter(kind="received").count() == 300
    for year, last in NumberSequence.objects.filter(kind="TS").values_list("year", "last"):
        assert Complaint.objects.filter(number__startswith=f"TS-{year}-").count() == last


def test_a_second_run_continues_the_numbering():
    ctx = _context(40)
    complaints_seed.seed(ctx)
    first = list(Complaint.objects.order_by("number").values_list("number", "category", "status"))
    ctx2 = seeding.make_context("tiny", seed=7, now=ctx.now)
    ctx2.sizes["complaints"] = 40
    ctx2.estates, ctx2.staff = ctx.estates, ctx.staff
    complaints_seed.seed(ctx2)
    numbers = list(Complaint.objects.values_list("number", flat=True))
    assert len(numbers) == len(set(numbers)) == 80
    assert len(first) == 40


def test_intake_after_seeding_continues_after_the_seeded_numbers():
    ctx = _context(40)
    complaints_seed.seed(ctx)
    year = ctx.now.year
    seeded = Complaint.objects.filter(number__startswith=f"TS-{year}-").count()
    complaint = complaint_receive(
        estate=ctx.estates[0],
        channel="phone",
        category="noise",
        complainant_name="张伟",
        subject="楼上装修噪音",
        description="晚上十点以后楼上还在电钻施工。",
        occurred_on=ctx.now.date(),
        received_at=ctx.now,
        by=ctx.staff[roles.FRONT_DESK][0],
    )
    assert complaint.number == f"TS-{year}-{seeded + 1:06d}"


def test_one_overdue_complaint_is_left_for_the_clock_to_escalate():
    from complaints.services import complaints_escalate_overdue

    ctx = _context(60)
    complaints_seed.seed(ctx)
    waiting = Complaint.objects.filter(
        status="received", responded_at__isnull=True, escalation_level=0
    ).filter(first_response_due__lte=ctx.now)
    assert waiting.count() == 1
    assert complaints_escalate_overdue(now=ctx.now) == 1
    assert waiting.count() == 0
