from celery import shared_task

from desk.jobs import jobs_fail_stale


@shared_task(name="desk.fail_stale_jobs", ignore_result=True)
def fail_stale_jobs():
    return jobs_fail_stale()
