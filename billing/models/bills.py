"""Bills: one per unit and month, with a line per fee item; late fees are lines too."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from billing.models.fees import FeeKind, FeeStandard
from desk.scoping import EstateScopedQuerySet

ESTATE = "desk.Estate"
MONEY = {"max_digits": 12, "decimal_places": 2}
# Lines of charges other apps raise: a bill may hold several of one standard.
CHARGED_KINDS = [FeeKind.ONE_OFF.value, FeeKind.DEPOSIT.value]


class BillRun(models.Model):
    """An estate's month: the row the bill run locks while it bills, and what it skipped."""

    estate = models.ForeignKey(ESTATE, on_delete=models.PROTECT, verbose_name=_("estate"))
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    last_run_at = models.DateTimeField(_("last run at"), null=True, blank=True)
    bills = models.PositiveIntegerField(_("bills"), default=0)
    # The units skipped on the last run for a missing meter reading: [[unit id, label, kinds]].
    skipped = models.JSONField(_("skipped units"), default=list, blank=True)

    estate_lookup = "estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-month"]
        verbose_name = _("bill run")
        verbose_name_plural = _("bill runs")
        constraints = [
            models.UniqueConstraint(
                fields=["estate", "year", "month"], name="billrun_one_per_month"
            )
        ]
        permissions = [("run_bills", _("Can run the month's bills"))]

    def __str__(self):
        return f"{self.estate_id} {self.year}-{self.month:02d}"


class Bill(models.Model):
    """A unit's monthly bill; or a bill of its own for a charge billed at once (`kind`)."""

    class Kind(models.TextChoices):
        MONTHLY = "monthly", _("Monthly bill")
        CHARGE = "charge", _("Charge")

    estate = models.ForeignKey(ESTATE, on_delete=models.PROTECT, verbose_name=_("estate"))
    unit = models.ForeignKey(
        "tenants.Unit", on_delete=models.PROTECT, related_name="bills", verbose_name=_("unit")
    )
    run = models.ForeignKey(
        BillRun,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bill_set",
        verbose_name=_("bill run"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    kind = models.CharField(_("kind"), max_length=8, choices=Kind, default=Kind.MONTHLY)
    total = models.DecimalField(_("total"), **MONEY)
    # The payment notice (缴费通知单): numbered when it is first printed (desk.numbering).
    notice_number = models.CharField(_("notice number"), max_length=32, blank=True)
    notice_printed_at = models.DateTimeField(_("notice first printed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    estate_lookup = "estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-month", "unit"]
        verbose_name = _("bill")
        verbose_name_plural = _("bills")
        constraints = [
            models.UniqueConstraint(
                fields=["notice_number"],
                condition=~Q(notice_number=""),
                name="bill_notice_number_once",
            ),
            models.UniqueConstraint(
                fields=["unit", "year", "month"],
                condition=Q(kind="monthly"),
                name="bill_one_per_month",
            ),
            models.CheckConstraint(condition=Q(month__gte=1, month__lte=12), name="bill_month"),
        ]
        indexes = [models.Index(fields=["estate", "year", "month"])]

    def __str__(self):
        return f"{self.year}-{self.month:02d}"

    @property
    def period(self):
        return f"{self.year}-{self.month:02d}"


class BillLine(models.Model):
    """What one fee item charges a unit for a month. `gross - discount = amount`; what is
    still open is `amount - paid - waived`. A late fee is its own line (`late_fee_of`),
    written when a payment reaches the overdue line, from `late_fee_until` on."""

    DISCOUNT_VACANT = "vacant"  # `discount_reason`: a code, shown translated (`discount_label`)

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        PAID = "paid", _("Paid")
        WAIVED = "waived", _("Waived")

    estate = models.ForeignKey(ESTATE, on_delete=models.PROTECT, verbose_name=_("estate"))
    unit = models.ForeignKey(
        "tenants.Unit", on_delete=models.PROTECT, related_name="bill_lines", verbose_name=_("unit")
    )
    bill = models.ForeignKey(
        Bill, on_delete=models.PROTECT, related_name="lines", verbose_name=_("bill")
    )
    standard = models.ForeignKey(
        FeeStandard, on_delete=models.PROTECT, related_name="lines", verbose_name=_("fee standard")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=FeeKind)
    late_fee_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="late_fee_lines",
        verbose_name=_("late fee of"),
    )
    payer = models.ForeignKey(
        "tenants.Resident",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bill_lines",
        verbose_name=_("payer"),
    )
    description = models.CharField(_("description"), max_length=200)
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=2)
    rate = models.DecimalField(_("rate"), max_digits=12, decimal_places=4)
    tiers = models.JSONField(_("tiers"), default=list, blank=True)
    gross = models.DecimalField(_("gross"), **MONEY)
    discount = models.DecimalField(_("discount"), default=0, **MONEY)
    discount_reason = models.CharField(_("discount reason"), max_length=100, blank=True)
    amount = models.DecimalField(_("amount"), **MONEY)
    paid = models.DecimalField(_("paid"), default=0, **MONEY)
    waived = models.DecimalField(_("waived"), default=0, **MONEY)
    status = models.CharField(_("status"), max_length=8, choices=Status, default=Status.OPEN)
    due_date = models.DateField(_("due date"))
    late_fee_until = models.DateField(
        _("late fee charged until"), null=True, blank=True, help_text=_("Late fee written up to.")
    )
    late_fee_charged = models.DecimalField(_("late fee charged"), default=0, **MONEY)
    late_fee_waived = models.BooleanField(_("late fee waived"), default=False)
    waive_reason = models.CharField(_("reason for waiving"), max_length=200, blank=True)
    waived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("waived by"),
    )
    history = HistoricalRecords()

    estate_lookup = "estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("bill line")
        verbose_name_plural = _("bill lines")
        constraints = [
            models.UniqueConstraint(
                fields=["bill", "standard"],
                condition=Q(late_fee_of__isnull=True) & ~Q(kind__in=CHARGED_KINDS),
                name="billline_one_per_fee",
            ),
            models.CheckConstraint(
                condition=Q(amount=F("gross") - F("discount")), name="billline_amount"
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0, discount__gte=0, paid__gte=0, waived__gte=0),
                name="billline_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=F("paid") + F("waived")), name="billline_not_overpaid"
            ),
            models.CheckConstraint(
                condition=Q(status="open", amount__gt=F("paid") + F("waived"))
                | (~Q(status="open") & Q(amount=F("paid") + F("waived"))),
                name="billline_status_follows_amounts",
            ),
        ]
        indexes = [
            # The amounts included: the arrears list sums the open lines from the index alone.
            models.Index(
                fields=["unit", "due_date"],
                include=["amount", "paid", "waived"],
                condition=Q(status="open"),
                name="billline_open_by_unit",
            ),
            models.Index(fields=["estate", "status"]),
        ]
        permissions = [("waive_billline", _("Can waive a bill line or its late fee"))]

    def __str__(self):
        return self.description

    @property
    def label(self):
        """What the line is for, in the reader's language (a late fee says so)."""
        if self.late_fee_of_id:
            return _("Late fee: %(line)s") % {"line": self.description}
        return self.description

    @property
    def discount_label(self):
        if self.discount_reason == self.DISCOUNT_VACANT:
            return _("Vacant-unit discount %(percent)s%%") % {
                "percent": f"{self.standard.vacant_discount:f}".rstrip("0").rstrip(".")
            }
        return self.discount_reason

    @property
    def open_amount(self):
        return self.amount - self.paid - self.waived
