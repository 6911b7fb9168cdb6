"""Payments (with their receipt numbers), what each paid, prepaid balances, reversals."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from billing.models.bills import BillLine
from billing.models.fees import FeeKind
from desk.scoping import EstateScopedQuerySet

ESTATE = "desk.Estate"
MONEY = {"max_digits": 12, "decimal_places": 2}


class Method(models.TextChoices):
    CASH = "cash", _("Cash")
    CARD = "card", _("Bank card")
    WECHAT = "wechat", _("WeChat Pay")
    ALIPAY = "alipay", _("Alipay")
    TRANSFER = "transfer", _("Bank transfer")


class Payment(models.Model):
    """Money taken at the fee centre, with its receipt (收据) number; or, with `reverses`
    set, the reversal of such a payment (红字收据): a negative amount on the day it is made."""

    estate = models.ForeignKey(ESTATE, on_delete=models.PROTECT, verbose_name=_("estate"))
    unit = models.ForeignKey(
        "tenants.Unit", on_delete=models.PROTECT, related_name="payments", verbose_name=_("unit")
    )
    number = models.CharField(_("receipt number"), max_length=32)
    method = models.CharField(_("method"), max_length=16, choices=Method)
    reference = models.CharField(_("transaction reference"), max_length=64, blank=True)
    amount = models.DecimalField(_("amount"), **MONEY)
    prepaid = models.DecimalField(_("kept as prepaid"), default=0, **MONEY)
    prepaid_kind = models.CharField(
        _("prepaid for"), max_length=16, choices=FeeKind, blank=True, help_text=_("Empty: any fee.")
    )
    payer_name = models.CharField(_("paid by"), max_length=100, blank=True)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cashier"),
    )
    taken_at = models.DateTimeField(_("taken at"))
    business_date = models.DateField(_("day"), help_text=_("The estate's day it counts on."))
    reverses = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversal",
        verbose_name=_("reverses"),
    )
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    # The cashier's closed day that counts it (a reversal: the day it was made).
    cashup = models.ForeignKey(
        "billing.CashUp",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payments",
        verbose_name=_("cash-up"),
    )
    history = HistoricalRecords()

    estate_lookup = "estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-taken_at"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.UniqueConstraint(fields=["estate", "number"], name="payment_unique_number"),
            # A transaction reference is never accepted twice for the same method.
            models.UniqueConstraint(
                fields=["method", "reference"],
                condition=Q(reverses__isnull=True) & ~Q(reference=""),
                name="payment_reference_once_per_method",
            ),
            models.CheckConstraint(
                condition=Q(method="cash") | ~Q(reference="") | Q(reverses__isnull=False),
                name="payment_reference_unless_cash",
            ),
            models.CheckConstraint(
                condition=Q(reverses__isnull=True, amount__gt=0)
                | Q(reverses__isnull=False, amount__lt=0),
                name="payment_sign",
            ),
        ]
        indexes = [
            models.Index(fields=["estate", "business_date"]),
            # A cashier's drawer: the payments they took not yet in a closed day, summed
            # from the index alone (the cashier's home, the close of a day).
            models.Index(
                fields=["taken_by", "estate", "business_date"],
                include=["method", "amount"],
                condition=Q(cashup__isnull=True, reverses__isnull=True),
                name="payment_open_drawer",
            ),
        ]
        permissions = [
            ("request_reversal", _("Can ask for a payment's reversal")),
            ("approve_reversal", _("Can approve a payment's reversal")),
        ]

    def __str__(self):
        return self.number

    @property
    def is_reversal(self):
        return self.reverses_id is not None


class PrepaidEntry(models.Model):
    """The unit's prepaid balance (预存) as a ledger: money kept (+) and money applied to
    bills (−), general (`kind` empty) or earmarked for one fee kind (专款)."""

    estate = models.ForeignKey(ESTATE, on_delete=models.PROTECT, verbose_name=_("estate"))
    unit = models.ForeignKey(
        "tenants.Unit",
        on_delete=models.PROTECT,
        related_name="prepaid_entries",
        verbose_name=_("unit"),
    )
    kind = models.CharField(_("prepaid for"), max_length=16, choices=FeeKind, blank=True)
    amount = models.DecimalField(_("amount"), **MONEY)
    payment = models.ForeignKey(
        Payment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="prepaid_entries",
        verbose_name=_("payment"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    estate_lookup = "estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("prepaid entry")
        verbose_name_plural = _("prepaid entries")
        indexes = [models.Index(fields=["unit", "kind"])]

    def __str__(self):
        return f"{self.unit_id} {self.kind or '*'} {self.amount}"


class Allocation(models.Model):
    """What a payment (or a prepaid balance) paid of one line; a reversal's are negative."""

    line = models.ForeignKey(
        BillLine, on_delete=models.PROTECT, related_name="allocations", verbose_name=_("line")
    )
    payment = models.ForeignKey(
        Payment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="allocations",
        verbose_name=_("payment"),
    )
    prepaid_entry = models.OneToOneField(
        PrepaidEntry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="allocation",
        verbose_name=_("prepaid entry"),
    )
    amount = models.DecimalField(_("amount"), **MONEY)

    estate_lookup = "line__estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        constraints = [
            models.CheckConstraint(
                condition=Q(payment__isnull=False, prepaid_entry__isnull=True)
                | Q(payment__isnull=True, prepaid_entry__isnull=False),
                name="allocation_one_source",
            ),
            models.UniqueConstraint(fields=["payment", "line"], name="allocation_once_per_line"),
            models.CheckConstraint(condition=~Q(amount=0), name="allocation_not_zero"),
        ]

    def __str__(self):
        return f"{self.line_id}: {self.amount}"


class ReversalRequest(models.Model):
    """A cashier asks, with a reason, that a payment be reversed; a manager decides."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    estate = models.ForeignKey(ESTATE, on_delete=models.PROTECT, verbose_name=_("estate"))
    payment = models.ForeignKey(
        Payment,
        on_delete=models.PROTECT,
        related_name="reversal_requests",
        verbose_name=_("payment"),
    )
    reason = models.CharField(_("reason"), max_length=200)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.REQUESTED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("asked by"),
    )
    requested_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    history = HistoricalRecords()

    estate_lookup = "estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("reversal request")
        verbose_name_plural = _("reversal requests")
        constraints = [
            models.UniqueConstraint(
                fields=["payment"],
                condition=Q(status__in=["requested", "approved"]),
                name="reversal_one_open_per_payment",
            )
        ]

    def __str__(self):
        return f"{self.payment} ({self.get_status_display()})"
