from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class User(AbstractUser):
    """A staff member. Roles are groups (see desk.roles); estates are Estate.staff."""

    phone = models.CharField(_("phone"), max_length=32, blank=True)
    # Empty: the language of the switcher's cookie or of the browser (desk.middleware).
    language = models.CharField(
        _("language"), max_length=16, blank=True, choices=settings.LANGUAGES
    )

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")
        permissions = [("manage_staff", _("Can add staff to their estates and set roles"))]

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def display_name(self):
        return self.get_full_name() or self.username


def staff_link(verbose_name, *, related_name="+", **options):
    """A record's optional link to the staff member who did something (responded, ruled,
    took the call...): kept when they leave (PROTECT), empty until it happens."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name=related_name,
        null=True,
        blank=True,
        verbose_name=verbose_name,
        **options,
    )


class ChoiceLabels:
    """`get_FOO_display()` that looks the label up instead of rebuilding the choices.

    Django's version builds `dict(make_hashable(field.flatchoices))` on every call, and
    hashing a lazy label translates it: a list of 50 rows with three choice columns
    translated about 1,000 labels to show 150. Here the value-to-label table is built once
    per field (the labels stay lazy, so each reader still gets their language). Mixed in
    before `models.Model` by the models whose choices fill the long lists.
    """

    def _get_FIELD_display(self, field):
        labels = field.__dict__.get("_labels_by_value")
        if labels is None:
            labels = field._labels_by_value = dict(field.flatchoices)
        value = getattr(self, field.attname)
        try:
            label = labels.get(value, value)
        except TypeError:  # an unhashable value: Django's own way
            return super()._get_FIELD_display(field)
        return force_str(label, strings_only=True)


class NumberSequence(models.Model):
    """The last number given out in one series of numbers people read (see desk.numbering).

    A series is a kind (`TS`, `WO`, ...) and a year, and for a per-estate series (receipts)
    also an estate. The row is the lock that keeps the numbers free of gaps and duplicates.
    """

    kind = models.CharField(_("kind"), max_length=8)
    estate = models.ForeignKey(
        "desk.Estate",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("estate"),
        help_text=_("Empty for a series of the whole company."),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        ordering = ["kind", "estate", "year"]
        verbose_name = _("number sequence")
        verbose_name_plural = _("number sequences")
        constraints = [
            # Two partial constraints, because NULLs never collide in a unique index.
            models.UniqueConstraint(
                fields=["kind", "year"],
                condition=models.Q(estate__isnull=True),
                name="number_sequence_unique",
            ),
            models.UniqueConstraint(
                fields=["kind", "estate", "year"],
                condition=models.Q(estate__isnull=False),
                name="number_sequence_unique_per_estate",
            ),
        ]

    def __str__(self):
        scope = f"{self.estate.code}-" if self.estate_id else ""
        return f"{self.kind}-{scope}{self.year}: {self.last}"


# Imported after User: desk.scoping reaches django.contrib.auth.forms, which needs it.
from desk.scoping import EstateScopedQuerySet, user_estate_ids  # noqa: E402


class Estate(models.Model):
    """An estate (项目/小区) the company runs, and the staff who work in it: the core every
    app's records belong to (scoped through `desk.scoping`)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    name_en = models.CharField(_("English name"), max_length=100, blank=True)
    code = models.SlugField(
        _("code"), max_length=12, unique=True, help_text=_("Short code used in numbers.")
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, default=settings.TIME_ZONE)
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="estates", blank=True, verbose_name=_("staff")
    )
    history = HistoricalRecords()  # who renamed it or changed its time zone

    estate_lookup = "pk"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("estate")
        verbose_name_plural = _("estates")

    def __str__(self):
        return self.display_name  # dropdowns and headings in the reader's language

    @property
    def display_name(self):
        """The name in the reader's language: its English name on an English page, if any."""
        if self.name_en and (get_language() or "").startswith("en"):
            return self.name_en
        return self.name


def job_file_path(instance, filename):
    """Result files of jobs: under MEDIA_ROOT/jobs/, served only by `desk:job_file`."""
    return f"jobs/{instance.created_at:%Y/%m}/{instance.pk}-{filename}"


