from celery import shared_task


@shared_task(name="visits.notify_overdue_opinions", acks_late=True, ignore_result=False)
def notify_overdue_opinions():
    """Hourly (beat): the opinions past their answer time, to the rep and the supervisors."""
    from visits.services import opinions_overdue_notify

    return opinions_overdue_notify()
