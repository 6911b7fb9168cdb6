from celery import shared_task

from desk.jobs import job_run, jobs_fail_stale


@shared_task(name="desk.fail_stale_jobs", ignore_result=True)
def fail_stale_jobs():
    return jobs_fail_stale()


# acks_late: a worker killed half-way leaves the message to be delivered again (after the
# broker's visibility timeout, see CELERY_BROKER_TRANSPORT_OPTIONS); the job's claim makes
# the second delivery a no-op when the first one got as far as claiming it.
@shared_task(name="desk.run_job", acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def run_job(job_id):
    """Any job, by id: its kind's registered work (desk.jobs)."""
    job_run(job_id)


@shared_task(name="desk.build_monthly_report", ignore_result=False)
def build_monthly_report():
    """The beat's run (the 1st, 02:00): each estate's previous month by its own clock, a
    job each. Returns how many were started."""
    from desk.models import Estate
    from desk.monthly_report import SCHEDULE, previous_month, report_start

    started = 0
    for estate in Estate.objects.order_by("pk"):
        year, month = previous_month(estate)
        report_start(estate=estate, year=year, month=month, schedule=SCHEDULE)
        started += 1
    return started
