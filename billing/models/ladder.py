"""The reminder ladder (催缴): an overdue account climbs it one stage at a time.

An estate's `LadderSettings` say on which day after the oldest unpaid due date each stage
comes. While a unit owes money past its due date it has one open `ArrearsCase`; every stage
it reaches is one `LadderStep` of that case (unique per case and stage: the reminder run may
run twice, or again after a crash, and nothing is sent twice). A case closes when the unit
owes nothing overdue any more: it leaves the ladder, and a later debt starts a new case.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from desk.scoping import EstateScopedQuerySet

ESTATE = "desk.Estate"
MONEY = {"max_digits": 12, "decimal_places": 2}


class Stage(models.TextChoices):
    """In the order an account climbs them."""

    REMINDER = "reminder", _("Reminder notice")
    DEADLINE = "deadline", _("Deadline notice")
    REP_VISIT = "rep_visit", _("Home visit by the rep")
    SUPERVISOR_VISIT = "supervisor_visit", _("Visit by the supervisor")
    DIRECTOR = "director", _("Escalated to the director")


STAGES = list(Stage)
NOTICE_STAGES = (Stage.REMINDER, Stage.DEADLINE)
VISIT_STAGES = (Stage.REP_VISIT, Stage.SUPERVISOR_VISIT, Stage.DIRECTOR)


def stage_rank(stage) -> int:
    return STAGES.index(Stage(stage))


class LadderSettings(models.Model):
    """An estate's ladder: days after the oldest unpaid due date at which each stage comes."""

    estate = models.OneToOneField(
        ESTATE, on_delete=models.CASCADE, related_name="ladder_settings", verbose_name=_("estate")
    )
    reminder_days = models.PositiveSmallIntegerField(_("reminder notice after (days)"), default=1)
    deadline_days = models.PositiveSmallIntegerField(_("deadline notice after (days)"), default=15)
    pay_within_days = models.PositiveSmallIntegerField(
        _("deadline: pay within (days)"),
        default=10,
        help_text=_("The deadline notice asks for payment within this many days."),
    )
    rep_visit_days = models.PositiveSmallIntegerField(_("rep's visit after (days)"), default=30)
    supervisor_visit_days = models.PositiveSmallIntegerField(
        _("supervisor's visit after (days)"), default=60
    )
    director_days = models.PositiveSmallIntegerField(
        _("escalation to the director after (days)"), default=90
    )
    history = HistoricalRecords()

    estate_lookup = "estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("reminder ladder")
        verbose_name_plural = _("reminder ladders")
        constraints = [
            models.CheckConstraint(
                condition=Q(reminder_days__gte=1)
                & Q(deadline_days__gt=models.F("reminder_days"))
                & Q(rep_visit_days__gt=models.F("deadline_days"))
                & Q(supervisor_visit_days__gt=models.F("rep_visit_days"))
                & Q(director_days__gt=models.F("supervisor_visit_days")),
                name="laddersettings_days_climb",
            )
        ]

    def __str__(self):
        return str(self.estate)

    def days_of(self, stage) -> int:
        return {
            Stage.REMINDER: self.reminder_days,
            Stage.DEADLINE: self.deadline_days,
            Stage.REP_VISIT: self.rep_visit_days,
            Stage.SUPERVISOR_VISIT: self.supervisor_visit_days,
            Stage.DIRECTOR: self.director_days,
        }[Stage(stage)]


