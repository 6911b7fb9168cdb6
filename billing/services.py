"""Every write of billing, by topic (each module's functions run in one transaction):

- fee standards and rates: `billing.fee_services`
- meter readings: `billing.meter_services`
- the monthly bill run: `billing.bill_run`
- payments, reversals, waiving: `billing.payment_services`
"""

from django.utils.translation import gettext as _

from billing.bill_run import RunResult, bill_run
from billing.fee_services import rate_add, standard_save
from billing.meter_services import ReadingEntry, ReadingErrors, readings_save
from billing.payment_services import (
    late_fee_waive,
    line_waive,
    payment_take,
    reversal_approve,
    reversal_reject,
    reversal_request,
)

__all__ = [
    "ReadingEntry",
    "ReadingErrors",
    "RunResult",
    "bill_run",
    "bill_run_job",
    "late_fee_waive",
    "line_waive",
    "payment_take",
    "rate_add",
    "readings_save",
    "reversal_approve",
    "reversal_reject",
    "reversal_request",
    "standard_save",
]


def bill_run_job(job):
    """The bill run as a job (`desk.jobs`): the month in its params, progress per chunk."""
    from desk.jobs import job_progress

    params = job.params
    result = bill_run(
        estate=job.estate,
        year=params["year"],
        month=params["month"],
        progress=lambda done, total: job_progress(job.pk, done, total),
    )
    summary = result.as_dict()
    summary["period"] = f"{params['year']}-{params['month']:02d}"
    summary["message"] = _("%(bills)d bills made, %(skipped)d units skipped.") % {
        "bills": result.bills,
        "skipped": len(result.skipped),
    }
    return summary
