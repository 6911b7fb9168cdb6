"""Writes of fee standards and their rates."""

import datetime
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from billing.models import Bill, FeeRate, FeeStandard
from desk.errors import BusinessRuleError

STANDARD_FIELDS = (
    "name",
    "kind",
    "payer",
    "usages",
    "vacant_pays",
    "vacant_discount",
    "due_day",
    "late_fee_daily_rate",
    "late_fee_grace_days",
    "active",
    "order",
)


def clean_tiers(tiers) -> list:
    """Tiers as stored: ascending bounds, the last open-ended; rates as text. Raises
    BusinessRuleError with a translated message for anything else."""
    if not tiers:
        return []
    cleaned, last = [], Decimal("-1")
    for i, tier in enumerate(tiers):
        try:
            rate = Decimal(str(tier["rate"]))
            up_to = tier.get("up_to")
            bound = None if up_to in (None, "") else Decimal(str(up_to))
        except (KeyError, TypeError, InvalidOperation) as exc:
            raise BusinessRuleError(
                _("A tier needs a rate, and a bound but for the last.")
            ) from exc
        if rate < 0:
            raise BusinessRuleError(_("A tier's rate cannot be negative."))
        if bound is None and i != len(tiers) - 1:
            raise BusinessRuleError(_("Only the last tier is open-ended."))
        if bound is not None and bound <= last:
            raise BusinessRuleError(_("Tier bounds must go up."))
        last = bound if bound is not None else last
        cleaned.append({"up_to": None if bound is None else str(bound), "rate": str(rate)})
    return cleaned


def standard_save(*, estate, data: dict, standard: FeeStandard | None = None, by=None):
    """Create (standard None) or change a fee standard of `estate`."""
    unknown = set(data) - set(STANDARD_FIELDS)
    if unknown:
        raise ValueError(f"Not a fee standard field: {sorted(unknown)}")
    with transaction.atomic():
        if standard is None:
            standard = FeeStandard(estate=estate)
        else:
            standard = FeeStandard.objects.select_for_update().get(pk=standard.pk)
            if "kind" in data and data["kind"] != standard.kind and standard.lines.exists():
                raise BusinessRuleError(_("A fee standard that has billed keeps its kind."))
        for name, value in data.items():
            setattr(standard, name, value)
        try:
            with transaction.atomic():
                standard.save()
        except IntegrityError as exc:
            raise BusinessRuleError(
                _("This estate already has a fee standard of that name.")
            ) from exc
    return standard


def rate_add(
    *, standard: FeeStandard, effective_from: datetime.date, rate: Decimal, tiers=None, by=None
) -> FeeRate:
    """A new rate from a date on. A month already billed keeps the rate it was billed at:
    a rate may not start in or before a month the estate has billed with this standard."""
    tiers = clean_tiers(tiers or [])
    if rate < 0:
        raise BusinessRuleError(_("A rate cannot be negative."))
    with transaction.atomic():
        standard = FeeStandard.objects.select_for_update().get(pk=standard.pk)
        period = effective_from.year * 12 + effective_from.month
        billed = (
            Bill.objects.filter(lines__standard=standard)
            .order_by("-year", "-month")
            .values_list("year", "month")
            .first()
        )
        if billed and billed[0] * 12 + billed[1] >= period:
            raise BusinessRuleError(
                _(
                    "%(period)s is already billed with this fee; a new rate can start from "
                    "the first month not billed yet."
                )
                % {"period": f"{billed[0]}-{billed[1]:02d}"}
            )
        try:
            with transaction.atomic():
                return FeeRate.objects.create(
                    standard=standard, effective_from=effective_from, rate=rate, tiers=tiers
                )
        except IntegrityError as exc:
            raise BusinessRuleError(_("This fee already has a rate from that date.")) from exc
