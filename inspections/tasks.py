from celery import shared_task


@shared_task(name="inspections.remind_overdue_reviews", acks_late=True, ignore_result=False)
def remind_overdue_reviews():
    """Daily (beat, 08:00): each estate's rounds past their review target, to its
    supervisors' inbox, as one job per estate and day."""
    from inspections.reminders import review_reminders_start

    return review_reminders_start()
