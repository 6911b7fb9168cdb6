from celery import shared_task

from mailroom.reminders import mail_remind_uncollected_everywhere


@shared_task(name="mailroom.remind_uncollected", acks_late=True, ignore_result=False)
def remind_uncollected():
    """Daily (beat): uncollected mail reminded and counted in the front desk's inbox."""
    return mail_remind_uncollected_everywhere()
