from celery import shared_task


@shared_task(name="renovation.report_overdue_rectifications", acks_late=True, ignore_result=True)
def report_overdue_rectifications():
    """Hourly (beat): open rectification notices past their deadline go to the supervisors."""
    from renovation.services import violations_notify_overdue

    return violations_notify_overdue()


@shared_task(name="renovation.weekly_reports", acks_late=True, ignore_result=True)
def weekly_reports():
    """Saturdays (beat): each estate's weekly renovation report, kept as a job."""
    from renovation.weekly import weekly_reports_start

    return [job.pk for job in weekly_reports_start()]
