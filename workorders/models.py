"""Work orders (派工单): repair calls, complaint follow-ups and special paid services."""

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from desk.models import ChoiceLabels, staff_link
from desk.photos import Photo
from desk.scoping import EstateScopedQuerySet
from desk.sentences import note_of


class Source(models.TextChoices):
    REPAIR_CALL = "repair_call", _("Repair call")
    COMPLAINT = "complaint", _("Complaint")
    PAID_SERVICE = "paid_service", _("Special paid service")
    PATROL = "patrol", _("Patrol finding")


class Trade(models.TextChoices):
    PLUMBING = "plumbing", _("Plumbing")
    ELECTRICAL = "electrical", _("Electrical")
    CIVIL = "civil", _("Civil works")
    HVAC = "hvac", _("HVAC")
    ELEVATOR = "elevator", _("Elevator")
    CLEANING = "cleaning", _("Cleaning")
    GREENING = "greening", _("Greening")
    PEST_CONTROL = "pest_control", _("Pest control")
    SECURITY = "security", _("Security")


class Department(models.TextChoices):
    ENGINEERING = "engineering", _("Engineering")
    CLEANING = "cleaning", _("Cleaning")
    SECURITY = "security", _("Security")
    GREENING = "greening", _("Greening")


# The department a trade goes to unless the dispatcher chooses otherwise.
TRADE_DEPARTMENT = {
    Trade.PLUMBING: Department.ENGINEERING,
    Trade.ELECTRICAL: Department.ENGINEERING,
    Trade.CIVIL: Department.ENGINEERING,
    Trade.HVAC: Department.ENGINEERING,
    Trade.ELEVATOR: Department.ENGINEERING,
    Trade.CLEANING: Department.CLEANING,
    Trade.PEST_CONTROL: Department.CLEANING,
    Trade.GREENING: Department.GREENING,
    Trade.SECURITY: Department.SECURITY,
}


class Priority(models.TextChoices):
    URGENT = "urgent", _("Urgent")
    NORMAL = "normal", _("Normal")
    PLANNED = "planned", _("Planned")


class Status(models.TextChoices):
    OPEN = "open", _("Open")
    DISPATCHED = "dispatched", _("Dispatched")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    VERIFIED = "verified", _("Verified")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


# Orders whose work is not done yet (the home pages' "open" orders).
PENDING = [Status.OPEN, Status.DISPATCHED, Status.IN_PROGRESS]
# Orders the daily closing still has to look at.
UNFINISHED = [Status.OPEN, Status.DISPATCHED, Status.IN_PROGRESS, Status.DONE, Status.VERIFIED]
# Orders whose work is done (they count as completed in the figures).
COMPLETED = [Status.DONE, Status.VERIFIED, Status.CLOSED]


class WorkOrderSettings(models.Model):
    """Per-estate due times for each priority."""

    DEFAULT_URGENT_HOURS = 4
    DEFAULT_NORMAL_HOURS = 24
    DEFAULT_PLANNED_DAYS = 7

    estate = models.OneToOneField(
        "desk.Estate",
        on_delete=models.PROTECT,
        related_name="workorder_settings",
        verbose_name=_("estate"),
    )
    urgent_hours = models.PositiveSmallIntegerField(
        _("urgent: due within (hours)"), default=DEFAULT_URGENT_HOURS
    )
    normal_hours = models.PositiveSmallIntegerField(
        _("normal: due within (hours)"), default=DEFAULT_NORMAL_HOURS
    )
    planned_days = models.PositiveSmallIntegerField(
        _("planned: due within (days)"), default=DEFAULT_PLANNED_DAYS
    )
    history = HistoricalRecords()  # the estate settings page says who changed the due times

    estate_lookup = "estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("work-order settings")
        verbose_name_plural = _("work-order settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(urgent_hours__gt=0) & Q(normal_hours__gt=0) & Q(planned_days__gt=0),
                name="workorder_settings_positive",
            )
        ]

    def __str__(self):
        return str(self.estate)

    def time_allowed(self, priority) -> datetime.timedelta:
        if priority == Priority.URGENT:
            return datetime.timedelta(hours=self.urgent_hours)
        if priority == Priority.PLANNED:
            return datetime.timedelta(days=self.planned_days)
        return datetime.timedelta(hours=self.normal_hours)


