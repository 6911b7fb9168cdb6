"""Fee standards (收费标准): what an estate charges, to which units, and at what rate when."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from desk.scoping import EstateScopedQuerySet

ESTATE = "desk.Estate"


class FeeKind(models.TextChoices):
    PROPERTY = "property", _("Property management fee")
    WATER = "water", _("Water")
    ELECTRICITY = "electricity", _("Electricity")
    GAS = "gas", _("Gas")
    FIXED = "fixed", _("Fixed monthly fee")
    ONE_OFF = "one_off", _("One-off fee")
    DEPOSIT = "deposit", _("Deposit")


METERED = (FeeKind.WATER, FeeKind.ELECTRICITY, FeeKind.GAS)
MONTHLY = (FeeKind.PROPERTY, FeeKind.FIXED, *METERED)  # what the bill run charges


class Payer(models.TextChoices):
    OWNER = "owner", _("Owner")
    OCCUPANT = "occupant", _("Occupant")


class FeeStandard(models.Model):
    """One fee item of an estate. Its rates are `FeeRate` rows with an effective-from date;
    a standard no longer charged is made inactive, never deleted (its bills name it)."""

    estate = models.ForeignKey(
        ESTATE, on_delete=models.PROTECT, related_name="fee_standards", verbose_name=_("estate")
    )
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=16, choices=FeeKind)
    payer = models.CharField(_("payer"), max_length=16, choices=Payer, default=Payer.OWNER)
    usages = models.JSONField(
        _("unit usages"), default=list, help_text=_("The kinds of unit it is charged to.")
    )
    vacant_pays = models.BooleanField(_("vacant units pay"), default=True)
    vacant_discount = models.DecimalField(
        _("vacant-unit discount (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    due_day = models.PositiveSmallIntegerField(
        _("due day"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
        help_text=_("Day of the billed month by which it is to be paid."),
    )
    late_fee_daily_rate = models.DecimalField(
        _("late fee per day (%)"),
        max_digits=6,
        decimal_places=4,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=_("Of the overdue amount, e.g. 0.05 for 0.05% a day; capped at the amount."),
    )
    late_fee_grace_days = models.PositiveSmallIntegerField(
        _("grace days"), default=0, help_text=_("Days after the due date before it accrues.")
    )
    charge_at_once = models.BooleanField(
        _("bill at once"),
        default=False,
        help_text=_(
            "One-off charges: a bill of their own at once; else a line on the unit's next bill."
        ),
    )
    active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    estate_lookup = "estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["estate", "order", "name"]
        verbose_name = _("fee standard")
        verbose_name_plural = _("fee standards")
        constraints = [
            models.UniqueConstraint(fields=["estate", "name"], name="feestandard_unique_name"),
            models.CheckConstraint(
                condition=Q(vacant_discount__gte=0, vacant_discount__lte=100),
                name="feestandard_discount_percent",
            ),
            models.CheckConstraint(
                condition=Q(due_day__gte=1, due_day__lte=28), name="feestandard_due_day"
            ),
            models.CheckConstraint(
                condition=Q(late_fee_daily_rate__gte=0, late_fee_daily_rate__lte=1),
                name="feestandard_late_fee_rate",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_metered(self):
        return self.kind in METERED


class FeeRate(models.Model):
    """A standard's rate from a date on: per m² a month (property fee), per unit of usage
    (metered; `tiers` for a tiered price), or per month / per charge. A bill line copies the
    rate it used, so a new rate never changes a past bill."""

    standard = models.ForeignKey(
        FeeStandard, on_delete=models.PROTECT, related_name="rates", verbose_name=_("fee standard")
    )
    effective_from = models.DateField(_("effective from"))
    rate = models.DecimalField(
        _("rate (CNY)"),
        max_digits=12,
        decimal_places=4,
        validators=[MinValueValidator(Decimal("0"))],
    )
    # Tiered metered price: [{"up_to": "10", "rate": "3.50"}, {"up_to": null, "rate": "5"}],
    # each tier's rate for the usage up to `up_to` (the last open-ended). Empty: `rate` flat.
    tiers = models.JSONField(_("tiers"), default=list, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    estate_lookup = "standard__estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["standard", "-effective_from"]
        verbose_name = _("fee rate")
        verbose_name_plural = _("fee rates")
        constraints = [
            models.UniqueConstraint(
                fields=["standard", "effective_from"], name="feerate_one_per_date"
            ),
            models.CheckConstraint(condition=Q(rate__gte=0), name="feerate_not_negative"),
        ]

    def __str__(self):
        return f"{self.standard} {self.rate} @ {self.effective_from}"
