"""factory-boy factories for every app's records. Apps add theirs below."""

from decimal import Decimal

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from desk.models import User
from tenants.models import Building, Estate, Occupancy, Resident, Unit


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
    move_in = factory.LazyFunction(lambda: timezone.localdate().replace(day=1))


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
