"""The ladder's writes besides the run (billing/ladder.py): the estate's days, a visit's
outcome, the print batch marked printed. Each in one transaction."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from billing.models import LadderSettings, LadderStep, Reason
from billing.models.ladder import NOTICE_STAGES
from desk.errors import BusinessRuleError
from desk.estate_settings import range_errors, settings_row_save

DAY_FIELDS = [
    "reminder_days",
    "deadline_days",
    "rep_visit_days",
    "supervisor_visit_days",
    "director_days",
]
LIMITS = dict.fromkeys(DAY_FIELDS, (1, 730)) | {"pay_within_days": (1, 90)}
MESSAGES = {
    name: gettext_lazy("Give a number of days from %(low)s to %(high)s.") for name in LIMITS
}


@transaction.atomic
def ladder_settings_update(*, estate, by, **values) -> LadderSettings:
    values = {name: values[name] for name in LIMITS}
    errors = range_errors(values, LIMITS, MESSAGES)
    days = [values[name] for name in DAY_FIELDS]
    if not errors and any(later <= earlier for earlier, later in zip(days, days[1:], strict=False)):
        errors["deadline_days"] = _("Each stage comes later than the one before it.")
    return settings_row_save(LadderSettings, estate=estate, by=by, values=values, errors=errors)


def step_outcome_record(
    *, step: LadderStep, reason: str, expected_on: datetime.date | None, note: str, by
) -> LadderStep:
    """What a visit heard, on the account: why it is unpaid, when it will be paid."""
    if step.is_notice:
        raise BusinessRuleError(_("A notice has no visit to record."))
    if reason not in Reason.values:
        raise BusinessRuleError(_("Choose the reason for non-payment."))
    if expected_on is not None and expected_on < step.reached_on:
        raise BusinessRuleError(_("The expected payment date cannot be before the visit's day."))
    with transaction.atomic():
        step = LadderStep.objects.select_for_update().get(pk=step.pk)
        step.reason = reason
        step.expected_on = expected_on
        step.note = note.strip()
        step.outcome_by = by
        step.outcome_at = timezone.now()
        step._history_user = by
        step.save(update_fields=["reason", "expected_on", "note", "outcome_by", "outcome_at"])
    return step


def notices_mark_printed(*, steps, by) -> int:
    """The front desk printed these notices: they leave the batch (those already marked
    keep who printed them first)."""
    return LadderStep.objects.filter(
        pk__in=[s.pk for s in steps], stage__in=NOTICE_STAGES, printed_at__isnull=True
    ).update(printed_at=timezone.now(), printed_by=by)
