from celery import shared_task

from desk.jobs import run_job
from tenants import import_services


@shared_task(name="tenants.import_register", acks_late=True, ignore_result=True)
def import_register(job_id):
    """The register import of a previewed upload (desk.jobs: progress on the job's page)."""
    run_job(job_id, import_services.register_import_job)
