"""Starting the bill run: for every estate (the beat, the command) or as a job (the button)."""

from django.utils.translation import gettext_lazy

from billing.bill_run import bill_run
from desk.clock import estate_today

JOB_KIND = "billing.bill_run"


def generate_monthly_bills(*, year=None, month=None, estate_code=None) -> dict:
    """Bill the month of every estate (or the one with `estate_code`): the month given, or
    each estate's current month by its own clock. Returns {estate code: summary}."""
    from desk.models import Estate

    estates = Estate.objects.order_by("pk")
    if estate_code:
        estates = estates.filter(code=estate_code)
    summaries = {}
    for estate in estates:
        if year is None or month is None:
            today = estate_today(estate)
            y, m = today.year, today.month
        else:
            y, m = year, month
        summaries[estate.code] = bill_run(estate=estate, year=y, month=m).as_dict()
    return summaries


def register_bill_run_kind():
    from desk.jobs import register_job_kind

    register_job_kind(
        JOB_KIND,
        work="billing.services.bill_run_job",
        label=gettext_lazy("Bill run"),
        permission="billing.run_bills",
        summary_template="billing/partials/bill_run_summary.html",
        next_url="billing:bill_list",
        next_label=gettext_lazy("Go to the bills"),
        again_url="billing:run",
        again_label=gettext_lazy("Run the month again"),
    )


def bill_run_start(*, estate, year: int, month: int, by):
    """Start the bill run of the estate's month as a job (no key: a second run only bills
    what the first left, so it may always be started again)."""
    from desk.jobs import job_start

    return job_start(kind=JOB_KIND, estate=estate, by=by, year=year, month=month)
