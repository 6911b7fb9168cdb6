"""Patrols and inspections (巡视 / 巡检): checklists per round type (versioned: a round keeps
the version it used), patrol points on a route, the rounds themselves with their ticked
items, scanned points and findings, the supervisor's review, and the per-estate coverage
rules that say how many rounds are due."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from desk.models import staff_link
from desk.scoping import EstateScopedQuerySet


class RoundType(models.TextChoices):
    PUBLIC_AREA = "public_area", _("Public area")
    CLEANING = "cleaning", _("Cleaning")
    GREENING = "greening", _("Greening")
    PEST_CONTROL = "pest_control", _("Pest control")
    SIGNAGE = "signage", _("Signage")
    EQUIPMENT = "equipment", _("Equipment and facilities")
    VACANT_UNIT = "vacant_unit", _("Vacant unit")
    MANAGER = "manager", _("Manager's round")


# The round types that walk a route of patrol points.
ROUTE_TYPES = frozenset({RoundType.PUBLIC_AREA, RoundType.EQUIPMENT, RoundType.SIGNAGE})
# The housekeeping supervisor's daily checks.
HOUSEKEEPING_TYPES = frozenset({RoundType.CLEANING, RoundType.GREENING, RoundType.PEST_CONTROL})


class Checklist(models.Model):
    """One version of an estate's checklist for a round type. Editing makes a new version;
    the rounds done on an older one keep it (Round.checklist)."""

    estate = models.ForeignKey(
        "desk.Estate", on_delete=models.PROTECT, related_name="+", verbose_name=_("estate")
    )
    round_type = models.CharField(_("round type"), max_length=16, choices=RoundType)
    version = models.PositiveSmallIntegerField(_("version"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = staff_link(_("created by"))

    estate_lookup = "estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["estate", "round_type", "-version"]
        verbose_name = _("checklist")
        verbose_name_plural = _("checklists")
        constraints = [
            models.UniqueConstraint(
                fields=["estate", "round_type", "version"], name="checklist_unique_version"
            )
        ]

    def __str__(self):
        return f"{self.get_round_type_display()} v{self.version}"


class ChecklistItem(models.Model):
    checklist = models.ForeignKey(
        Checklist, on_delete=models.CASCADE, related_name="items", verbose_name=_("checklist")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.CharField(_("item"), max_length=200)

    estate_lookup = "checklist__estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["checklist", "position"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        constraints = [
            models.UniqueConstraint(
                fields=["checklist", "position"], name="checklist_item_unique_position"
            )
        ]

    def __str__(self):
        return self.text


def _point_code():
    return uuid.uuid4().hex[:8].upper()


class PatrolPoint(models.Model):
    """A point (巡检点) on a route: in a building or an area, in the route's order, with a
    printed sticker carrying its code and, optionally, the time window it is to be passed."""

    estate = models.ForeignKey(
        "desk.Estate", on_delete=models.PROTECT, related_name="+", verbose_name=_("estate")
    )
    round_type = models.CharField(_("round type"), max_length=16, choices=RoundType)
    building = models.ForeignKey(
        "tenants.Building",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("building"),
    )
    area = models.ForeignKey(
        "tenants.Area",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("area"),
    )
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("order on the route"))
    code = models.CharField(_("code"), max_length=16, unique=True, default=_point_code)
    window_start = models.TimeField(_("from"), null=True, blank=True)
    window_end = models.TimeField(_("until"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)

    estate_lookup = "estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["estate", "round_type", "building", "area", "position"]
        verbose_name = _("patrol point")
        verbose_name_plural = _("patrol points")
        constraints = [
            models.CheckConstraint(
                condition=Q(building__isnull=False) | Q(area__isnull=False),
                name="patrol_point_has_a_place",
            ),
        ]

    def __str__(self):
        return self.name


class RoundQuerySet(EstateScopedQuerySet):
    def submitted(self):
        return self.exclude(status=Round.Status.DRAFT)


class Round(models.Model):
    """One patrol round: who, when, where, on which checklist version, and its review."""

    Type = RoundType

    class Status(models.TextChoices):
        DRAFT = "draft", _("In progress")
        SUBMITTED = "submitted", _("Waiting for review")
        REVIEWED = "reviewed", _("Reviewed")

    estate = models.ForeignKey(
        "desk.Estate", on_delete=models.PROTECT, related_name="+", verbose_name=_("estate")
    )
    round_type = models.CharField(_("round type"), max_length=16, choices=RoundType)
    checklist = models.ForeignKey(
        Checklist, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("checklist")
    )
    building = models.ForeignKey(
        "tenants.Building",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("building"),
    )
    area = models.ForeignKey(
        "tenants.Area",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("area"),
    )
    unit = models.ForeignKey(
        "tenants.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("unit"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status, default=Status.DRAFT, db_index=True
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("patrolled by"),
    )
    started_at = models.DateTimeField(_("started at"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # Counted when the round is submitted (route types): what the reviewer is shown first.
    points_missed = models.PositiveSmallIntegerField(_("points missed"), default=0)
    points_out_of_order = models.PositiveSmallIntegerField(_("points out of order"), default=0)
    points_outside_window = models.PositiveSmallIntegerField(
        _("points outside their window"), default=0
    )
    finding_count = models.PositiveSmallIntegerField(_("findings"), default=0)
    reviewed_by = staff_link(_("reviewed by"))
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_comment = models.TextField(_("review comment"), blank=True)

    estate_lookup = "estate"
    objects = RoundQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("patrol round")
        verbose_name_plural = _("patrol rounds")
        indexes = [
            models.Index(fields=["estate", "-started_at"], name="round_estate_started"),
            # The list across several estates (a manager's three): newest first, read in order.
            models.Index(fields=["-started_at", "-id"], name="round_started"),
            models.Index(fields=["estate", "status", "submitted_at"], name="round_review_queue"),
            models.Index(fields=["unit", "-started_at"], name="round_unit_started"),
            # The rounds with findings (the supervisor's filter): its count reads this small
            # index alone instead of every round.
            models.Index(
                fields=["estate", "-started_at"],
                condition=Q(finding_count__gt=0),
                name="round_with_findings",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="round_submitted_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status="reviewed")
                | (Q(reviewed_at__isnull=False) & Q(reviewed_by__isnull=False)),
                name="round_reviewed_has_reviewer",
            ),
            models.CheckConstraint(
                condition=Q(reviewed_by__isnull=True) | ~Q(reviewed_by=models.F("by")),
                name="round_not_reviewed_by_its_author",
            ),
        ]
        permissions = [
            ("patrol_round", _("Can patrol (start and submit rounds)")),
            ("review_round", _("Can review and sign patrol rounds")),
            ("view_coverage", _("Can see the patrol coverage")),
        ]

    def __str__(self):
        return f"{self.get_round_type_display()} · {self.place}"

    @property
    def place(self) -> str:
        if self.unit_id:
            return self.unit.label
        if self.building_id:
            return str(self.building)
        if self.area_id:
            return str(self.area)
        return ""

    @property
    def review_wait(self):
        if self.submitted_at is None:
            return None
        if self.reviewed_at is None:
            return None
        return self.reviewed_at - self.submitted_at


def photo_path(instance, filename):
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"inspections/{instance.round_id}/{uuid.uuid4().hex[:12]}.{ext}"


class ItemCheck(models.Model):
    """One checklist item of a round: OK or not, with a note and a photo."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="checks", verbose_name=_("round")
    )
    item = models.ForeignKey(
        ChecklistItem, on_delete=models.PROTECT, related_name="+", verbose_name=_("item")
    )
    ok = models.BooleanField(_("OK"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    photo = models.ImageField(_("photo"), upload_to=photo_path, blank=True)
    checked_at = models.DateTimeField(_("checked at"))

    estate_lookup = "round__estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["round", "item__position"]
        verbose_name = _("item check")
        verbose_name_plural = _("item checks")
        constraints = [
            models.UniqueConstraint(fields=["round", "item"], name="item_check_once_per_round")
        ]

    def __str__(self):
        return f"{self.item} · {'OK' if self.ok else '✗'}"


class PointScan(models.Model):
    """A patrol point passed on a round: when, where the phone said it was, and how."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="scans", verbose_name=_("round")
    )
    point = models.ForeignKey(
        PatrolPoint, on_delete=models.PROTECT, related_name="scans", verbose_name=_("point")
    )
    scanned_at = models.DateTimeField(_("scanned at"))
    typed = models.BooleanField(_("typed in"), default=False)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    out_of_order = models.BooleanField(_("out of order"), default=False)
    outside_window = models.BooleanField(_("outside its window"), default=False)

    estate_lookup = "round__estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["round", "scanned_at", "pk"]
        verbose_name = _("point scan")
        verbose_name_plural = _("point scans")
        constraints = [
            models.UniqueConstraint(fields=["round", "point"], name="point_scan_once_per_round")
        ]

    def __str__(self):
        return f"{self.point} @ {self.scanned_at:%H:%M}"


def finding_photo_path(instance, filename):
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"inspections/{instance.round_id}/finding-{uuid.uuid4().hex[:12]}.{ext}"


class Finding(models.Model):
    """A problem found on a round (a non-conformity, 不合格项): open until it is corrected and
    the correction verified; a work order may be made from it, linked from here."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CORRECTED = "corrected", _("Corrected")
        VERIFIED = "verified", _("Verified")

    round = models.ForeignKey(
        Round, on_delete=models.PROTECT, related_name="findings", verbose_name=_("round")
    )
    estate = models.ForeignKey(
        "desk.Estate", on_delete=models.PROTECT, related_name="+", verbose_name=_("estate")
    )
    description = models.TextField(_("what was found"))
    location = models.CharField(_("where"), max_length=200, blank=True)
    photo = models.ImageField(_("photo"), upload_to=finding_photo_path, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.OPEN)
    created_at = models.DateTimeField(_("found at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    work_order = models.OneToOneField(
        "workorders.WorkOrder",
        on_delete=models.PROTECT,
        related_name="patrol_finding",
        null=True,
        blank=True,
        verbose_name=_("work order"),
    )
    corrected_at = models.DateTimeField(_("corrected at"), null=True, blank=True)
    corrected_by = staff_link(_("corrected by"))
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = staff_link(_("verified by"))

    estate_lookup = "estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        indexes = [models.Index(fields=["estate", "status"], name="finding_estate_status")]

    def __str__(self):
        return self.description[:60]


class CoverageRule(models.Model):
    """How many rounds of a type are due per day (or week), for the estate once, for each
    building, or for each vacant unit: e.g. public area daily per building, signage twice a
    day, vacant units weekly, the manager's round daily."""

    class Per(models.TextChoices):
        ESTATE = "estate", _("the estate")
        BUILDING = "building", _("each building")
        VACANT_UNIT = "vacant_unit", _("each vacant unit")

    class Period(models.TextChoices):
        DAY = "day", _("a day")
        WEEK = "week", _("a week")

    estate = models.ForeignKey(
        "desk.Estate", on_delete=models.PROTECT, related_name="+", verbose_name=_("estate")
    )
    round_type = models.CharField(_("round type"), max_length=16, choices=RoundType)
    per = models.CharField(_("for"), max_length=16, choices=Per, default=Per.ESTATE)
    times = models.PositiveSmallIntegerField(_("rounds"), default=1)
    period = models.CharField(_("per"), max_length=8, choices=Period, default=Period.DAY)

    estate_lookup = "estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["estate", "round_type"]
        verbose_name = _("coverage rule")
        verbose_name_plural = _("coverage rules")
        constraints = [
            models.UniqueConstraint(
                fields=["estate", "round_type"], name="coverage_rule_one_per_type"
            ),
            models.CheckConstraint(condition=Q(times__gt=0), name="coverage_rule_times_positive"),
        ]

    def __str__(self):
        return f"{self.get_round_type_display()}: {self.times}"


class InspectionSettings(models.Model):
    """An estate's patrol settings: how many days a vacant unit may go unchecked before it
    is overdue on the vacant-unit register."""

    DEFAULT_VACANT_CHECK_DAYS = 7  # the weekly check

    estate = models.OneToOneField(
        "desk.Estate", on_delete=models.PROTECT, related_name="+", verbose_name=_("estate")
    )
    vacant_check_days = models.PositiveSmallIntegerField(
        _("a vacant unit is checked every (days)"), default=DEFAULT_VACANT_CHECK_DAYS
    )
    history = HistoricalRecords()  # the estate settings page says who changed it

    estate_lookup = "estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("patrol settings")
        verbose_name_plural = _("patrol settings")

    def __str__(self):
        return str(self.estate_id)


class Contractor(models.Model):
    """An outsourced contractor (the cleaning company, the gardeners...) the housekeeping
    supervisor scores every month (外委考评)."""

    estate = models.ForeignKey(
        "desk.Estate", on_delete=models.PROTECT, related_name="+", verbose_name=_("estate")
    )
    name = models.CharField(_("name"), max_length=100)
    service = models.CharField(_("service"), max_length=16, choices=RoundType)
    active = models.BooleanField(_("active"), default=True)

    estate_lookup = "estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["estate", "name"]
        verbose_name = _("contractor")
        verbose_name_plural = _("contractors")
        constraints = [
            models.UniqueConstraint(fields=["estate", "name"], name="contractor_unique_name")
        ]
        permissions = [("score_contractor", _("Can score contractors"))]

    def __str__(self):
        return self.name


class Evaluation(models.Model):
    """A contractor's score sheet for one month: weighted criteria and their total."""

    contractor = models.ForeignKey(
        Contractor,
        on_delete=models.PROTECT,
        related_name="evaluations",
        verbose_name=_("contractor"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    total = models.DecimalField(_("total"), max_digits=5, decimal_places=1)
    notes = models.TextField(_("notes"), blank=True)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("scored by"),
    )
    scored_at = models.DateTimeField(_("scored at"))

    estate_lookup = "contractor__estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-month", "contractor"]
        verbose_name = _("contractor evaluation")
        verbose_name_plural = _("contractor evaluations")
        constraints = [
            models.UniqueConstraint(
                fields=["contractor", "year", "month"], name="evaluation_once_a_month"
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1) & Q(month__lte=12), name="evaluation_month_valid"
            ),
        ]

    def __str__(self):
        return f"{self.contractor} {self.year}-{self.month:02d}"


class EvaluationScore(models.Model):
    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="scores", verbose_name=_("evaluation")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    criterion = models.CharField(_("criterion"), max_length=100)
    weight = models.PositiveSmallIntegerField(_("weight (%)"))
    score = models.PositiveSmallIntegerField(_("score (0-100)"))

    estate_lookup = "evaluation__contractor__estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["evaluation", "position"]
        verbose_name = _("criterion score")
        verbose_name_plural = _("criterion scores")
        constraints = [
            models.CheckConstraint(condition=Q(score__lte=100), name="evaluation_score_range"),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.score}"


class RectificationNotice(models.Model):
    """A problem a contractor must put right by a deadline (整改通知)."""

    contractor = models.ForeignKey(
        Contractor, on_delete=models.PROTECT, related_name="notices", verbose_name=_("contractor")
    )
    evaluation = models.ForeignKey(
        Evaluation,
        on_delete=models.PROTECT,
        related_name="notices",
        null=True,
        blank=True,
        verbose_name=_("evaluation"),
    )
    problem = models.TextField(_("problem"))
    deadline = models.DateField(_("deadline"))
    issued_at = models.DateTimeField(_("issued at"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    closed_at = models.DateTimeField(_("put right at"), null=True, blank=True)
    closed_by = staff_link(_("checked by"))

    estate_lookup = "contractor__estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("rectification notice")
        verbose_name_plural = _("rectification notices")

    def __str__(self):
        return self.problem[:60]
