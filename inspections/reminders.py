"""The daily reminder of the rounds waiting past their review target: a job per estate and
day (`desk.jobs`), started by the beat, so a second start the same day runs nothing."""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from desk.clock import estate_today
from desk.jobs import job_finish, job_start, register_job_kind

JOB_KIND = "inspections.review_reminder"
SCHEDULE = "inspections.remind_overdue_reviews"  # its CELERY_BEAT_SCHEDULE entry


def register_review_reminder_kind():
    register_job_kind(
        JOB_KIND,
        work="inspections.reminders.review_reminder_job",
        label=gettext_lazy("Review reminder"),
        permission="inspections.review_round",
        next_url="inspections:review_queue",
        next_label=gettext_lazy("Go to the review queue"),
    )


def review_reminders_start(now=None) -> int:
    """One job per estate for its today (by its own clock); returns how many were started."""
    from desk.models import Estate

    jobs = [
        job_start(
            kind=JOB_KIND,
            estate=estate,
            schedule=SCHEDULE,
            key=f"{estate.code}-{estate_today(estate).isoformat()}",
        )
        for estate in Estate.objects.order_by("pk")
    ]
    return len(jobs)


def review_reminder_job(job):
    from inspections.services import remind_overdue_reviews

    with transaction.atomic():
        waiting = remind_overdue_reviews(estate=job.estate)
        job_finish(
            job,
            result={"waiting": waiting},
            message=_("%(count)d rounds wait past their review target.") % {"count": waiting},
        )
