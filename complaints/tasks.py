from celery import shared_task

from complaints.services import complaints_escalate_overdue


@shared_task(name="complaints.escalate_overdue", acks_late=True, ignore_result=False)
def escalate_overdue():
    """Every minute (beat): unanswered complaints past their due time go to the supervisor."""
    return complaints_escalate_overdue()