class WorkOrderQuerySet(EstateScopedQuerySet):
    def visible_to(self, user):
        """Scoped to the user's estates; a technician sees only the orders assigned to them."""
        qs = self.for_user(user)
        if user.is_authenticated and not user.has_perm("workorders.view_all_workorders"):
            qs = qs.filter(assignee=user)
        return qs

    def unfinished(self):
        return self.filter(status__in=UNFINISHED)


class WorkOrder(ChoiceLabels, models.Model):
    Source = Source
    Trade = Trade
    Department = Department
    Priority = Priority
    Status = Status

    number = models.CharField(_("number"), max_length=16, unique=True, editable=False)
    estate = models.ForeignKey(
        "desk.Estate", on_delete=models.PROTECT, related_name="+", verbose_name=_("estate")
    )
    building = models.ForeignKey(
        "tenants.Building",
        on_delete=models.PROTECT,
        related_name="work_orders",
        null=True,
        blank=True,
        verbose_name=_("building"),
    )
    unit = models.ForeignKey(
        "tenants.Unit",
        on_delete=models.PROTECT,
        related_name="work_orders",
        null=True,
        blank=True,
        verbose_name=_("unit"),
        help_text=_("Empty for a public area."),
    )
    location = models.CharField(
        _("location"),
        max_length=200,
        blank=True,
        help_text=_("Where in the unit, or which public area (e.g. lobby of building 3)."),
    )
    source = models.CharField(_("source"), max_length=16, choices=Source)
    complaint = models.ForeignKey(
        "complaints.Complaint",
        on_delete=models.PROTECT,
        related_name="work_orders",
        null=True,
        blank=True,
        verbose_name=_("complaint"),
    )
    trade = models.CharField(_("trade"), max_length=16, choices=Trade)
    department = models.CharField(_("department"), max_length=16, choices=Department)
    priority = models.CharField(
        _("priority"), max_length=16, choices=Priority, default=Priority.NORMAL
    )
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.OPEN)
    description = models.TextField(_("description"))
    requested_by_name = models.CharField(_("requested by"), max_length=100, blank=True)
    resident = models.ForeignKey(
        "tenants.Resident",
        on_delete=models.PROTECT,
        related_name="work_orders",
        null=True,
        blank=True,
        verbose_name=_("resident"),
        help_text=_("The resident who asked, when they are in the register."),
    )
    # A requester's own number: for a resident of the register only a number the register
    # does not have (their phone is read through `resident`: see `contact_phone`).
    requested_by_phone = models.CharField(_("phone"), max_length=32, blank=True)
    price = models.DecimalField(
        _("price (CNY)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("For a special paid service: charged to the unit."),
    )
    assignee = staff_link(_("technician"), related_name="assigned_work_orders")
    created_by = staff_link(_("taken by"))
    created_at = models.DateTimeField(_("created at"))
    due_at = models.DateTimeField(_("due at"))
    dispatched_at = models.DateTimeField(_("dispatched at"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    work_notes = models.TextField(_("work notes"), blank=True)
    materials = models.TextField(_("materials"), blank=True)
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    cancel_reason = models.CharField(_("cancel reason"), max_length=200, blank=True)
    reopen_count = models.PositiveSmallIntegerField(_("times reopened"), default=0)
    history = HistoricalRecords()

    estate_lookup = "estate"
    objects = WorkOrderQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("work order")
        verbose_name_plural = _("work orders")
        constraints = [
            models.CheckConstraint(
                condition=Q(price__isnull=True) | Q(price__gte=0),
                name="workorder_price_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(source="paid_service") | Q(price__isnull=False),
                name="workorder_paid_service_has_price",
            ),
            models.CheckConstraint(
                condition=Q(satisfaction__isnull=True)
                | Q(satisfaction__gte=1, satisfaction__lte=5),
                name="workorder_satisfaction_1_to_5",
            ),
            models.CheckConstraint(
                condition=~Q(source="complaint") | Q(complaint__isnull=False),
                name="workorder_complaint_source_has_complaint",
            ),
            models.CheckConstraint(
                condition=Q(unit__isnull=False) | ~Q(location=""),
                name="workorder_unit_or_location",
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(cancel_reason=""),
                name="workorder_cancel_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["estate", "-created_at"]),
            models.Index(fields=["estate", "status", "department"]),
            models.Index(fields=["assignee", "status"]),
            models.Index(fields=["unit", "-created_at"]),
            # The list's order over every estate of the user (no estate filter).
            models.Index(fields=["-created_at"], name="workorders_created_desc"),
            # The daily closing: only the unfinished orders, in department order.
            models.Index(
                fields=["department", "due_at"],
                condition=models.Q(status__in=UNFINISHED),
                name="workorders_unfinished",
            ),
        ]
        permissions = [
            ("view_all_workorders", _("Can see every work order of the estate")),
            ("dispatch_workorder", _("Can dispatch work orders")),
            ("work_workorder", _("Can start and finish the work orders assigned to them")),
            ("verify_workorder", _("Can verify, reopen and close work orders")),
            ("cancel_workorder", _("Can cancel work orders")),
            ("view_daily_closing", _("Can see the daily closing of work orders")),
            ("view_completion_check", _("Can see and export the weekly completion check")),
        ]

    def __str__(self):
        return self.number

    @property
    def place(self):
        """The unit label, or the public area."""
        if self.unit_id:
            label = self.unit.label
            return f"{label} {self.location}".strip()
        return self.location

    @property
    def contact_phone(self) -> str:
        """The number to call (mask it with `contact_for`): the one the requester gave,
        else the linked resident's current mobile (select_related("resident") in lists)."""
        if self.requested_by_phone or self.resident_id is None:
            return self.requested_by_phone
        return self.resident.mobile

    def is_overdue(self, now=None):
        from django.utils import timezone

        if self.status in (Status.CANCELLED,):
            return False
        if self.done_at is not None:
            return self.done_at > self.due_at
        return (now or timezone.now()) > self.due_at

    @property
    def is_paid_service(self):
        return self.source == Source.PAID_SERVICE


class WorkOrderPhoto(Photo):
    photo_of = "order"

    order = models.ForeignKey(
        WorkOrder, on_delete=models.PROTECT, related_name="photos", verbose_name=_("work order")
    )

    estate_lookup = "order__estate"

    class Meta(Photo.Meta):
        verbose_name = _("work-order photo")
        verbose_name_plural = _("work-order photos")

    def folder(self):
        return self.order.number


class WorkOrderEvent(ChoiceLabels, models.Model):
    """The timeline of an order: every transition, who, when and why."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Created")
        DISPATCHED = "dispatched", _("Dispatched")
        STARTED = "started", _("Started")
        FINISHED = "finished", _("Finished")
        VERIFIED = "verified", _("Verified")
        REOPENED = "reopened", _("Reopened")
        CLOSED = "closed", _("Closed")
        CANCELLED = "cancelled", _("Cancelled")

    order = models.ForeignKey(
        WorkOrder, on_delete=models.PROTECT, related_name="events", verbose_name=_("work order")
    )
    kind = models.CharField(_("event"), max_length=16, choices=Kind)
    at = models.DateTimeField(_("at"))
    by = staff_link(_("by"))
    # What happened, never a sentence: {"assignee": "李师傅"}, {"score": 4, "note": ...};
    # "note" is what a person typed, shown as typed (see workorders.events).
    values = models.JSONField(_("values"), default=dict, blank=True)

    estate_lookup = "order__estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("work-order event")
        verbose_name_plural = _("work-order events")

    def __str__(self):
        return f"{self.order} {self.kind}"

    @property
    def detail(self) -> str:
        """What happened, in the reader's language (empty when the kind says it all)."""
        from workorders.events import event_detail

        return event_detail(self.kind, self.values)

    @property
    def note(self) -> str:
        return note_of(self.values)
