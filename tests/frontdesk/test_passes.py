"""Item release passes: only to the owner or an authorised occupant, arrears shown where
billing exists, printed with a number, used once by the guard."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from billing.models import Bill, BillLine
from desk.errors import BusinessRuleError
from frontdesk import services
from frontdesk.models import ReleasePass
from tenants.models import Occupancy
from tests.factories import FeeStandardFactory, OccupancyFactory, ResidentFactory
from tests.printing import cells

pytestmark = pytest.mark.django_db


@pytest.fixture
def tenant(unit, estate, occupancy):
    resident = ResidentFactory(estate=estate, name="租客刘")
    OccupancyFactory(unit=unit, resident=resident, role=Occupancy.Role.OCCUPANT)
    return resident


def _issue(unit, resident, by):
    return services.release_pass_issue(
        unit=unit,
        resident=resident,
        items="冰箱一台",
        carrier="刘师傅",
        valid_on=timezone.localdate(),
        by=by,
    )


def test_the_owner_gets_a_numbered_pass(unit, occupancy, front_desk, estate):
    first = _issue(unit, occupancy.resident, front_desk)
    second = _issue(unit, occupancy.resident, front_desk)
    year = timezone.localdate().year
    assert (first.number, second.number) == (f"FX-CH-{year}-000001", f"FX-CH-{year}-000002")


def test_a_pass_is_refused_to_someone_the_unit_does_not_authorise(unit, tenant, front_desk, estate):
    stranger = ResidentFactory(estate=estate)
    for person in (tenant, stranger):
        with pytest.raises(BusinessRuleError):
            _issue(unit, person, front_desk)
    assert ReleasePass.objects.count() == 0


def test_an_occupant_the_owner_authorised_gets_one(unit, tenant, front_desk):
    services.release_authorise(unit=unit, resident=tenant, note="业主电话授权", by=front_desk)
    assert _issue(unit, tenant, front_desk).resident == tenant


def test_the_form_refuses_next_to_the_field(client_for, front_desk, unit, tenant):
    response = client_for(front_desk).post(
        reverse("frontdesk:pass_new"),
        {
            "estate": unit.estate_id,
            "unit_label": "3-1502",
            "resident": tenant.pk,
            "items": "沙发",
            "carrier": "搬家公司",
            "valid_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 200
    assert "not the owner" in str(response.context["form"].errors["resident"])


def test_the_units_arrears_are_shown_and_kept(client_for, front_desk, unit, occupancy, estate):
    standard = FeeStandardFactory(estate=estate, name="物业管理费")
    bill = Bill.objects.create(
        estate=estate, unit=unit, year=2026, month=3, total=Decimal("100.00")
    )
    BillLine.objects.create(
        estate=estate,
        unit=unit,
        bill=bill,
        standard=standard,
        kind="property",
        description="物业管理费 2026-03",
        quantity=Decimal("40"),
        rate=Decimal("2.5"),
        gross=Decimal("100.00"),
        amount=Decimal("100.00"),
        due_date=datetime.date(2099, 3, 15),
    )
    page = client_for(front_desk).get(reverse("frontdesk:pass_new") + "?unit_label=3-1502")
    assert page.context["arrears"] == Decimal("100.00")
    assert 'id="pass-arrears"' in page.content.decode()
    assert _issue(unit, occupancy.resident, front_desk).arrears == Decimal("100.00")


def test_it_prints_and_the_guard_uses_it_once(client_for, front_desk, unit, occupancy):
    issued = _issue(unit, occupancy.resident, front_desk)
    printed = client_for(front_desk).get(reverse("frontdesk:pass_print", args=[issued.pk]))
    assert issued.number in printed.content.decode()
    assert cells(printed)["Items"] == "冰箱一台"
    services.release_pass_use(release_pass=issued, by=front_desk)
    with pytest.raises(BusinessRuleError):
        services.release_pass_use(release_pass=issued, by=front_desk)


def test_todays_passes_are_listed(client_for, front_desk, unit, occupancy):
    today = _issue(unit, occupancy.resident, front_desk)
    tomorrow = services.release_pass_issue(
        unit=unit,
        resident=occupancy.resident,
        items="床",
        carrier="本人",
        valid_on=timezone.localdate() + datetime.timedelta(days=1),
        by=front_desk,
    )
    listed = client_for(front_desk).get(reverse("frontdesk:pass_list")).context["object_list"]
    assert list(listed) == [today] and tomorrow not in listed
