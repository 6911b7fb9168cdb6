"""Charges other apps raise through desk.charges (a one-off fee, a deposit), deposit refunds
with their deductions, and the cashier's closed days (日结). Nothing is deleted."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from billing.models.bills import BillLine
from billing.models.fees import FeeKind, FeeStandard
from billing.models.payments import Method
from desk.scoping import EstateScopedQuerySet

ESTATE = "desk.Estate"
MONEY = {"max_digits": 12, "decimal_places": 2}


class Charge(models.Model):
    """A charge another app raised on a unit (a special paid service, a renovation fee or
    deposit): once per source and key; a line on the unit's next bill, or at once."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the next bill")
        BILLED = "billed", _("Billed")

    estate = models.ForeignKey(ESTATE, on_delete=models.PROTECT, verbose_name=_("estate"))
    unit = models.ForeignKey(
        "tenants.Unit", on_delete=models.PROTECT, related_name="charges", verbose_name=_("unit")
    )
    standard = models.ForeignKey(
        FeeStandard,
        on_delete=models.PROTECT,
        related_name="charges",
        verbose_name=_("fee standard"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=FeeKind)
    amount = models.DecimalField(_("amount"), **MONEY)
    label = models.CharField(_("description"), max_length=200)
    source = models.CharField(_("raised for"), max_length=100)  # "<app>.<model>:<pk>"
    source_label = models.CharField(_("source"), max_length=200, blank=True)
    key = models.CharField(_("key"), max_length=32, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status, default=Status.PENDING)
    line = models.OneToOneField(
        BillLine,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="charge",
        verbose_name=_("bill line"),
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("raised by"),
    )
    raised_at = models.DateTimeField(_("raised at"), auto_now_add=True)
    history = HistoricalRecords()

    estate_lookup = "estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-raised_at"]
        verbose_name = _("charge")
        verbose_name_plural = _("charges")
        constraints = [
            models.UniqueConstraint(fields=["estate", "source", "key"], name="charge_once"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="charge_positive"),
            models.CheckConstraint(
                condition=Q(status="pending", line__isnull=True)
                | Q(status="billed", line__isnull=False),
                name="charge_status_follows_line",
            ),
        ]
        indexes = [
            models.Index(
                fields=["unit"], condition=Q(status="pending"), name="charge_pending_by_unit"
            )
        ]

    def __str__(self):
        return self.label


class DepositRefund(models.Model):
    """A deposit given back: what was held, less deductions (each with its reason); asked
    by whoever accepts the work, paid out by a cashier (it counts on that day's cash-up)."""

    class Status(models.TextChoices):
        DUE = "due", _("To pay out")
        PAID = "paid", _("Paid out")

    estate = models.ForeignKey(ESTATE, on_delete=models.PROTECT, verbose_name=_("estate"))
    unit = models.ForeignKey(
        "tenants.Unit",
        on_delete=models.PROTECT,
        related_name="deposit_refunds",
        verbose_name=_("unit"),
    )
    charge = models.OneToOneField(
        Charge, on_delete=models.PROTECT, related_name="refund", verbose_name=_("deposit")
    )
    held = models.DecimalField(_("deposit held"), **MONEY)
    deducted = models.DecimalField(_("deducted"), **MONEY)
    amount = models.DecimalField(_("to refund"), **MONEY)
    status = models.CharField(_("status"), max_length=8, choices=Status, default=Status.DUE)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("asked by"),
    )
    asked_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    method = models.CharField(_("method"), max_length=16, choices=Method, blank=True)
    reference = models.CharField(_("transaction reference"), max_length=64, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("paid out by"),
    )
    paid_at = models.DateTimeField(_("paid out at"), null=True, blank=True)
    business_date = models.DateField(_("day"), null=True, blank=True)
    cashup = models.ForeignKey(
        "billing.CashUp",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="refunds",
        verbose_name=_("cash-up"),
    )
    history = HistoricalRecords()

    estate_lookup = "estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-asked_at"]
        verbose_name = _("deposit refund")
        verbose_name_plural = _("deposit refunds")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount=F("held") - F("deducted")), name="depositrefund_amount"
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0, deducted__gte=0), name="depositrefund_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(status="due", paid_at__isnull=True)
                | Q(status="paid", paid_at__isnull=False, business_date__isnull=False),
                name="depositrefund_paid_has_day",
            ),
        ]
        permissions = [("pay_depositrefund", _("Can pay out a deposit refund"))]

    def __str__(self):
        return f"{self.charge} − {self.deducted} = {self.amount}"


