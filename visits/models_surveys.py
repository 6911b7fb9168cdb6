"""Opinion surveys (征询意见调查表): a survey's questions, one sheet per household with its
short code, and the one answer a household gives (on paper or on the phone)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from desk.models import ChoiceLabels
from desk.scoping import EstateScopedQuerySet

USER = settings.AUTH_USER_MODEL


class Service(models.TextChoices):
    """The services a satisfaction question asks about."""

    FRONT_DESK = "front_desk", _("Front desk")
    CLEANING = "cleaning", _("Cleaning")
    SECURITY = "security", _("Security")
    REPAIRS = "repairs", _("Repairs")
    GREENING = "greening", _("Greening")
    FEES = "fees", _("Fees")


class Survey(ChoiceLabels, models.Model):
    class Scope(models.TextChoices):
        ESTATE = "estate", _("The whole estate")
        BUILDINGS = "buildings", _("Some buildings")
        AREA = "area", _("An area")

    estate = models.ForeignKey(
        "desk.Estate", on_delete=models.PROTECT, related_name="+", verbose_name=_("estate")
    )
    title = models.CharField(_("title"), max_length=200)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    scope = models.CharField(_("households"), max_length=16, choices=Scope, default=Scope.ESTATE)
    area = models.ForeignKey(
        "tenants.Area",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("area"),
    )
    buildings = models.ManyToManyField(
        "tenants.Building", blank=True, related_name="+", verbose_name=_("buildings")
    )
    created_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    estate_lookup = "estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="survey_period_in_order"
            ),
            models.CheckConstraint(
                condition=~Q(scope="area") | Q(area__isnull=False), name="survey_area_scope"
            ),
        ]

    def __str__(self):
        return self.title

    def is_open_on(self, day) -> bool:
        return self.starts_on <= day <= self.ends_on


class SurveyQuestion(models.Model):
    class Kind(models.TextChoices):
        SCORE = "score", _("Satisfaction 1–5")
        YES_NO = "yes_no", _("Yes / no")
        TEXT = "text", _("Free text")

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="questions", verbose_name=_("survey")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=8, choices=Kind)
    service = models.CharField(_("service"), max_length=16, choices=Service, blank=True)
    # The manager's words; a satisfaction question without them asks about its service.
    text = models.CharField(_("question"), max_length=300, blank=True)
    text_en = models.CharField(_("question in English"), max_length=300, blank=True)

    class Meta:
        ordering = ["survey", "position"]
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")
        constraints = [
            models.UniqueConstraint(fields=["survey", "position"], name="survey_question_position"),
            models.CheckConstraint(
                condition=~Q(kind="score") | ~Q(service=""), name="survey_score_has_service"
            ),
            models.CheckConstraint(
                condition=Q(kind="score") | ~Q(text=""), name="survey_question_has_text"
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """The question in the reader's language: the English words on an English page
        where the manager gave them, else the words as typed, else the service asked about."""
        english = translation.get_language() == "en"
        if english and self.text_en:
            return self.text_en
        if self.text:
            return self.text
        return str(_("%(service)s: how satisfied are you?") % {"service": self.service_label})

    @property
    def service_label(self) -> str:
        return str(Service(self.service).label) if self.service else ""


class SurveySheet(models.Model):
    """The sheet of one household (unit): its short code is what staff type when it comes
    back; its signed link is what the resident opens on a phone."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="sheets", verbose_name=_("survey")
    )
    estate = models.ForeignKey(
        "desk.Estate", on_delete=models.PROTECT, related_name="+", verbose_name=_("estate")
    )
    unit = models.ForeignKey(
        "tenants.Unit",
        on_delete=models.PROTECT,
        related_name="survey_sheets",
        verbose_name=_("unit"),
    )
    code = models.CharField(_("code"), max_length=20, unique=True)

    estate_lookup = "estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["survey", "code"]
        verbose_name = _("survey sheet")
        verbose_name_plural = _("survey sheets")
        constraints = [
            models.UniqueConstraint(fields=["survey", "unit"], name="survey_sheet_per_unit")
        ]

    def __str__(self):
        return self.code


class SurveyResponse(ChoiceLabels, models.Model):
    """A household's answer: one per sheet, whichever came first, paper or phone (the
    database holds it under concurrent answers)."""

    class Channel(models.TextChoices):
        PAPER = "paper", _("Paper sheet")
        PHONE = "phone", _("Phone")

    sheet = models.OneToOneField(
        SurveySheet, on_delete=models.PROTECT, related_name="response", verbose_name=_("sheet")
    )
    survey = models.ForeignKey(
        Survey, on_delete=models.PROTECT, related_name="responses", verbose_name=_("survey")
    )
    estate = models.ForeignKey(
        "desk.Estate", on_delete=models.PROTECT, related_name="+", verbose_name=_("estate")
    )
    channel = models.CharField(_("channel"), max_length=8, choices=Channel)
    received_at = models.DateTimeField(_("received at"))
    entered_by = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )

    estate_lookup = "estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        indexes = [models.Index(fields=["survey", "channel"], name="survey_response_channel")]

    def __str__(self):
        return f"{self.sheet_id} {self.channel}"


class SurveyAnswer(models.Model):
    response = models.ForeignKey(
        SurveyResponse, on_delete=models.CASCADE, related_name="answers", verbose_name=_("answer")
    )
    question = models.ForeignKey(
        SurveyQuestion, on_delete=models.PROTECT, related_name="answers", verbose_name=_("question")
    )
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    yes = models.BooleanField(_("yes"), null=True, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        ordering = ["response", "question__position"]
        verbose_name = _("answer to a question")
        verbose_name_plural = _("answers to questions")
        indexes = [
            # The results page's free-text answers: a few hundred among tens of thousands.
            models.Index(fields=["response"], condition=~Q(text=""), name="survey_answer_text"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="survey_answer_once"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5),
                name="survey_score_1_to_5",
            ),
        ]

    def __str__(self):
        return f"{self.question_id}: {self.score or self.yes or self.text[:20]}"
