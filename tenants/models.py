"""The register: the estates' buildings, units, residents and who lives where."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Func, Q, Value
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from desk.models import ChoiceLabels, Estate, staff_link
from desk.scoping import EstateScopedQuerySet
from tenants.natural_order import NaturalKeyField

# The natural order of a building or unit number (1-101, 1-102 ... 1-1001, not as text): the
# number in lower case with every run of digits padded to ten (at most 16 characters of 8
# runs: 88), kept by the database itself (a generated column, so every write path keeps it:
# forms, imports, seeding, the admin).
NATURAL_DIGITS = 10


def natural_sort_key(field):
    padded = Func(
        Lower(field),
        Value("([0-9]+)"),
        Value("0" * NATURAL_DIGITS + r"\1"),
        Value("g"),
        function="regexp_replace",
    )
    return Func(
        padded,
        Value(rf"0*([0-9]{{{NATURAL_DIGITS}}})"),
        Value(r"\1"),
        Value("g"),
        function="regexp_replace",
    )


def _sort_key_field():
    return models.GeneratedField(
        expression=natural_sort_key("number"),
        output_field=NaturalKeyField(max_length=160, db_collation="C"),
        db_persist=True,
        verbose_name=_("sort key"),
    )


class Building(models.Model):
    estate = models.ForeignKey(
        Estate, on_delete=models.PROTECT, related_name="buildings", verbose_name=_("estate")
    )
    number = models.CharField(_("building number"), max_length=16)
    name = models.CharField(_("name"), max_length=100, blank=True)
    floors = models.PositiveSmallIntegerField(_("floors"), default=1)
    sort_key = _sort_key_field()

    estate_lookup = "estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["estate", "sort_key"]
        verbose_name = _("building")
        verbose_name_plural = _("buildings")
        constraints = [
            models.UniqueConstraint(fields=["estate", "number"], name="building_unique_number")
        ]

    def __str__(self):
        return self.name or _("Building %(number)s") % {"number": self.number}


class Area(models.Model):
    """An area (片区) of an estate: some of its buildings, looked after by a service rep
    (and a deputy) who visits, patrols and chases fees there. A building is in at most one
    area (AreaBuilding.building is unique); one in no area has no rep."""

    estate = models.ForeignKey(
        Estate, on_delete=models.PROTECT, related_name="areas", verbose_name=_("estate")
    )
    name = models.CharField(_("name"), max_length=50)
    buildings = models.ManyToManyField(
        Building, through="AreaBuilding", related_name="areas", verbose_name=_("buildings")
    )
    rep = staff_link(_("rep"))
    deputy = staff_link(_("deputy rep"))
    history = HistoricalRecords()  # who named which rep, and when

    estate_lookup = "estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["estate", "name"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        constraints = [
            models.UniqueConstraint(fields=["estate", "name"], name="area_unique_name"),
            models.CheckConstraint(
                condition=Q(rep__isnull=True) | Q(deputy__isnull=True) | ~Q(rep=F("deputy")),
                name="area_deputy_not_rep",
            ),
        ]

    def __str__(self):
        return self.name


class AreaBuilding(models.Model):
    """A building's place in its area; its history says who moved it when."""

    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("area")
    )
    building = models.OneToOneField(  # unique: a building is in one area at most
        Building,
        on_delete=models.CASCADE,
        related_name="area_membership",
        verbose_name=_("building"),
    )
    history = HistoricalRecords()

    estate_lookup = "area__estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("building of an area")
        verbose_name_plural = _("buildings of areas")

    def __str__(self):
        return f"{self.area} · {self.building}"


class Unit(ChoiceLabels, models.Model):
    class Usage(models.TextChoices):
        RESIDENCE = "residence", _("Residence")
        OFFICE = "office", _("Office")
        SHOP = "shop", _("Shop")
        PARKING = "parking", _("Parking")

    class Status(models.TextChoices):
        VACANT = "vacant", _("Vacant")
        OCCUPIED = "occupied", _("Occupied")
        RENOVATING = "renovating", _("Under renovation")

    # The estate is the building's; kept on the unit so lists filter without a join.
    estate = models.ForeignKey(
        Estate, on_delete=models.PROTECT, related_name="units", verbose_name=_("estate")
    )
    building = models.ForeignKey(
        Building, on_delete=models.PROTECT, related_name="units", verbose_name=_("building")
    )
    number = models.CharField(_("unit number"), max_length=16)
    sort_key = _sort_key_field()
    floor = models.SmallIntegerField(_("floor"))
    floor_area = models.DecimalField(
        _("floor area (m²)"),
        max_digits=9,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    usage = models.CharField(_("usage"), max_length=16, choices=Usage, default=Usage.RESIDENCE)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.VACANT)
    handover_date = models.DateField(_("handover date"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["sort_key"])  # the database derives it

    estate_lookup = "estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["building__sort_key", "sort_key"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(fields=["building", "number"], name="unit_unique_number"),
            models.CheckConstraint(condition=Q(floor_area__gt=0), name="unit_area_positive"),
        ]
        indexes = [
            models.Index(fields=["estate", "status"]),
            models.Index(fields=["estate", "usage"]),
            models.Index(fields=["number"]),
            models.Index(fields=["building", "sort_key"], name="unit_building_natural_order"),
        ]
        permissions = [
            ("import_register", _("Can import the register from Excel")),
            ("export_register", _("Can export the tenant list")),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self):
        """The way staff say it: building 3, room 1502 is `3-1502`."""
        return f"{self.building.number}-{self.number}"


