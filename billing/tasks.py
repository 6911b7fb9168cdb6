"""Thin Celery wrappers over billing's services: periods in, a service called. (The
cashier's bill run is a job of kind `billing.bill_run`, run by desk's `desk.run_job`.)"""

from celery import shared_task


@shared_task(name="billing.generate_monthly_bills", acks_late=True, ignore_result=True)
def generate_monthly_bills(year=None, month=None, estate_code=None):
    """The beat's bill run (1st of the month, 01:00): every estate's month, as its own
    clock has it (or the month given)."""
    from billing.runs import generate_monthly_bills as run

    return run(year=year, month=month, estate_code=estate_code)


@shared_task(
    name="billing.send_overdue_reminders",
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=False,
)
def send_overdue_reminders(day=None, estate_code=None):
    """The beat's reminder run (daily, 09:00): every estate's overdue accounts one stage up
    the ladder, on each estate's own today (or `day`, an ISO date). Safe to deliver twice."""
    import datetime

    from billing.ladder import send_overdue_reminders as run

    return run(day=datetime.date.fromisoformat(day) if day else None, estate_code=estate_code)
