from celery import shared_task

from desk.jobs import jobs_fail_stale, run_job
from desk.list_exports import list_export_work


@shared_task(name="desk.fail_stale_jobs", ignore_result=True)
def fail_stale_jobs():
    return jobs_fail_stale()


@shared_task(name="desk.export_list", acks_late=True, ignore_result=True)
def export_list(job_id):
    run_job(job_id, list_export_work)