class Resident(ChoiceLabels, models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        COMPANY = "company", _("Company")

    estate = models.ForeignKey(
        Estate, on_delete=models.PROTECT, related_name="residents", verbose_name=_("estate")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind, default=Kind.PERSON)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100, blank=True)
    contact_person = models.CharField(
        _("contact person"), max_length=100, blank=True, help_text=_("For a company.")
    )
    mobile = models.CharField(_("mobile"), max_length=32, blank=True)
    phone_other = models.CharField(_("other phone"), max_length=32, blank=True)
    email = models.EmailField(_("email"), blank=True)
    id_number = models.CharField(_("ID number"), max_length=32, blank=True)
    emergency_contact_name = models.CharField(_("emergency contact"), max_length=100, blank=True)
    emergency_contact_phone = models.CharField(
        _("emergency contact phone"), max_length=32, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    estate_lookup = "estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("resident")
        verbose_name_plural = _("residents")
        indexes = [
            models.Index(fields=["estate", "name"]),
            models.Index(fields=["name"]),  # the list's order over several estates
            models.Index(fields=["mobile"]),
        ]

    def __str__(self):
        return self.name


class OccupancyQuerySet(EstateScopedQuerySet):
    def current(self):
        return self.filter(move_out__isnull=True)


class Occupancy(ChoiceLabels, models.Model):
    """A resident's attachment to a unit, from move-in to move-out. Never deleted."""

    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        OCCUPANT = "occupant", _("Occupant")
        FAMILY = "family", _("Family member")
        COMPANY_CONTACT = "company_contact", _("Company contact")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="occupancies", verbose_name=_("unit")
    )
    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, related_name="occupancies", verbose_name=_("resident")
    )
    role = models.CharField(_("role"), max_length=16, choices=Role)
    move_in = models.DateField(_("move-in date"))
    move_out = models.DateField(_("move-out date"), null=True, blank=True)
    move_out_reason = models.CharField(_("move-out reason"), max_length=200, blank=True)
    history = HistoricalRecords()

    estate_lookup = "unit__estate"
    objects = OccupancyQuerySet.as_manager()

    class Meta:
        ordering = ["-move_out", "move_in"]
        verbose_name = _("occupancy")
        verbose_name_plural = _("occupancies")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "resident", "role"],
                condition=Q(move_out__isnull=True),
                name="occupancy_one_current_per_role",
            ),
            models.CheckConstraint(
                condition=Q(move_out__isnull=True) | Q(move_out__gte=models.F("move_in")),
                name="occupancy_out_after_in",
            ),
        ]
        permissions = [("manage_occupancy", _("Can move residents in and out"))]

    def __str__(self):
        return f"{self.resident} @ {self.unit_id} ({self.get_role_display()})"

    @property
    def is_current(self):
        return self.move_out is None


class ContactReveal(models.Model):
    """The audit log of masked contact data seen in full: a supervisor revealing one contact
    with a reason, or a technician's call link to the requester of an order assigned to them
    (one row each time the order's page shows it)."""

    class Field(models.TextChoices):
        MOBILE = "mobile", _("mobile")
        PHONE_OTHER = "phone_other", _("other phone")
        EMERGENCY = "emergency_contact_phone", _("emergency contact phone")
        ID_NUMBER = "id_number", _("ID number")
        REQUESTER = "requester_phone", _("requester's phone")

    class Purpose(models.TextChoices):
        REVEAL = "reveal", _("revealed with a reason")
        CALL = "call", _("call before the visit")

    estate = models.ForeignKey(
        Estate, on_delete=models.PROTECT, related_name="+", verbose_name=_("estate")
    )
    # Empty for a caller's own number (a visitor's, kept on the case it is about).
    resident = models.ForeignKey(
        Resident,
        on_delete=models.PROTECT,
        related_name="reveals",
        null=True,
        blank=True,
        verbose_name=_("resident"),
    )
    field = models.CharField(_("field"), max_length=32, choices=Field)
    purpose = models.CharField(_("purpose"), max_length=16, choices=Purpose, default=Purpose.REVEAL)
    # The record the number was seen on, e.g. a work order's number.
    subject = models.CharField(_("record"), max_length=40, blank=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    revealed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("revealed by")
    )
    revealed_at = models.DateTimeField(_("revealed at"), auto_now_add=True)

    estate_lookup = "estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-revealed_at"]
        verbose_name = _("contact reveal")
        verbose_name_plural = _("contact reveals")
        permissions = [
            ("view_contact_details", _("Can see residents' phone numbers and ID data")),
            ("reveal_contact", _("Can reveal one masked contact with a reason")),
        ]

    def __str__(self):
        return f"{self.revealed_by} → {self.resident or self.subject} ({self.field})"

    def save(self, *args, **kwargs):
        if self.estate_id is None and self.resident_id is not None:
            self.estate_id = self.resident.estate_id
        super().save(*args, **kwargs)
