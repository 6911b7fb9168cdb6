"""A renovation in the browser: the front desk takes the application, the manager approves
the structural works with what is allowed, the rep patrols on a 390 px phone with a photo
and records a major violation, the notice prints on one A4, the follow-up verifies it and
the supervisor's acceptance refunds the deposit less a deduction and closes the permit."""

import datetime
import io

import pytest
from django.urls import reverse
from PIL import Image

from desk import roles
from desk.clock import estate_today
from renovation.models import Permit
from tenants.models import Unit
from tests.e2e.test_print_forms import A4_POINTS, pdf_pages
from tests.factories import (
    BuildingFactory,
    EstateFactory,
    OccupancyFactory,
    ResidentFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


def _jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "orange").save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def world():
    estate = EstateFactory(name="翠湖花园", name_en="Green Lake Garden", code="CH")
    unit = UnitFactory(building=BuildingFactory(estate=estate, number="3"), number="1502")
    OccupancyFactory(unit=unit, resident=ResidentFactory(estate=estate, name="张伟"))
    Unit.objects.filter(pk=unit.pk).update(status=Unit.Status.OCCUPIED)

    def staff(username, name, role):
        return UserFactory(username=username, first_name=name, roles=[role], estates=[estate])

    return {
        "unit": unit,
        "front_desk": staff("frontdesk", "李前台", roles.FRONT_DESK),
        "manager": staff("manager", "周经理", roles.MANAGER),
        "rep": staff("rep", "王客服", roles.SERVICE_REP),
        "supervisor": staff("supervisor", "陈主管", roles.SUPERVISOR),
    }


def test_a_renovation_from_application_to_acceptance(world, page_for, artifacts):
    desk = page_for(world["front_desk"])
    desk.goto(reverse("renovation:apply"))
    desk.fill("input[name=unit_label]", "3-1502")
    desk.fill("input[name=applicant_name]", "张伟")
    desk.fill("input[name=contractor]", "上海安居装饰工程有限公司")
    desk.fill("input[name=contractor_lead]", "陈师傅")
    desk.fill("input[name=contractor_phone]", "13611112222")
    desk.fill("input[name=workers]", "4")
    desk.check("input[name=scopes][value=structural]")
    desk.check("input[name=scopes][value=waterproofing]")
    desk.fill("textarea[name=description]", "拆除厨房与餐厅之间的隔墙，卫生间重做防水")
    end = estate_today(world["unit"].estate) + datetime.timedelta(days=45)
    desk.fill("input[name=planned_end]", end.isoformat())
    desk.click("main form button[type=submit]")
    desk.wait_for_selector("#permit-facts")
    permit = Permit.objects.get()
    assert permit.status == "applied"

    manager = page_for(world["manager"])
    manager.goto(reverse("renovation:detail", args=[permit.pk]))
    manager.click("#approve")
    assert manager.is_visible("#confirmation-needed")
    manager.click("main form button[type=submit]")  # nothing said of what is allowed: refused
    assert manager.is_visible(".invalid-feedback, .alert-danger")
    manager.fill("textarea[name=structure_confirmation]", "仅允许拆除非承重隔墙")
    manager.click("main form button[type=submit]")
    manager.wait_for_selector("#structure-confirmation")
    permit.refresh_from_db()
    assert permit.status == "approved"
    assert Unit.objects.get(pk=world["unit"].pk).status == Unit.Status.RENOVATING

    # The rep's phone: today's list, the patrol with large targets and a photo.
    phone = page_for(world["rep"], viewport=PHONE, is_mobile=True, has_touch=True)
    phone.goto(reverse("renovation:today"))
    phone.click(f"#due-{permit.pk} a")
    phone.click("label[for=id_item_structure_1]")  # Not OK
    phone.set_input_files(
        "#id_photos", files=[{"name": "wall.jpg", "mimeType": "image/jpeg", "buffer": _jpeg()}]
    )
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.screenshot(path=str(artifacts / "renovation-patrol-phone.png"), full_page=True)
    phone.click("#patrol-form button[type=submit]")
    phone.wait_for_selector("#permit-patrols")
    patrol = permit.patrols.get()
    assert patrol.checklist["structure"] is False and patrol.photos.count() == 1

    phone.click("#record-violation")
    phone.select_option("select[name=kind]", "load_bearing")
    phone.fill("textarea[name=description]", "厨房承重墙开槽")
    phone.click("main form button[type=submit]")
    phone.wait_for_selector("#permit-violations")
    violation = permit.violations.get()
    assert violation.severity == "major" and violation.notice_number

    phone.click(f"#notice-{violation.pk}")
    phone.wait_for_selector(".pf-sheet")
    assert violation.notice_number in phone.inner_text(".pf-sheet")
    assert violation.deadline.isoformat() in phone.inner_text(".pf-sheet")
    phone.emulate_media(media="print")
    pdf = phone.pdf(prefer_css_page_size=True)
    (artifacts / "renovation-notice.pdf").write_bytes(pdf)
    assert pdf_pages(pdf) == [A4_POINTS]

    phone.goto(reverse("renovation:follow_up", args=[violation.pk]))
    phone.check("input[name=corrected][value=yes]")
    phone.fill("textarea[name=note]", "已恢复原状")
    phone.click("main form button[type=submit]")
    phone.wait_for_selector("#permit-violations")
    violation.refresh_from_db()
    assert violation.status == "verified"

    supervisor = page_for(world["supervisor"])
    supervisor.goto(reverse("renovation:detail", args=[permit.pk]))
    supervisor.click("#accept")
    supervisor.fill("input[name=engineer]", "工程部孙工")
    supervisor.check("input[name=result][value=passed]")
    supervisor.fill("textarea[name=deductions]", "200 楼道墙面修补")
    supervisor.click("#acceptance-form button[type=submit]")
    supervisor.wait_for_selector("#closed-note")
    permit.refresh_from_db()
    assert permit.status == "closed"
    assert Unit.objects.get(pk=world["unit"].pk).status == Unit.Status.OCCUPIED
    assert "1800.00" in supervisor.inner_text(".acceptance")
