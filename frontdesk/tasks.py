from celery import shared_task

from frontdesk.services import handovers_tell_supervisors


@shared_task(name="frontdesk.tell_unacknowledged_handovers", acks_late=True, ignore_result=False)
def tell_unacknowledged_handovers():
    """Every 5 minutes (beat): a handover unacknowledged for 30 minutes goes to the supervisors."""
    return handovers_tell_supervisors()
