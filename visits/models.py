"""Resident visits (巡访记录) and the opinions raised on them, each answered or turned
into a case."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from desk.models import ChoiceLabels
from desk.scoping import EstateScopedQuerySet
from workorders.case_links import made_a_case

USER = settings.AUTH_USER_MODEL


class Visit(ChoiceLabels, models.Model):
    """A rep's visit to a household: who was met (or nobody home), when, why, what was said."""

    class Kind(models.TextChoices):
        ROUTINE = "routine", _("Routine round")
        COMPLAINT = "complaint", _("After a complaint")
        REPAIR = "repair", _("After a repair")
        FEES = "fees", _("Fee visit")
        DIRECTOR = "director", _("Director's half-year visit")

    estate = models.ForeignKey(
        "desk.Estate", on_delete=models.PROTECT, related_name="+", verbose_name=_("estate")
    )
    unit = models.ForeignKey(
        "tenants.Unit", on_delete=models.PROTECT, related_name="visits", verbose_name=_("unit")
    )
    # None: nobody was home.
    met = models.ForeignKey(
        "tenants.Resident",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="visits",
        verbose_name=_("met"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind, default=Kind.ROUTINE)
    at = models.DateTimeField(_("time"), db_index=True)
    visited_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("visited by")
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    estate_lookup = "estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        indexes = [
            models.Index(fields=["estate", "-at"], name="visit_estate_at"),
            models.Index(fields=["unit", "-at"], name="visit_unit_at"),
        ]

    def __str__(self):
        return f"{self.unit_id} {self.at:%Y-%m-%d %H:%M}"

    @property
    def nobody_home(self):
        return self.met_id is None


class OpinionQuerySet(EstateScopedQuerySet):
    def open(self):
        return self.filter(
            answered_at__isnull=True, complaint__isnull=True, work_order__isnull=True
        )

    def overdue(self, now):
        return self.open().filter(answer_due__lt=now)


class Opinion(ChoiceLabels, made_a_case("visit_opinion")):
    """An opinion or request raised on a visit: open until answered or made a case."""

    class Category(models.TextChoices):
        REPAIRS = "repairs", _("Repairs")
        CLEANING = "cleaning", _("Cleaning")
        SECURITY = "security", _("Security")
        GREENING = "greening", _("Greening")
        FEES = "fees", _("Fees")
        PARKING = "parking", _("Parking")
        NOISE = "noise", _("Noise")
        SERVICE = "service", _("Staff service")
        SUGGESTION = "suggestion", _("Suggestion")
        OTHER = "other", _("Other")

    estate = models.ForeignKey(
        "desk.Estate", on_delete=models.PROTECT, related_name="+", verbose_name=_("estate")
    )
    unit = models.ForeignKey(
        "tenants.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    # Raised on a visit, or a low score (1-2) given in a survey.
    visit = models.ForeignKey(
        Visit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opinions",
        verbose_name=_("visit"),
    )
    survey_answer = models.OneToOneField(
        "visits.SurveyAnswer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opinion",
        verbose_name=_("survey answer"),
    )
    text = models.TextField(_("opinion"), blank=True)
    category = models.CharField(_("category"), max_length=16, choices=Category)
    raised_at = models.DateTimeField(_("raised at"))
    answer_due = models.DateTimeField(_("answer due"))
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    overdue_notified_at = models.DateTimeField(null=True, blank=True)

    estate_lookup = "estate"
    objects = OpinionQuerySet.as_manager()

    class Meta:
        ordering = ["raised_at", "pk"]
        verbose_name = _("opinion")
        verbose_name_plural = _("opinions")
        indexes = [
            models.Index(
                fields=["estate", "answer_due"],
                condition=Q(
                    answered_at__isnull=True, complaint__isnull=True, work_order__isnull=True
                ),
                name="opinion_open_due",
            ),
            models.Index(fields=["estate", "raised_at"], name="opinion_estate_raised"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True)
                | (Q(answered_by__isnull=False) & ~Q(answer="")),
                name="opinion_answer_has_text_and_author",
            ),
            models.CheckConstraint(
                condition=Q(complaint__isnull=True) | Q(work_order__isnull=True),
                name="opinion_one_case",
            ),
            models.CheckConstraint(
                condition=Q(visit__isnull=False, survey_answer__isnull=True)
                | Q(visit__isnull=True, survey_answer__isnull=False),
                name="opinion_from_visit_or_survey",
            ),
        ]

    def __str__(self):
        return self.summary[:50]

    @property
    def summary(self) -> str:
        """What was raised: the words of a visit's opinion, or the survey's low score in the
        reader's language ("Cleaning: 2 / 5")."""
        if self.survey_answer_id is None:
            return self.text
        answer = self.survey_answer
        question = answer.question
        return _("%(question)s rated %(score)s of 5 in a survey") % {
            "question": question.service_label or question.label,
            "score": answer.score,
        }

    @property
    def is_open(self):
        return self.answered_at is None and not self.made_case

    def is_overdue(self, now):
        return self.is_open and self.answer_due < now


class VisitSettings(models.Model):
    """An estate's visit rules."""

    estate = models.OneToOneField(
        "desk.Estate", on_delete=models.CASCADE, related_name="+", verbose_name=_("estate")
    )
    answer_days = models.PositiveSmallIntegerField(
        _("days to answer an opinion"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    half_year_target = models.PositiveSmallIntegerField(
        _("half-year visit rate target (%)"),
        default=98,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    survey_return_target = models.PositiveSmallIntegerField(
        _("survey return rate target (%)"),
        default=70,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )

    estate_lookup = "estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("visit settings")
        verbose_name_plural = _("visit settings")

    def __str__(self):
        return str(self.estate_id)


from visits.models_surveys import (  # noqa: E402  (the survey models, registered with the app)
    Service,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
    SurveySheet,
)

__all__ = [
    "Opinion",
    "Service",
    "Survey",
    "SurveyAnswer",
    "SurveyQuestion",
    "SurveyResponse",
    "SurveySheet",
    "Visit",
    "VisitSettings",
]
