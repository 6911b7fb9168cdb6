"""Renovation (装修): permits, their daily patrols, violations with rectification notices,
and the completion acceptance that closes a permit.

applied → approved (the unit is *renovating*) → closed (accepted: read-only); applied →
rejected (with a reason). Every change goes through `renovation.services`.
"""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from desk.models import staff_link
from desk.photos import Photo
from desk.scoping import EstateScopedQuerySet


class Scope(models.TextChoices):
    STRUCTURAL = "structural", _("Structural changes")
    FACADE = "facade", _("Facade")
    WATERPROOFING = "waterproofing", _("Kitchen / bathroom waterproofing")
    ELECTRICAL = "electrical", _("Electrical")
    PLUMBING = "plumbing", _("Plumbing")
    AIR_CONDITIONING = "air_conditioning", _("Air conditioning")
    OTHER = "other", _("Other")


# Scopes the manager approves only with an explicit statement of what is allowed.
CONFIRMED_SCOPES = {Scope.STRUCTURAL, Scope.FACADE}


class PatrolItem(models.TextChoices):
    """The renovation patrol record's checklist (装修巡检表)."""

    WORKING_HOURS = "working_hours", _("Working hours")
    COMMON_AREAS = "common_areas", _("Debris and protection of common areas")
    FIRE_SAFETY = "fire_safety", _("Fire safety")
    STRUCTURE = "structure", _("Structure")
    FACADE = "facade", _("Facade")
    WATERPROOFING = "waterproofing", _("Waterproofing")
    ELECTRICAL = "electrical", _("Electrical safety")
    NOISE = "noise", _("Noise")


class ViolationKind(models.TextChoices):
    LOAD_BEARING = "load_bearing", _("Load-bearing structure touched")
    FACADE = "facade", _("Facade changed")
    WATERPROOF_LAYER = "waterproof_layer", _("Waterproof layer damaged")
    WORKING_HOURS = "working_hours", _("Work outside the allowed hours")
    COMMON_AREAS = "common_areas", _("Debris or unprotected common areas")
    FIRE_SAFETY = "fire_safety", _("Fire safety")
    ELECTRICAL = "electrical", _("Unsafe electrical work")
    NOISE = "noise", _("Noise")
    OTHER = "other", _("Other")


# Major violations get a rectification notice (装修违规整改通知单) with a deadline.
MAJOR_KINDS = {ViolationKind.LOAD_BEARING, ViolationKind.FACADE, ViolationKind.WATERPROOF_LAYER}


class AcceptanceItem(models.TextChoices):
    """The completion acceptance's checklist (竣工验收), walked with engineering."""

    STRUCTURE = "structure", _("Load-bearing structure intact")
    FACADE = "facade", _("Facade unchanged")
    WATERPROOFING = "waterproofing", _("Waterproofing (48-hour water test)")
    ELECTRICAL = "electrical", _("Electrical installation")
    PLUMBING = "plumbing", _("Plumbing and drains")
    FIRE_SAFETY = "fire_safety", _("Fire safety equipment in place")
    COMMON_AREAS = "common_areas", _("Common areas restored and debris removed")


class PermitQuerySet(EstateScopedQuerySet):
    def active(self):
        return self.filter(status=Permit.Status.APPROVED)

    def awaiting_approval(self):
        return self.filter(status=Permit.Status.APPLIED)