class DepositDeduction(models.Model):
    refund = models.ForeignKey(
        DepositRefund,
        on_delete=models.PROTECT,
        related_name="deductions",
        verbose_name=_("refund"),
    )
    amount = models.DecimalField(_("amount"), **MONEY)
    reason = models.CharField(_("reason"), max_length=200)

    estate_lookup = "refund__estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("deduction")
        verbose_name_plural = _("deductions")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="depositdeduction_positive"),
            models.CheckConstraint(condition=~Q(reason=""), name="depositdeduction_reason"),
        ]

    def __str__(self):
        return f"{self.amount} {self.reason}"


class CashUp(models.Model):
    """A cashier's closed day (日结): the figures by method against what was counted, signed.
    Every payment, reversal and refund it counts points to it (`cashup`), so a closed day
    never changes and an entry made after the close counts on the next one."""

    estate = models.ForeignKey(ESTATE, on_delete=models.PROTECT, verbose_name=_("estate"))
    cashier = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cashier"),
    )
    business_date = models.DateField(_("day"))
    expected = models.DecimalField(_("expected"), **MONEY)
    counted = models.DecimalField(_("counted"), **MONEY)
    signed_name = models.CharField(_("signed"), max_length=100)
    note = models.CharField(_("note"), max_length=300, blank=True)
    closed_at = models.DateTimeField(_("closed at"))

    estate_lookup = "estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-business_date", "cashier"]
        verbose_name = _("cash-up")
        verbose_name_plural = _("cash-ups")
        constraints = [
            models.UniqueConstraint(
                fields=["estate", "cashier", "business_date"], name="cashup_one_per_day"
            ),
            models.CheckConstraint(condition=~Q(signed_name=""), name="cashup_signed"),
        ]
        permissions = [("close_cashup", _("Can close a cashier's day"))]

    def __str__(self):
        return f"{self.cashier} {self.business_date}"

    @property
    def difference(self):
        return self.counted - self.expected


class CashUpLine(models.Model):
    """One method of a closed day: taken, reversed, refunded (both negative), counted."""

    cashup = models.ForeignKey(
        CashUp, on_delete=models.PROTECT, related_name="lines", verbose_name=_("cash-up")
    )
    method = models.CharField(_("method"), max_length=16, choices=Method)
    taken = models.DecimalField(_("taken"), **MONEY)
    reversed = models.DecimalField(_("reversed"), **MONEY)
    refunded = models.DecimalField(_("refunded"), **MONEY)
    expected = models.DecimalField(_("expected"), **MONEY)
    counted = models.DecimalField(_("counted"), **MONEY)
    receipts = models.PositiveIntegerField(_("receipts"), default=0)

    estate_lookup = "cashup__estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["cashup", "id"]
        verbose_name = _("cash-up line")
        verbose_name_plural = _("cash-up lines")
        constraints = [
            models.UniqueConstraint(fields=["cashup", "method"], name="cashupline_one_per_method"),
            models.CheckConstraint(
                condition=Q(expected=F("taken") + F("reversed") + F("refunded")),
                name="cashupline_expected",
            ),
        ]

    def __str__(self):
        return f"{self.cashup} {self.method}"

    @property
    def difference(self):
        return self.counted - self.expected
