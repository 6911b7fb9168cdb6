"""Meter readings (抄表): one per unit, meter kind and billed month."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from desk.scoping import EstateScopedQuerySet

ESTATE = "desk.Estate"


class MeterReading(models.Model):
    class Kind(models.TextChoices):
        WATER = "water", _("Water")
        ELECTRICITY = "electricity", _("Electricity")
        GAS = "gas", _("Gas")

    estate = models.ForeignKey(ESTATE, on_delete=models.PROTECT, verbose_name=_("estate"))
    unit = models.ForeignKey(
        "tenants.Unit",
        on_delete=models.PROTECT,
        related_name="meter_readings",
        verbose_name=_("unit"),
    )
    kind = models.CharField(_("meter"), max_length=16, choices=Kind)
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    # The usage is `reading - start`: `start` is the previous reading, or the new meter's
    # start reading when the meter was replaced (`replaced`).
    start = models.DecimalField(_("start reading"), max_digits=12, decimal_places=2)
    reading = models.DecimalField(_("reading"), max_digits=12, decimal_places=2)
    replaced = models.BooleanField(_("meter replaced"), default=False)
    flagged = models.BooleanField(
        _("flagged"), default=False, help_text=_("Usage far above the unit's average.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    estate_lookup = "estate"
    objects = EstateScopedQuerySet.as_manager()

    class Meta:
        ordering = ["unit", "kind", "-year", "-month"]
        verbose_name = _("meter reading")
        verbose_name_plural = _("meter readings")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "kind", "year", "month"], name="meterreading_one_per_month"
            ),
            models.CheckConstraint(
                condition=Q(reading__gte=F("start")), name="meterreading_not_below_start"
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12), name="meterreading_month"
            ),
        ]
        indexes = [models.Index(fields=["estate", "year", "month", "kind"])]

    def __str__(self):
        return f"{self.unit_id} {self.kind} {self.year}-{self.month:02d}: {self.reading}"

    @property
    def usage(self):
        return self.reading - self.start
