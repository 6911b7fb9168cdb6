"""Thin Celery wrappers over billing's services: ids and periods in, a service called."""

from celery import shared_task

from desk.jobs import run_job


@shared_task(name="billing.generate_monthly_bills", acks_late=True, ignore_result=True)
def generate_monthly_bills(year=None, month=None, estate_code=None):
    """The beat's bill run (1st of the month, 01:00): every estate's month, as its own
    clock has it (or the month given)."""
    from billing.runs import generate_monthly_bills as run

    return run(year=year, month=month, estate_code=estate_code)


@shared_task(name="billing.bill_run_job", acks_late=True, ignore_result=True)
def bill_run_job(job_id):
    """The cashier's button: the bill run as a job with its progress page."""
    from billing.services import bill_run_job as work

    run_job(job_id, work)
