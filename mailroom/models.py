"""The mail register (邮件登记簿): letters, registered mail, parcels and newspapers received
at the desk, each with a pickup code (取件码) until it is signed for, delivered, returned
to the sender or voided. Nothing is deleted: a wrong entry is voided with a reason."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from desk.models import staff_link
from desk.scoping import EstateScopedQuerySet


class Kind(models.TextChoices):
    LETTER = "letter", _("Letter")
    REGISTERED = "registered", _("Registered mail")
    PARCEL = "parcel", _("Parcel")
    EXPRESS = "express", _("Express")
    NEWSPAPER = "newspaper", _("Newspaper / magazine")


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    NOTIFIED = "notified", _("Notified")
    COLLECTED = "collected", _("Collected")
    DELIVERED = "delivered", _("Delivered to the unit")
    RETURNED = "returned", _("Returned to sender")
    VOIDED = "voided", _("Voided")


# Items at the desk, waiting for their recipient: their pickup codes are unique in the estate.
AWAITING = [Status.RECEIVED, Status.NOTIFIED]
# Items that left the desk or the register: nothing more happens to them.
FINISHED = [Status.COLLECTED, Status.DELIVERED, Status.RETURNED, Status.VOIDED]


class Collector(models.TextChoices):
    RESIDENT = "resident", _("The recipient")
    PROXY = "proxy", _("A third party with the recipient's authorisation")


class NotifiedBy(models.TextChoices):
    EMAIL = "email", _("Email")
    SLIP = "slip", _("Pickup slip")


class MailSettings(models.Model):
    """Per estate: when an uncollected item is flagged, reminded again, and sent back."""

    DEFAULT_FLAG_DAYS = 7
    DEFAULT_REMIND_EVERY_DAYS = 3
    DEFAULT_RETURN_DAYS = 30

    estate = models.OneToOneField(
        "desk.Estate",
        on_delete=models.PROTECT,
        related_name="mail_settings",
        verbose_name=_("estate"),
    )
    flag_after_days = models.PositiveSmallIntegerField(
        _("flag uncollected mail after (days)"), default=DEFAULT_FLAG_DAYS
    )
    remind_every_days = models.PositiveSmallIntegerField(
        _("remind again every (days)"), default=DEFAULT_REMIND_EVERY_DAYS
    )
    return_after_days = models.PositiveSmallIntegerField(
        _("list for return to sender after (days)"), default=DEFAULT_RETURN_DAYS
    )
    history = HistoricalRecords()

    estate_lookup = "estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("mail settings")
        verbose_name_plural = _("mail settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(flag_after_days__gt=0)
                & Q(remind_every_days__gt=0)
                & Q(return_after_days__gt=models.F("flag_after_days")),
                name="mail_settings_sensible",
            )
        ]

    def __str__(self):
        return str(self.estate)


class MailItemQuerySet(EstateScopedQuerySet):
    def awaiting(self):
        return self.filter(status__in=AWAITING)


class MailItem(models.Model):
    Kind = Kind
    Status = Status
    Collector = Collector
    NotifiedBy = NotifiedBy

    estate = models.ForeignKey(
        "desk.Estate", on_delete=models.PROTECT, related_name="+", verbose_name=_("estate")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind, default=Kind.PARCEL)
    carrier = models.CharField(_("carrier"), max_length=50, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=64, blank=True)
    unit = models.ForeignKey(
        "tenants.Unit",
        on_delete=models.PROTECT,
        related_name="mail_items",
        null=True,
        blank=True,
        verbose_name=_("unit"),
    )
    resident = models.ForeignKey(
        "tenants.Resident",
        on_delete=models.PROTECT,
        related_name="mail_items",
        null=True,
        blank=True,
        verbose_name=_("recipient (resident)"),
    )
    recipient_name = models.CharField(
        _("recipient"),
        max_length=100,
        blank=True,
        help_text=_("As written on the item: a person, or a company in an office tower."),
    )
    shelf = models.CharField(_("shelf or slot"), max_length=32, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.RECEIVED)
    pickup_code = models.CharField(_("pickup code"), max_length=6, editable=False)
    received_at = models.DateTimeField(_("received at"))
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("received by"),
    )
    notified_at = models.DateTimeField(_("notified at"), null=True, blank=True)
    notified_by = models.CharField(_("notified by"), max_length=8, choices=NotifiedBy, blank=True)
    reminded_at = models.DateTimeField(_("last reminded at"), null=True, blank=True)
    reminders = models.PositiveSmallIntegerField(_("reminders"), default=0)
    # Signed for at the desk (collected) or at the unit (delivered).
    handed_at = models.DateTimeField(_("handed out at"), null=True, blank=True)
    handed_by = staff_link(_("handed out by"))
    collector = models.CharField(_("collected by"), max_length=16, choices=Collector, blank=True)
    collector_name = models.CharField(_("collector's name"), max_length=100, blank=True)
    authorisation = models.CharField(_("recipient's authorisation"), max_length=200, blank=True)
    id_checked = models.BooleanField(_("ID checked"), default=False)
    signature = models.FileField(_("signature"), upload_to="mail/signatures/", blank=True)
    signed_name = models.CharField(_("signed (name typed)"), max_length=100, blank=True)
    photo = models.FileField(_("photo"), upload_to="mail/photos/", blank=True)
    # Returned to the sender, or voided (a wrong entry): the reason, when and who.
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = staff_link(_("closed by"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    history = HistoricalRecords(excluded_fields=["pickup_code"])

    estate_lookup = "estate"
    objects = MailItemQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("mail item")
        verbose_name_plural = _("mail items")
        constraints = [
            models.UniqueConstraint(
                fields=["estate", "pickup_code"],
                condition=Q(status__in=AWAITING),
                name="mail_pickup_code_unique_while_awaiting",
            ),
            models.CheckConstraint(
                condition=Q(pickup_code__regex=r"^[0-9]{6}$"), name="mail_pickup_code_six_digits"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[Status.COLLECTED, Status.DELIVERED])
                | Q(handed_at__isnull=False),
                name="mail_handed_out_has_a_time",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[Status.RETURNED, Status.VOIDED]) | ~Q(reason=""),
                name="mail_closed_has_a_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["estate", "status", "received_at"]),
            models.Index(fields=["unit", "received_at"]),
            models.Index(fields=["tracking_number"]),
            models.Index(fields=["received_at"]),
            # What waits at the desk, by age: the home panels' and the handover's counts
            # (an index-only scan) and the handover's flagged items, oldest first.
            models.Index(
                fields=["estate", "received_at"],
                include=["id", "kind"],
                condition=Q(status__in=AWAITING),
                name="mail_awaiting_by_age",
            ),
        ]
        permissions = [
            ("hand_out_mailitem", _("Can hand out mail against a signature")),
            ("void_mailitem", _("Can void a wrong mail entry")),
            ("export_mailitems", _("Can export the mail register")),
        ]

    def __str__(self):
        label = self.tracking_number or self.get_kind_display()
        return f"{label} · {self.recipient_label}"

    @property
    def is_awaiting(self):
        return self.status in AWAITING

    @property
    def recipient_label(self):
        """Who it is for, as the desk says it: the resident or the name written, and the unit."""
        who = self.resident.name if self.resident_id else self.recipient_name
        if self.unit_id:
            return f"{self.unit.label} {who}".strip()
        return who
