"""Complaints (投诉): intake, the first-response clock, the ruling, the return visit."""

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from desk.clock import local_date
from desk.models import ChoiceLabels, staff_link
from desk.scoping import EstateScopedQuerySet
from desk.sentences import note_of

DEFAULT_FIRST_RESPONSE_MINUTES = 30
DEFAULT_LATE_REPORT_DAYS = 30


class ComplaintSettings(models.Model):
    """Per-estate settings of the complaint clock (the estate model stays the register's)."""

    estate = models.OneToOneField(
        "desk.Estate",
        on_delete=models.CASCADE,
        related_name="complaint_settings",
        verbose_name=_("estate"),
    )
    first_response_minutes = models.PositiveSmallIntegerField(
        _("first response within (minutes)"), default=DEFAULT_FIRST_RESPONSE_MINUTES
    )
    late_report_days = models.PositiveSmallIntegerField(
        _("probably invalid after (days)"),
        default=DEFAULT_LATE_REPORT_DAYS,
        help_text=_("A complaint about an event older than this is flagged as probably invalid."),
    )
    history = HistoricalRecords()  # the estate settings page says who changed the clock

    estate_lookup = "estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("complaint settings")
        verbose_name_plural = _("complaint settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(first_response_minutes__gt=0), name="complaint_sla_positive"
            )
        ]

    def __str__(self):
        return str(self.estate)


class Complaint(ChoiceLabels, models.Model):
    class Channel(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        PHONE = "phone", _("Phone")
        ONLINE = "online", _("Online / chat")
        PATROL = "patrol", _("Found on patrol")

    class Category(models.TextChoices):
        # Service complaints: about how the staff behave.
        STAFF_ATTITUDE = "staff_attitude", _("Staff attitude")
        BROKEN_PROMISE = "broken_promise", _("Broken promise")
        DUTY_NOT_DONE = "duty_not_done", _("Duty not done")
        # Business complaints: about the substance.
        REPAIRS = "repairs", _("Repairs")
        CLEANING = "cleaning", _("Cleaning")
        SECURITY = "security", _("Security")
        NOISE = "noise", _("Noise")
        PARKING = "parking", _("Parking")
        NEIGHBOURS = "neighbours", _("Neighbours")
        FEES = "fees", _("Fees")
        OTHER = "other", _("Other")

    class Kind(models.TextChoices):
        SERVICE = "service", _("Service")
        BUSINESS = "business", _("Business")

    SERVICE_CATEGORIES = frozenset({"staff_attitude", "broken_promise", "duty_not_done"})

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        RESPONDED = "responded", _("Responded")
        INVESTIGATING = "investigating", _("Investigating")
        RESOLVED = "resolved", _("Resolved")
        VISITED = "visited", _("Return visit done")
        CLOSED = "closed", _("Closed")

    class Validity(models.TextChoices):
        VALID = "valid", _("Valid")
        INVALID = "invalid", _("Invalid")

    class Severity(models.TextChoices):
        GENERAL = "general", _("General")
        SEVERE = "severe", _("Severe")

    class InvalidKind(models.TextChoices):
        ORDINARY = "ordinary", _("Ordinary (misunderstanding)")
        MALICIOUS = "malicious", _("Malicious")

    class Escalation(models.IntegerChoices):
        NONE = 0, _("Not escalated")
        SUPERVISOR = 1, _("Supervisor")
        MANAGER = 2, _("Manager")

    estate = models.ForeignKey(
        "desk.Estate", on_delete=models.PROTECT, related_name="+", verbose_name=_("estate")
    )
    unit = models.ForeignKey(
        "tenants.Unit",
        on_delete=models.PROTECT,
        related_name="complaints",
        null=True,
        blank=True,
        verbose_name=_("unit"),
        help_text=_("Empty for a public area."),
    )
    resident = models.ForeignKey(
        "tenants.Resident",
        on_delete=models.PROTECT,
        related_name="complaints",
        null=True,
        blank=True,
        verbose_name=_("resident"),
    )
    number = models.CharField(_("number"), max_length=20, unique=True)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel)
    category = models.CharField(_("category"), max_length=20, choices=Category)
    complainant_name = models.CharField(_("complainant"), max_length=100)
    # A caller's own number: for a resident of the register only a number the register does
    # not have (their phone is read through `resident`, never copied: see `contact_phone`).
    complainant_phone = models.CharField(_("complainant phone"), max_length=32, blank=True)
    subject = models.CharField(_("about"), max_length=200, help_text=_("What or whom."))
    description = models.TextField(_("what happened"))
    occurred_on = models.DateField(_("happened on"))
    received_at = models.DateTimeField(_("received at"))
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("received by"),
    )
    first_response_due = models.DateTimeField(_("first response due"))
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.RECEIVED)
    assignee = staff_link(_("assignee"), related_name="assigned_complaints")
    # The handling plan (first response).
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)
    responded_by = staff_link(_("responded by"))
    plan = models.TextField(_("handling plan"), blank=True)
    # Escalation.
    escalation_level = models.PositiveSmallIntegerField(
        _("escalation"), choices=Escalation, default=Escalation.NONE
    )
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    # The reason given by hand; empty when the clock escalated it (escalation_reason_display).
    escalation_reason = models.CharField(_("escalation reason"), max_length=300, blank=True)
    # The supervisor's ruling.
    validity = models.CharField(_("validity"), max_length=8, choices=Validity, blank=True)
    severity = models.CharField(_("severity"), max_length=8, choices=Severity, blank=True)
    invalid_kind = models.CharField(
        _("kind of invalid complaint"), max_length=10, choices=InvalidKind, blank=True
    )
    ruling_reason = models.TextField(_("ruling reason"), blank=True)
    ruled_at = models.DateTimeField(_("ruled at"), null=True, blank=True)
    ruled_by = staff_link(_("ruled by"))
    # Resolution and the return visit (回访).
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolution = models.TextField(_("what was done"), blank=True)
    satisfaction = models.PositiveSmallIntegerField(_("satisfaction"), null=True, blank=True)
    visit_comment = models.TextField(_("return visit comment"), blank=True)
    visited_by = staff_link(_("return visit by"))
    visited_at = models.DateTimeField(_("return visit at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # Kept by the database, so the `breached` filter of 60,000 complaints reads an index.
    answered_late = models.GeneratedField(
        expression=Case(
            When(responded_at__gt=F("first_response_due"), then=Value(True)),
            default=Value(False),
        ),
        output_field=models.BooleanField(),
        db_persist=True,
        verbose_name=_("answered late"),
    )
    history = HistoricalRecords(excluded_fields=["answered_late"])

    estate_lookup = "estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        constraints = [
            models.CheckConstraint(
                condition=Q(satisfaction__isnull=True)
                | Q(satisfaction__gte=1, satisfaction__lte=5),
                name="complaint_satisfaction_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(first_response_due__gt=models.F("received_at")),
                name="complaint_due_after_receipt",
            ),
            models.CheckConstraint(
                condition=(
                    Q(validity="", severity="", invalid_kind="")
                    | (Q(validity="valid", invalid_kind="") & ~Q(severity=""))
                    | (Q(validity="invalid", severity="") & ~Q(invalid_kind=""))
                ),
                name="complaint_ruling_consistent",
            ),
            models.CheckConstraint(
                condition=Q(status="received") | Q(responded_at__isnull=False),
                name="complaint_responded_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed")
                | Q(closed_at__isnull=False, visited_at__isnull=False),
                name="complaint_closed_after_visit",
            ),
        ]
        indexes = [
            models.Index(fields=["-received_at"]),  # the lists' order, over several estates
            models.Index(fields=["estate", "-received_at"]),
            models.Index(fields=["estate", "status"]),
            models.Index(fields=["assignee", "status"]),
            models.Index(fields=["status", "first_response_due"]),
            # The two halves of "breached" (see selectors.breached_q).
            models.Index(
                fields=["estate"], condition=Q(answered_late=True), name="complaint_answered_late"
            ),
            models.Index(
                fields=["first_response_due"],
                condition=Q(responded_at__isnull=True),
                name="complaint_unanswered_due",
            ),
        ]
        permissions = [
            ("handle_complaint", _("Can answer, investigate, resolve and close complaints")),
            ("rule_complaint", _("Can rule a complaint valid or invalid")),
            ("view_complaint_board", _("Can see the supervisor's complaint board")),
            ("view_complaint_analysis", _("Can see and export the complaint summaries")),
        ]

    def __str__(self):
        return self.number

    @property
    def kind(self):
        if self.category in self.SERVICE_CATEGORIES:
            return self.Kind.SERVICE
        return self.Kind.BUSINESS

    def get_kind_display(self):
        return self.Kind(self.kind).label

    @property
    def is_open(self):
        return self.status != self.Status.CLOSED

    @property
    def contact_phone(self) -> str:
        """The number to call back (mask it with `contact_for`): the one the caller gave,
        else the linked resident's current mobile (select_related("resident") in lists)."""
        if self.complainant_phone or self.resident_id is None:
            return self.complainant_phone
        return self.resident.mobile

    def is_breached(self, now):
        """The first response came late, or has not come and the due time has passed."""
        if self.responded_at is not None:
            return self.responded_at > self.first_response_due
        return now > self.first_response_due

    @property
    def days_before_report(self):
        return (local_date(self.estate, self.received_at) - self.occurred_on).days

    @property
    def escalation_reason_display(self):
        if self.escalation_level and not self.escalation_reason:
            from complaints.events import automatic_escalation_reason

            return automatic_escalation_reason()
        return self.escalation_reason

    @property
    def ruling_display(self):
        if self.validity == self.Validity.VALID:
            return f"{self.get_validity_display()} · {self.get_severity_display()}"
        if self.validity == self.Validity.INVALID:
            return f"{self.get_validity_display()} · {self.get_invalid_kind_display()}"
        return ""


