"""`manage.py build_monthly_report YYYY-MM [--estate CODE]`: the month's workbook of every
estate (or one), each a kept job with its file, as the Reports page and the beat make."""

from django.core.management.base import BaseCommand, CommandError

from desk.jobs import job_run
from desk.models import Estate, Job
from desk.monthly_report import report_start

SCHEDULE = "manage.py build_monthly_report"


class Command(BaseCommand):
    help = "Build the monthly statistics workbook of a month (YYYY-MM) for each estate."

    def add_arguments(self, parser):
        parser.add_argument("month", help="YYYY-MM")
        parser.add_argument("--estate", help="the estate's code; default: every estate")

    def handle(self, *args, month, estate=None, **options):
        try:
            year, number = (int(part) for part in month.split("-"))
            if not 1 <= number <= 12:
                raise ValueError
        except ValueError:
            raise CommandError("Write the month as YYYY-MM, e.g. 2026-11.") from None
        estates = Estate.objects.order_by("pk")
        if estate:
            estates = estates.filter(code=estate)
            if not estates.exists():
                raise CommandError(f"No estate has the code {estate!r}.")
        for each in estates:
            job = report_start(estate=each, year=year, month=number, schedule=SCHEDULE)
            job_run(job.pk)  # here and now; a worker given the same job finds it claimed
            job.refresh_from_db()
            if job.status != Job.Status.DONE:
                raise CommandError(f"{each.code} {month}: {job.message}")
            self.stdout.write(f"{each.code} {month}: {job.result_file.name}")
