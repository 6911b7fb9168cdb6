"""The intake's choices misfile nothing: no default category, only the estate's complaint
handlers to assign to (by name, with their open cases), no default trade for a work order."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from complaints.forms import IntakeForm
from complaints.models import Complaint
from desk import roles
from tests.factories import ComplaintFactory, UserFactory

pytestmark = pytest.mark.django_db


def _staff(name, role, estate):
    return UserFactory(first_name=name, roles=[role], estates=[estate])


def test_the_category_has_no_default_and_is_required(client_for, front_desk, estate, unit):
    form = IntakeForm(user=front_desk)
    assert form["category"].value() is None
    assert '<option value="" selected>' in str(form["category"])

    response = client_for(front_desk).post(
        reverse("complaints:new"),
        {
            "estate": estate.pk,
            "channel": "phone",
            "unit_label": "3-1502",
            "complainant_name": "张伟",
            "subject": "电梯停运",
            "description": "电梯停了一天。",
            "occurred_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["category"]
    assert Complaint.objects.count() == 0


# By pinyin: PostgreSQL's ICU collation (the demo's SQLite sorts by code point).
@pytest.mark.skipif(
    "postgres" not in settings.DATABASES["default"]["ENGINE"],
    reason="ordering names by pinyin needs PostgreSQL's ICU collation",
)
def test_the_assignees_are_the_estates_handlers_by_name_with_open_cases(estate, other_estate, unit):
    zhang = _staff("张敏", roles.SERVICE_REP, estate)
    wang = _staff("王芳", roles.SUPERVISOR, estate)
    chen = _staff("陈磊", roles.FRONT_DESK, estate)
    li = _staff("李强", roles.MANAGER, estate)
    _staff("赵工", roles.TECHNICIAN, estate)
    _staff("钱会计", roles.CASHIER, estate)
    _staff("孙主管", roles.HOUSEKEEPING, estate)
    _staff("周代表", roles.SERVICE_REP, other_estate)
    UserFactory(first_name="吴离职", roles=[roles.SERVICE_REP], estates=[estate], is_active=False)
    now = timezone.now()
    ComplaintFactory(unit=unit, assignee=zhang)
    ComplaintFactory(unit=unit, assignee=zhang, status="investigating", responded_at=now)
    ComplaintFactory(  # a closed case is not open
        unit=unit, assignee=zhang, status="closed", responded_at=now, visited_at=now, closed_at=now
    )
    ComplaintFactory(unit=unit, assignee=wang)
    ComplaintFactory(estate=other_estate, unit=None, assignee=wang)  # not this estate's case

    field = IntakeForm(data={"estate": estate.pk}, user=li).fields["assignee"]
    choices = [(value.instance, label) for value, label in field.choices if value]

    assert choices == [
        (chen, "陈磊 · 0 open"),
        (li, "李强 · 0 open"),
        (wang, "王芳 · 1 open"),
        (zhang, "张敏 · 2 open"),
    ]


def test_an_assignee_outside_the_handlers_is_refused(front_desk, estate, unit):
    technician = _staff("赵工", roles.TECHNICIAN, estate)
    form = IntakeForm(data={"estate": estate.pk, "assignee": technician.pk}, user=front_desk)
    form.is_valid()
    assert "assignee" in form.errors


@pytest.mark.parametrize(
    "category, trade",
    [("repairs", ""), ("noise", ""), ("cleaning", "cleaning"), ("security", "security")],
)
def test_a_work_order_from_a_complaint_takes_no_trade_but_the_categorys(
    client_for, rep, unit, category, trade
):
    complaint = ComplaintFactory(unit=unit, category=category)
    url = reverse("workorders:create_from_complaint", args=[complaint.pk])
    form = client_for(rep).get(url).context["form"]
    assert (form["trade"].value() or "") == trade


def test_a_work_order_from_a_complaint_needs_its_trade_chosen(client_for, rep, unit):
    complaint = ComplaintFactory(unit=unit, category="repairs")
    url = reverse("workorders:create_from_complaint", args=[complaint.pk])
    response = client_for(rep).post(url, {"priority": "normal", "description": "电梯故障"})
    assert list(response.context["form"].errors) == ["trade"]
    assert complaint.work_orders.count() == 0