class ComplaintEvent(ChoiceLabels, models.Model):
    """One line of a complaint's timeline: who did what, when."""

    class Kind(models.TextChoices):
        RECEIVED = "received", _("Received")
        RESPONDED = "responded", _("Handling plan given")
        INVESTIGATING = "investigating", _("Investigation started")
        RULED = "ruled", _("Ruled")
        RESOLVED = "resolved", _("Resolved")
        VISITED = "visited", _("Return visit")
        CLOSED = "closed", _("Closed")
        ASSIGNED = "assigned", _("Assigned")
        ESCALATED = "escalated", _("Escalated")

    complaint = models.ForeignKey(
        Complaint, on_delete=models.PROTECT, related_name="events", verbose_name=_("complaint")
    )
    at = models.DateTimeField(_("at"))
    by = staff_link(_("by"), help_text=_("Empty when the system did it."))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind)
    # What happened, never a sentence: e.g. {"assignee": "王芳"}, {"score": 4, "note": ...};
    # "note" is what a person typed, shown as typed (see complaints.events).
    values = models.JSONField(_("values"), default=dict, blank=True)

    estate_lookup = "complaint__estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("complaint event")
        verbose_name_plural = _("complaint events")

    def __str__(self):
        return f"{self.complaint_id} {self.kind} {self.at}"

    @property
    def detail(self) -> str:
        """What happened, in the reader's language (empty when the kind says it all)."""
        from complaints.events import event_detail

        return event_detail(self.kind, self.values)

    @property
    def note(self) -> str:
        return note_of(self.values)
