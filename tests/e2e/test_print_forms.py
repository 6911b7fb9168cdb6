"""The printed forms in a real browser: each prints as exactly one A4 page.

The screenshots (test-artifacts/print-*.png) and PDFs are for a person to look at.
"""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from complaints import services as complaint_services
from complaints.models import Complaint
from desk import roles
from tests.factories import (
    BuildingFactory,
    EstateFactory,
    OccupancyFactory,
    ResidentFactory,
    UnitFactory,
    UserFactory,
    WorkOrderFactory,
)
from workorders.models import Status

pytestmark = pytest.mark.django_db(transaction=True)

A4_POINTS = (595, 842)  # 210 × 297 mm
LONG_TEXT = (
    "晚上十点以后楼上还在电钻施工，敲墙声和电钻声一直持续到十一点半，老人孩子都无法休息。" * 2
)


def pdf_pages(pdf: bytes):
    """The (width, height) in points of every page of a PDF Chromium wrote."""
    boxes = re.findall(rb"/Type /Page\b(?!s).*?/MediaBox \[([\d. ]+)\]", pdf, re.S)
    boxes = boxes or re.findall(rb"/MediaBox \[([\d. ]+)\]", pdf)
    pages = []
    for box in boxes:
        _x, _y, width, height = (float(n) for n in box.split())
        pages.append((round(width), round(height)))
    return pages


@pytest.fixture
def world():
    estate = EstateFactory(name="翠湖花园", name_en="Green Lake Garden", code="CH")
    unit = UnitFactory(building=BuildingFactory(estate=estate, number="3"), number="1502")
    resident = ResidentFactory(estate=estate, name="张伟", mobile="13812345678")
    OccupancyFactory(unit=unit, resident=resident)

    def staff(username, name, role):
        return UserFactory(username=username, first_name=name, roles=[role], estates=[estate])

    rep = staff("rep", "李客服", roles.SERVICE_REP)
    supervisor = staff("supervisor", "赵主管", roles.SUPERVISOR)
    technician = staff("technician", "刘师傅", roles.TECHNICIAN)
    now = timezone.now()
    order = WorkOrderFactory(
        unit=unit,
        location="厨房",
        status=Status.VERIFIED,
        priority="urgent",
        assignee=technician,
        created_by=rep,
        created_at=now - timedelta(hours=3),
        dispatched_at=now - timedelta(hours=2),
        started_at=now - timedelta(hours=1),
        done_at=now - timedelta(minutes=20),
        verified_at=now,
        satisfaction=4,
        description=LONG_TEXT,
        work_notes="更换厨房水龙头阀芯，试水半小时无渗漏。",
        materials="阀芯 1 个，生料带 1 卷",
    )
    complaint = complaint_services.complaint_receive(
        estate=estate,
        unit=unit,
        resident=resident,
        channel=Complaint.Channel.PHONE,
        category=Complaint.Category.NOISE,
        complainant_name="张伟",
        complainant_phone="13812345678",
        subject="楼上装修噪音",
        description=LONG_TEXT,
        occurred_on=timezone.localdate(),
        by=rep,
    )
    complaint_services.complaint_respond(
        complaint=complaint, plan="今天下午联系 16 楼业主及施工队，约定施工时间。", by=rep
    )
    complaint_services.complaint_start_investigation(complaint=complaint, by=rep)
    complaint_services.complaint_rule(
        complaint=complaint,
        validity="valid",
        severity="general",
        reason="确有超时施工",
        by=supervisor,
    )
    complaint_services.complaint_resolve(
        complaint=complaint, resolution="已与施工队约定每天 18:00 后停止电钻作业。", by=rep
    )
    return {"rep": rep, "order": order, "complaint": complaint}


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize(
    ("name", "url_name", "key"),
    [
        ("workorder-slip", "workorders:print", "order"),
        ("complaint-sheet", "complaints:print", "complaint"),
    ],
)
def test_the_form_prints_on_one_a4_page(
    page_for, live_server, world, artifacts, name, url_name, key, language
):
    page = page_for(world["rep"])
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    page.goto(reverse(url_name, args=[world[key].pk]))
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("[data-print]").is_visible()
    page.screenshot(path=str(artifacts / f"print-{name}-{language}.png"), full_page=True)

    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    (artifacts / f"print-{name}-{language}.pdf").write_bytes(pdf)
    assert pdf_pages(pdf) == [A4_POINTS]