class ArrearsCase(models.Model):
    """A unit's time on the ladder: from the first reminder until it owes nothing overdue."""

    estate = models.ForeignKey(ESTATE, on_delete=models.PROTECT, verbose_name=_("estate"))
    unit = models.ForeignKey(
        "tenants.Unit",
        on_delete=models.PROTECT,
        related_name="arrears_cases",
        verbose_name=_("unit"),
    )
    opened_on = models.DateField(_("opened on"))
    stage = models.CharField(_("stage"), max_length=20, choices=Stage)
    stage_on = models.DateField(_("stage reached on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    estate_lookup = "estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("arrears case")
        verbose_name_plural = _("arrears cases")
        constraints = [
            models.UniqueConstraint(
                fields=["unit"], condition=Q(closed_on__isnull=True), name="arrearscase_one_open"
            )
        ]
        indexes = [
            models.Index(
                fields=["estate", "stage"],
                condition=Q(closed_on__isnull=True),
                name="arrearscase_open_by_stage",
            )
        ]

    def __str__(self):
        return f"{self.unit_id} {self.stage}"


class Reason(models.TextChoices):
    """Why a resident has not paid, as the visit heard it."""

    SERVICE = "service", _("Unhappy with the service")
    HARDSHIP = "hardship", _("Cannot pay at the moment")
    AWAY = "away", _("Away or unreachable")
    DISPUTE = "dispute", _("Disputes the amount")
    FORGOT = "forgot", _("Forgot / will pay")
    OTHER = "other", _("Other")


class LadderStep(models.Model):
    """One stage an account reached: a notice (printed at the front desk and emailed where
    the payer has an address) or a visit (a task in the named person's inbox, with its
    outcome). The amounts are the account's on the day it was reached."""

    estate = models.ForeignKey(ESTATE, on_delete=models.PROTECT, verbose_name=_("estate"))
    case = models.ForeignKey(
        ArrearsCase, on_delete=models.PROTECT, related_name="steps", verbose_name=_("case")
    )
    unit = models.ForeignKey(
        "tenants.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage)
    reached_on = models.DateField(_("reached on"))
    overdue_since = models.DateField(_("overdue since"))
    principal = models.DecimalField(_("overdue amount"), **MONEY)
    late_fee = models.DecimalField(_("late fee to date"), default=0, **MONEY)
    pay_by = models.DateField(_("pay by"), null=True, blank=True)
    # A notice's serial number (per estate, year and kind of notice, desk.numbering) and, on
    # a deadline notice, the first day of the late fee it starts.
    number = models.CharField(_("notice number"), max_length=32, blank=True)
    late_fee_from = models.DateField(_("late fee from"), null=True, blank=True)
    payer = models.ForeignKey(
        "tenants.Resident",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("payer"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned to"),
    )
    # Notices: the email (claimed before it is sent: never twice) and the print batch.
    email_to = models.EmailField(_("email to"), blank=True)
    emailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True)
    printed_at = models.DateTimeField(_("printed at"), null=True, blank=True)
    printed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("printed by"),
    )
    # Visits: what the visit heard.
    reason = models.CharField(
        _("reason for non-payment"), max_length=16, choices=Reason, blank=True
    )
    expected_on = models.DateField(_("expected payment date"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    outcome_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("outcome recorded by"),
    )
    outcome_at = models.DateTimeField(_("outcome recorded at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    estate_lookup = "estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-reached_on", "-id"]
        verbose_name = _("ladder step")
        verbose_name_plural = _("ladder steps")
        constraints = [
            models.UniqueConstraint(fields=["case", "stage"], name="ladderstep_once_per_stage"),
            models.UniqueConstraint(
                fields=["number"], condition=~Q(number=""), name="ladderstep_number_once"
            ),
        ]
        indexes = [
            models.Index(
                fields=["estate", "reached_on"],
                condition=Q(printed_at__isnull=True, stage__in=["reminder", "deadline"]),
                name="ladderstep_to_print",
            ),
            models.Index(fields=["unit", "-reached_on"], name="ladderstep_by_unit"),
        ]
        permissions = [
            ("print_notice", _("Can print the reminder notices")),
            ("record_outcome", _("Can record a visit's outcome")),
        ]

    def __str__(self):
        return f"{self.unit_id} {self.stage} {self.reached_on}"

    @property
    def is_notice(self):
        return self.stage in NOTICE_STAGES

    @property
    def total(self):
        return self.principal + self.late_fee
