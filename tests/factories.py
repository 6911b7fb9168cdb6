"""factory-boy factories for every app's records. Apps add theirs below."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from desk.models import Estate, User
from tenants.models import Building, Occupancy, Resident, Unit


class EstateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Estate

    name = factory.Sequence(lambda n: f"翠湖花园{n}期")
    name_en = factory.Sequence(lambda n: f"Green Lake Garden {n}")
    code = factory.Sequence(lambda n: f"E{n:03d}")
    address = "上海市浦东新区翠湖路88号"


class BuildingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Building

    estate = factory.SubFactory(EstateFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    floors = 18


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    building = factory.SubFactory(BuildingFactory)
    estate = factory.SelfAttribute("building.estate")
    number = factory.Sequence(lambda n: f"{(n % 18) + 1}{(n % 4) + 1:02d}")
    floor = factory.LazyAttribute(lambda u: int(u.number[:-2]) if len(u.number) > 2 else 1)
    floor_area = Decimal("89.50")
    usage = Unit.Usage.RESIDENCE
    status = Unit.Status.VACANT


class ResidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resident

    estate = factory.SubFactory(EstateFactory)
    name = factory.Sequence(lambda n: f"王{'伟芳娜敏静丽强磊军洋'[n % 10]}{n}")
    mobile = factory.Sequence(lambda n: f"138{n:08d}")
    emergency_contact_name = "李红"
    emergency_contact_phone = factory.Sequence(lambda n: f"139{n:08d}")


class OccupancyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Occupancy

    unit = factory.SubFactory(UnitFactory)
    resident = factory.SubFactory(ResidentFactory, estate=factory.SelfAttribute("..unit.estate"))
    role = Occupancy.Role.OWNER
    move_in = datetime.date(2024, 3, 1)  # fixed: tests move out on fixed dates after it


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    first_name = factory.Sequence(lambda n: f"员工{n}")
    password = factory.PostGenerationMethodCall("set_password", "desk-pass-123")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))

    @factory.post_generation
    def estates(self, create, extracted, **kwargs):
        if create and extracted:
            self.estates.set(extracted)
        if create:
            self.save()


# --- complaints ---
from datetime import timedelta  # noqa: E402

from complaints.models import Complaint  # noqa: E402


class ComplaintFactory(factory.django.DjangoModelFactory):
    """A complaint as received at the desk (status `received`); steps go through services."""

    class Meta:
        model = Complaint

    unit = factory.SubFactory(UnitFactory)
    estate = factory.LazyAttribute(lambda c: c.unit.estate if c.unit else EstateFactory())
    number = factory.Sequence(lambda n: f"TS-2099-{n + 1:06d}")
    channel = Complaint.Channel.PHONE
    category = Complaint.Category.NOISE
    complainant_name = "张伟"
    complainant_phone = "13812345678"
    subject = "楼上装修噪音"
    description = "晚上十点以后楼上还在电钻施工，影响休息。"
    occurred_on = factory.LazyFunction(timezone.localdate)
    received_at = factory.LazyFunction(timezone.now)
    received_by = factory.SubFactory(UserFactory)
    first_response_due = factory.LazyAttribute(lambda c: c.received_at + timedelta(minutes=30))


# --- workorders ---
from datetime import timedelta as _wo_timedelta  # noqa: E402

from django.db import transaction as _wo_transaction  # noqa: E402

from desk.clock import estate_year  # noqa: E402
from desk.numbering import number_next  # noqa: E402
from workorders.models import WorkOrder  # noqa: E402


def _wo_number(estate, created_at):
    with _wo_transaction.atomic():  # a number is taken inside a transaction
        return number_next(kind="WO", year=estate_year(estate, created_at))


class WorkOrderFactory(factory.django.DjangoModelFactory):
    """An open repair call for a unit; steps go through services (or set status + times)."""

    class Meta:
        model = WorkOrder

    unit = factory.SubFactory(UnitFactory)
    estate = factory.SelfAttribute("unit.estate")
    building = factory.SelfAttribute("unit.building")
    number = factory.LazyAttribute(lambda o: _wo_number(o.estate, o.created_at))
    source = WorkOrder.Source.REPAIR_CALL
    trade = WorkOrder.Trade.PLUMBING
    department = WorkOrder.Department.ENGINEERING
    priority = WorkOrder.Priority.NORMAL
    status = WorkOrder.Status.OPEN
    description = "厨房水龙头漏水，关不紧。"
    requested_by_name = "张伟"
    requested_by_phone = "13812345678"
    created_at = factory.LazyFunction(timezone.now)
    due_at = factory.LazyAttribute(lambda o: o.created_at + _wo_timedelta(hours=24))


# --- billing ---
from billing.models import FeeKind as _FeeKind  # noqa: E402
from billing.models import FeeRate, FeeStandard, MeterReading  # noqa: E402


class FeeStandardFactory(factory.django.DjangoModelFactory):
    """The property management fee of residences, 2.50 a m² a month from 2020 on."""

    class Meta:
        model = FeeStandard
        skip_postgeneration_save = True

    estate = factory.SubFactory(EstateFactory)
    name = factory.Sequence(lambda n: f"物业管理费{n}")
    kind = _FeeKind.PROPERTY
    usages = factory.LazyFunction(lambda: [Unit.Usage.RESIDENCE])
    due_day = 15

    @factory.post_generation
    def rate(self, create, extracted, **kwargs):
        """`rate=Decimal(...)` (default 2.50) from 2020-01-01; `rate=None` for none."""
        if create and extracted is not False:
            FeeRate.objects.create(
                standard=self,
                effective_from=kwargs.get("effective_from", timezone.datetime(2020, 1, 1).date()),
                rate=Decimal("2.50") if extracted is None else extracted,
                tiers=kwargs.get("tiers", []),
            )


class MeterReadingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeterReading

    unit = factory.SubFactory(UnitFactory)
    estate = factory.SelfAttribute("unit.estate")
    kind = MeterReading.Kind.WATER
    year = 2026
    month = 3
    start = Decimal("100")
    reading = Decimal("112")


# --- The suite's one estate (tests/conftest.py's fixtures, the permission matrix's world) ---


def the_estate():
    return EstateFactory(name="翠湖花园", name_en="Green Lake Garden", code="CH")


def the_other_estate():
    return EstateFactory(name="金桥大厦", name_en="Golden Bridge Tower", code="JQ")


def the_building(estate):
    return BuildingFactory(estate=estate, number="3")


def the_unit(building):
    """3-1502, the busy unit of the suite."""
    return UnitFactory(building=building, number="1502", floor=15)


def the_resident(estate):
    return ResidentFactory(estate=estate, name="张伟", mobile="13812345678")


def move_in(unit, resident):
    """The resident lives in the unit, which is occupied."""
    occupancy = OccupancyFactory(unit=unit, resident=resident)
    unit.status = unit.Status.OCCUPIED
    unit.save(update_fields=["status"])
    return occupancy