class Permit(models.Model):
    """A renovation permit (装修申请/许可) of one unit."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("Awaiting approval")
        APPROVED = "approved", _("Approved, works under way")
        REJECTED = "rejected", _("Rejected")
        CLOSED = "closed", _("Accepted and closed")

    class ApplicantRole(models.TextChoices):
        OWNER = "owner", _("Owner")
        OCCUPANT = "occupant", _("Occupant with the owner's consent")

    number = models.CharField(_("number"), max_length=16, unique=True, editable=False)
    estate = models.ForeignKey(
        "desk.Estate", on_delete=models.PROTECT, related_name="+", verbose_name=_("estate")
    )
    unit = models.ForeignKey(
        "tenants.Unit", on_delete=models.PROTECT, related_name="permits", verbose_name=_("unit")
    )
    applicant = models.ForeignKey(
        "tenants.Resident",
        on_delete=models.PROTECT,
        related_name="permits",
        verbose_name=_("applicant"),
    )
    applicant_role = models.CharField(
        _("applicant is"), max_length=16, choices=ApplicantRole, default=ApplicantRole.OWNER
    )
    owner_consent = models.CharField(
        _("owner's consent"),
        max_length=200,
        blank=True,
        help_text=_("For an occupant: how the owner consented (e.g. signed letter of 3 May)."),
    )
    contractor = models.CharField(_("contractor company"), max_length=100)
    contractor_lead = models.CharField(_("contractor lead"), max_length=50)
    contractor_phone = models.CharField(_("lead's phone"), max_length=32)
    workers = models.PositiveSmallIntegerField(
        _("number of workers"), validators=[MinValueValidator(1)]
    )
    scopes = models.JSONField(_("scope"), default=list)
    description = models.TextField(_("description of the works"))
    planned_start = models.DateField(_("planned start"))
    planned_end = models.DateField(_("planned end"))
    deposit = models.DecimalField(
        _("deposit (CNY)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)]
    )
    fee = models.DecimalField(
        _("fee (CNY)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)]
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status, default=Status.APPLIED, db_index=True
    )
    applied_at = models.DateTimeField(_("applied at"))
    applied_by = staff_link(_("taken by"))
    structure_confirmation = models.TextField(
        _("what is allowed"),
        blank=True,
        help_text=_("For structural or facade works: what exactly the approval allows."),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = staff_link(_("decided by"))
    reject_reason = models.CharField(_("reason for rejecting"), max_length=200, blank=True)
    # The deposit and fee: charged to the unit when approved, the deposit refunded (less
    # deductions) at the acceptance, through billing (renovation.charges).
    charged_at = models.DateTimeField(_("deposit and fee charged at"), null=True, blank=True)
    refund = models.DecimalField(
        _("deposit refunded (CNY)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    refunded_at = models.DateTimeField(_("deposit refunded at"), null=True, blank=True)
    # What billing answered (desk.charges codes: charged, pending, refused, unavailable...).
    deposit_charge = models.CharField(_("deposit charge"), max_length=16, blank=True)
    fee_charge = models.CharField(_("fee charge"), max_length=16, blank=True)
    refund_charge = models.CharField(_("deposit refund"), max_length=16, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    history = HistoricalRecords()

    estate_lookup = "estate"
    objects = PermitQuerySet.as_manager()

    class Meta:
        ordering = ["-applied_at"]
        verbose_name = _("renovation permit")
        verbose_name_plural = _("renovation permits")
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end__gte=models.F("planned_start")),
                name="permit_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(deposit__gte=0) & Q(fee__gte=0), name="permit_money_not_negative"
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(reject_reason=""),
                name="permit_reject_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(applicant_role="owner") | ~Q(owner_consent=""),
                name="permit_occupant_has_consent",
            ),
            # One permit at a time per unit: the unit's status derives from it.
            models.UniqueConstraint(
                fields=["unit"],
                condition=Q(status__in=["applied", "approved"]),
                name="permit_one_open_per_unit",
            ),
        ]
        indexes = [
            models.Index(fields=["estate", "status", "-applied_at"]),
            models.Index(fields=["-applied_at"], name="permit_applied_desc"),
        ]
        permissions = [
            ("approve_permit", _("Can approve or reject renovation permits")),
            ("patrol_permit", _("Can patrol renovations and record violations")),
            ("accept_permit", _("Can record the completion acceptance and the deposit refund")),
            ("view_weekly_report", _("Can see the weekly renovation report")),
        ]

    def __str__(self):
        return self.number

    @property
    def is_open(self):
        return self.status in (self.Status.APPLIED, self.Status.APPROVED)

    @property
    def is_active(self):
        return self.status == self.Status.APPROVED

    @property
    def needs_confirmation(self):
        return bool(CONFIRMED_SCOPES & set(self.scopes))

    def scope_labels(self):
        return [Scope(code).label for code in self.scopes if code in Scope.values]


class Patrol(models.Model):
    """One day's renovation patrol of a permit (装修巡检表): at most one per estate day."""

    permit = models.ForeignKey(
        Permit, on_delete=models.PROTECT, related_name="patrols", verbose_name=_("permit")
    )
    day = models.DateField(_("day"))
    patrolled_at = models.DateTimeField(_("patrolled at"))
    patrolled_by = staff_link(_("patrolled by"))
    # {item code: true (OK) / false (not OK)}, every PatrolItem.
    checklist = models.JSONField(_("checklist"), default=dict)
    notes = models.TextField(_("notes"), blank=True)

    estate_lookup = "permit__estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-day"]
        verbose_name = _("renovation patrol")
        verbose_name_plural = _("renovation patrols")
        constraints = [models.UniqueConstraint(fields=["permit", "day"], name="patrol_one_per_day")]

    def __str__(self):
        return f"{self.permit} {self.day}"

    def items(self):
        """[(label, ok)] in the checklist's order."""
        return [(item.label, self.checklist.get(item.value)) for item in PatrolItem]

    @property
    def not_ok(self):
        return [item.label for item in PatrolItem if self.checklist.get(item.value) is False]


class PatrolPhoto(Photo):
    photo_of = "patrol"

    patrol = models.ForeignKey(
        Patrol, on_delete=models.PROTECT, related_name="photos", verbose_name=_("patrol")
    )

    estate_lookup = "patrol__permit__estate"

    class Meta(Photo.Meta):
        verbose_name = _("patrol photo")
        verbose_name_plural = _("patrol photos")

    def folder(self):
        return self.patrol.permit.number


class ViolationQuerySet(EstateScopedQuerySet):
    def open(self):
        return self.filter(status=Violation.Status.OPEN)


