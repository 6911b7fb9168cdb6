"""The front desk's records: the visit and call log, messages for staff, incidents, item
release passes and the shift handover."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from desk.scoping import EstateScopedQuerySet
from workorders.case_links import made_a_case
from workorders.models import Department

USER = settings.AUTH_USER_MODEL


class LogEntryQuerySet(EstateScopedQuerySet):
    def passed_on_open(self):
        return self.filter(outcome=LogEntry.Outcome.PASSED_ON, resolved_at__isnull=True)

    def overdue(self, now):
        return self.passed_on_open().filter(resolve_by__lt=now)


class LogEntry(made_a_case("log_entry")):
    """One visit or call at the desk (来访来电登记): who, which unit, what for, what was done."""

    class Kind(models.TextChoices):
        CALL = "call", _("Call")
        VISIT = "visit", _("Visit")

    class Purpose(models.TextChoices):
        INQUIRY = "inquiry", _("Inquiry")
        REPAIR = "repair", _("Repair")
        COMPLAINT = "complaint", _("Complaint")
        PAYMENT = "payment", _("Payment")
        MAIL = "mail", _("Mail")
        VISITOR = "visitor", _("Visitor for a resident")
        OTHER = "other", _("Other")

    class Outcome(models.TextChoices):
        ANSWERED = "answered", _("Answered on the spot")
        PASSED_ON = "passed_on", _("Passed to a department")

    estate = models.ForeignKey(
        "desk.Estate", on_delete=models.PROTECT, related_name="+", verbose_name=_("estate")
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind, default=Kind.CALL)
    at = models.DateTimeField(_("time"), db_index=True)
    unit = models.ForeignKey(
        "tenants.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="log_entries",
        verbose_name=_("unit"),
    )
    resident = models.ForeignKey(
        "tenants.Resident",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="log_entries",
        verbose_name=_("resident"),
    )
    # A caller who is not (or not found) in the register; a resident's phone is read
    # through the link, never copied.
    caller_name = models.CharField(_("name"), max_length=100, blank=True)
    caller_phone = models.CharField(_("phone"), max_length=32, blank=True)
    purpose = models.CharField(_("purpose"), max_length=16, choices=Purpose)
    summary = models.TextField(_("summary"))
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome)
    department = models.CharField(
        _("department"), max_length=16, choices=Department.choices, blank=True
    )
    resolve_by = models.DateTimeField(_("agreed resolution time"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolution = models.TextField(_("resolution"), blank=True)
    incident = models.ForeignKey(
        "frontdesk.Incident",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="log_entries",
        verbose_name=_("incident"),
    )
    logged_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("logged by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    estate_lookup = "estate"
    objects = LogEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("visit or call")
        verbose_name_plural = _("visits and calls")
        indexes = [
            models.Index(fields=["estate", "-at"], name="logentry_estate_at"),
            models.Index(
                fields=["estate", "resolve_by"],
                condition=Q(outcome="passed_on", resolved_at__isnull=True),
                name="logentry_passed_on_open",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome="passed_on")
                | (Q(resolve_by__isnull=False) & ~Q(department="")),
                name="logentry_passed_on_has_department_and_time",
            ),
            models.CheckConstraint(
                condition=Q(resident__isnull=False) | ~Q(caller_name=""),
                name="logentry_has_someone",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.who}"

    @property
    def who(self):
        return self.resident.name if self.resident_id else self.caller_name

    def is_overdue(self, now):
        return (
            self.outcome == self.Outcome.PASSED_ON
            and self.resolved_at is None
            and self.resolve_by is not None
            and self.resolve_by < now
        )


class StaffMessage(models.Model):
    """A message left at the desk for a member of staff (留言), passed on through the inbox."""

    estate = models.ForeignKey(
        "desk.Estate", on_delete=models.PROTECT, related_name="+", verbose_name=_("estate")
    )
    recipient = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("for")
    )
    from_name = models.CharField(_("from"), max_length=100)
    from_phone = models.CharField(_("phone"), max_length=32, blank=True)
    unit = models.ForeignKey(
        "tenants.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
    )
    text = models.TextField(_("message"))
    left_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("taken by")
    )
    left_at = models.DateTimeField(_("left at"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    estate_lookup = "estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-left_at", "-pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [models.Index(fields=["recipient", "done_at"], name="staffmessage_open")]

    def __str__(self):
        return f"{self.from_name} → {self.recipient_id}"


class Incident(models.Model):
    """An outage or works (停水停电...) and what to tell callers (话术) while it lasts."""

    class Kind(models.TextChoices):
        WATER = "water", _("Water cut")
        POWER = "power", _("Power cut")
        GAS = "gas", _("Gas cut")
        LIFT = "lift", _("Lift out of service")
        WORKS = "works", _("Works")
        OTHER = "other", _("Other")

    estate = models.ForeignKey(
        "desk.Estate", on_delete=models.PROTECT, related_name="+", verbose_name=_("estate")
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind)
    title = models.CharField(_("title"), max_length=200)
    buildings = models.ManyToManyField(
        "tenants.Building", related_name="+", verbose_name=_("affected buildings")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    script = models.TextField(_("what to tell callers"))
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    estate_lookup = "estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="incident_ends_after_start"
            )
        ]

    def __str__(self):
        return self.title

    def is_active(self, now):
        return self.ended_at is None and self.starts_at <= now < self.ends_at


class ReleaseAuthorisation(models.Model):
    """The owner's authorisation for an occupant to take goods out of the unit."""

    unit = models.ForeignKey(
        "tenants.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    resident = models.ForeignKey(
        "tenants.Resident",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("authorised occupant"),
    )
    note = models.CharField(_("how the owner authorised"), max_length=200)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    estate_lookup = "unit__estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("release authorisation")
        verbose_name_plural = _("release authorisations")
        constraints = [
            models.UniqueConstraint(fields=["unit", "resident"], name="releaseauth_one_per_person")
        ]

    def __str__(self):
        return f"{self.resident_id} @ {self.unit_id}"


