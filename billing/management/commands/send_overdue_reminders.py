import datetime

from django.core.management.base import BaseCommand, CommandError

from billing.ladder import send_overdue_reminders


class Command(BaseCommand):
    help = (
        "Move every overdue account up the reminder ladder, on each estate's today "
        "(or --date YYYY-MM-DD), for every estate or one (--estate CODE)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", dest="day", default=None, help="the day, YYYY-MM-DD")
        parser.add_argument("--estate", dest="estate_code", default=None, help="an estate's code")

    def handle(self, *args, day, estate_code, **options):
        if day is not None:
            try:
                day = datetime.date.fromisoformat(day)
            except ValueError as exc:
                raise CommandError("Give the day as YYYY-MM-DD, e.g. 2026-03-31.") from exc
        if estate_code:
            from desk.models import Estate

            if not Estate.objects.filter(code=estate_code).exists():
                raise CommandError(f"No estate with the code {estate_code!r}.")
        for code, summary in send_overdue_reminders(day=day, estate_code=estate_code).items():
            steps = ", ".join(f"{stage} {count}" for stage, count in summary["steps"].items())
            self.stdout.write(
                f"{code} {summary['today']}: {steps or 'no account moved'}; "
                f"{summary['closed']} left the ladder, {summary['emailed']} emailed"
            )