class Violation(models.Model):
    """A violation found on a patrol: a minor one corrected on the spot, or a major one
    with a rectification notice and a deadline, open until a follow-up verifies it."""

    class Severity(models.TextChoices):
        MINOR = "minor", _("Minor")
        MAJOR = "major", _("Major")

    class Status(models.TextChoices):
        OPEN = "open", _("Open, to rectify")
        CORRECTED = "corrected", _("Corrected on the spot")
        VERIFIED = "verified", _("Rectified, verified")

    permit = models.ForeignKey(
        Permit, on_delete=models.PROTECT, related_name="violations", verbose_name=_("permit")
    )
    patrol = models.ForeignKey(
        Patrol,
        on_delete=models.PROTECT,
        related_name="violations",
        null=True,
        blank=True,
        verbose_name=_("patrol"),
    )
    kind = models.CharField(_("violation"), max_length=20, choices=ViolationKind)
    severity = models.CharField(_("severity"), max_length=8, choices=Severity)
    description = models.TextField(_("description"))
    status = models.CharField(_("status"), max_length=12, choices=Status, db_index=True)
    found_at = models.DateTimeField(_("found at"))
    found_by = staff_link(_("found by"))
    notice_number = models.CharField(
        _("notice number"), max_length=16, blank=True, help_text=_("ZG-2026-000001")
    )
    deadline = models.DateField(_("rectify by"), null=True, blank=True)
    overdue_notified_at = models.DateTimeField(_("overdue reported at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = staff_link(_("verified by"))
    follow_up_note = models.TextField(_("follow-up"), blank=True)
    work_order = models.ForeignKey(
        "workorders.WorkOrder",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("work order"),
    )
    history = HistoricalRecords()

    estate_lookup = "permit__estate"
    objects = ViolationQuerySet.as_manager()

    class Meta:
        ordering = ["-found_at"]
        verbose_name = _("renovation violation")
        verbose_name_plural = _("renovation violations")
        constraints = [
            models.CheckConstraint(
                condition=~Q(severity="major") | (Q(deadline__isnull=False) & ~Q(notice_number="")),
                name="violation_major_has_notice",
            ),
            models.CheckConstraint(
                condition=~Q(severity="minor") | Q(status="corrected"),
                name="violation_minor_corrected_on_the_spot",
            ),
            models.UniqueConstraint(
                fields=["notice_number"],
                condition=~Q(notice_number=""),
                name="violation_unique_notice",
            ),
        ]
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self):
        return self.notice_number or f"{self.permit} · {self.get_kind_display()}"

    @property
    def is_major(self):
        return self.severity == self.Severity.MAJOR


class Acceptance(models.Model):
    """A completion acceptance (竣工验收) of a permit; a failed one is inspected again."""

    class Result(models.TextChoices):
        PASSED = "passed", _("Passed")
        CONDITIONS = "conditions", _("Passed with conditions")
        FAILED = "failed", _("Failed, to inspect again")

    permit = models.ForeignKey(
        Permit, on_delete=models.PROTECT, related_name="acceptances", verbose_name=_("permit")
    )
    inspected_at = models.DateTimeField(_("inspected at"))
    inspected_by = staff_link(_("recorded by"))
    engineer = models.CharField(_("engineering, present"), max_length=50)
    checklist = models.JSONField(_("checklist"), default=dict)
    result = models.CharField(_("result"), max_length=12, choices=Result)
    conditions = models.TextField(_("conditions or defects"), blank=True)
    owner_name = models.CharField(_("owner's confirmation: name"), max_length=50, blank=True)
    owner_confirmed_at = models.DateTimeField(_("owner confirmed at"), null=True, blank=True)
    lead_name = models.CharField(
        _("contractor lead's confirmation: name"), max_length=50, blank=True
    )
    lead_confirmed_at = models.DateTimeField(_("lead confirmed at"), null=True, blank=True)
    deductions = models.DecimalField(
        _("deductions (CNY)"), max_digits=10, decimal_places=2, default=0
    )
    refund = models.DecimalField(
        _("deposit refund (CNY)"), max_digits=10, decimal_places=2, null=True, blank=True
    )

    estate_lookup = "permit__estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-inspected_at"]
        verbose_name = _("completion acceptance")
        verbose_name_plural = _("completion acceptances")
        constraints = [
            models.CheckConstraint(
                condition=Q(result="failed") | ~Q(conditions="") | ~Q(result="conditions"),
                name="acceptance_conditions_stated",
            ),
            models.CheckConstraint(condition=Q(deductions__gte=0), name="acceptance_deductions"),
        ]

    def __str__(self):
        return f"{self.permit} {self.get_result_display()}"

    def items(self):
        return [(item.label, self.checklist.get(item.value)) for item in AcceptanceItem]


class Deduction(models.Model):
    """What the deposit refund keeps back, and why."""

    acceptance = models.ForeignKey(
        Acceptance, on_delete=models.PROTECT, related_name="deduction_lines"
    )
    amount = models.DecimalField(
        _("amount (CNY)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)]
    )
    reason = models.CharField(_("reason"), max_length=200)

    estate_lookup = "acceptance__permit__estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("deposit deduction")
        verbose_name_plural = _("deposit deductions")
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="deduction_positive")]

    def __str__(self):
        return f"{self.amount} {self.reason}"