class ReleasePass(models.Model):
    """An item release pass (物品放行条): goods leaving the estate, shown to the guard."""

    estate = models.ForeignKey(
        "desk.Estate", on_delete=models.PROTECT, related_name="+", verbose_name=_("estate")
    )
    number = models.CharField(_("number"), max_length=32, unique=True)
    unit = models.ForeignKey(
        "tenants.Unit",
        on_delete=models.PROTECT,
        related_name="release_passes",
        verbose_name=_("unit"),
    )
    resident = models.ForeignKey(
        "tenants.Resident",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("issued to"),
    )
    items = models.TextField(_("items"))
    carrier = models.CharField(_("carried by"), max_length=100)
    valid_on = models.DateField(_("date"), db_index=True)
    arrears = models.DecimalField(
        _("arrears shown"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    issued_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("issued by")
    )
    issued_at = models.DateTimeField(_("issued at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    used_by = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked by"),
    )

    estate_lookup = "estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("release pass")
        verbose_name_plural = _("release passes")

    def __str__(self):
        return self.number


class Handover(models.Model):
    """A shift handover (交接班): what was open, computed and kept; the checklist and notes;
    acknowledged by the incoming receptionist in their own session, then read-only."""

    estate = models.ForeignKey(
        "desk.Estate", on_delete=models.PROTECT, related_name="+", verbose_name=_("estate")
    )
    shift_start = models.DateTimeField(_("shift from"))
    shift_end = models.DateTimeField(_("shift to"))
    snapshot = models.JSONField(default=dict)  # desk.handover sections' data, by name
    checklist = models.JSONField(default=list)  # [{"item": "...", "ok": true}]
    notes = models.TextField(_("notes"), blank=True)
    handed_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("handed over by")
    )
    handed_at = models.DateTimeField(_("handed over at"))
    acknowledged_by = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("acknowledged by"),
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    supervisor_told_at = models.DateTimeField(null=True, blank=True)

    estate_lookup = "estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-handed_at", "-pk"]
        verbose_name = _("shift handover")
        verbose_name_plural = _("shift handovers")
        constraints = [
            models.CheckConstraint(
                condition=Q(acknowledged_by__isnull=True)
                | ~Q(acknowledged_by=models.F("handed_by")),
                name="handover_acknowledged_by_another",
            )
        ]

    def __str__(self):
        return f"{self.estate_id} {self.shift_end:%Y-%m-%d %H:%M}"


class HandoverChecklist(models.Model):
    """The estate's keys and equipment to hand over, one item a line."""

    estate = models.OneToOneField(
        "desk.Estate", on_delete=models.CASCADE, related_name="+", verbose_name=_("estate")
    )
    items = models.TextField(_("keys and equipment"), blank=True)

    estate_lookup = "estate"
    objects = EstateScopedQuerySet.as_manager()

    def __str__(self):
        return str(self.estate_id)

    def lines(self):
        return [line.strip() for line in self.items.splitlines() if line.strip()]