class JobQuerySet(EstateScopedQuerySet):
    def for_user(self, user):
        """The jobs of the user's estates, and their own jobs that belong to no estate."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(
            models.Q(estate_id__in=user_estate_ids(user))
            | models.Q(estate__isnull=True, created_by=user)
        )


class Job(ChoiceLabels, models.Model):
    """A long piece of work run by the Celery worker, with its progress (see desk.jobs)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    ACTIVE = (Status.QUEUED, Status.RUNNING)

    kind = models.CharField(_("kind"), max_length=64)
    # Once per kind: the same upload, the same month. Empty: no such rule. A failed attempt
    # of a key is kept, and the key runs again as the next attempt (desk.jobs.job_start).
    key = models.CharField(_("key"), max_length=100, blank=True)
    attempt = models.PositiveSmallIntegerField(_("attempt"), default=1)
    estate = models.ForeignKey(
        "desk.Estate",
        verbose_name=_("estate"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_by = models.ForeignKey(
        User,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Started by the beat schedule (no person): the name of its entry in CELERY_BEAT_SCHEDULE.
    schedule = models.CharField(_("schedule"), max_length=100, blank=True)
    language = models.CharField(_("language"), max_length=16, blank=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    message = models.CharField(_("message"), max_length=500, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    result_file = models.FileField(_("result file"), upload_to=job_file_path, blank=True)
    created_at = models.DateTimeField(_("queued at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # The last sign of life of a running job: its start or its last progress.
    progress_at = models.DateTimeField(_("last progress at"), null=True, blank=True)

    objects = JobQuerySet.as_manager()
    estate_lookup = "estate"

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        permissions = [
            ("build_monthly_report", _("Can build and download the monthly statistics workbook"))
        ]
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One waiting, running or done job per key; failed attempts are kept beside it.
            models.UniqueConstraint(
                fields=["kind", "key"],
                condition=~models.Q(key="") & ~models.Q(status="failed"),
                name="desk_job_once_per_key",
            ),
            models.UniqueConstraint(
                fields=["kind", "key", "attempt"],
                condition=~models.Q(key=""),
                name="desk_job_attempt_once_per_key",
            ),
            models.CheckConstraint(
                condition=models.Q(done__lte=models.F("total")) | models.Q(total=0),
                name="desk_job_done_within_total",
            ),
        ]

    def __str__(self):
        return f"{self.kind} #{self.pk}"

    def get_absolute_url(self):
        return reverse("desk:job", args=[self.pk])

    @property
    def is_active(self):
        return self.status in self.ACTIVE

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.total:
            return 0
        return min(100, self.done * 100 // self.total)

    @property
    def percent_step(self) -> int:
        """The bar's width class (desk.css has one per 5 %: no inline styles)."""
        return self.percent // 5 * 5


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        """A person's own notifications, of the estates they work in (and of no estate)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(recipient=user).filter(
            models.Q(estate_id__in=user_estate_ids(user)) | models.Q(estate__isnull=True)
        )

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(ChoiceLabels, models.Model):
    """One message to one staff member in their inbox (see desk.inbox).

    It stores what happened, a registered kind and its values, never a sentence: each
    reader sees it in their own language. A message to a role is one row per holder of the
    role in the estate, so each person reads their own and the unread count is one index
    lookup.
    """

    estate = models.ForeignKey(
        "desk.Estate",
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("estate"),
    )
    recipient = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    # The role it was sent to (every holder got a row), empty when sent to the person.
    role = models.CharField(_("role"), max_length=32, blank=True)
    kind = models.CharField(_("kind"), max_length=64)
    values = models.JSONField(_("values"), default=dict, blank=True)
    url = models.CharField(_("link"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox"),
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True),
                name="notification_unread",
            ),
        ]

    def __str__(self):
        return f"{self.kind} → {self.recipient_id}"

    @property
    def text(self) -> str:
        """The message in the active language."""
        from desk.inbox import notification_text

        return notification_text(self)

    @property
    def icon(self) -> str:
        from desk.inbox import notification_icon

        return notification_icon(self)
