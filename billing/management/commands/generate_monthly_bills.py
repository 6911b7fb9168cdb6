import re

from django.core.management.base import BaseCommand, CommandError

from billing.runs import generate_monthly_bills


class Command(BaseCommand):
    help = "Bill a month (YYYY-MM) for every estate, or for one (--estate CODE)."

    def add_arguments(self, parser):
        parser.add_argument("period", help="the month, YYYY-MM")
        parser.add_argument("--estate", dest="estate_code", default=None, help="an estate's code")

    def handle(self, *args, period, estate_code, **options):
        match = re.fullmatch(r"(\d{4})-(\d{2})", period)
        if not match or not 1 <= int(match[2]) <= 12:
            raise CommandError("Give the month as YYYY-MM, e.g. 2026-03.")
        if estate_code:
            from desk.models import Estate

            if not Estate.objects.filter(code=estate_code).exists():
                raise CommandError(f"No estate with the code {estate_code!r}.")
        summaries = generate_monthly_bills(
            year=int(match[1]), month=int(match[2]), estate_code=estate_code
        )
        for code, summary in summaries.items():
            skipped = ", ".join(label for _pk, label, _kinds in summary["skipped"])
            self.stdout.write(
                f"{code} {period}: {summary['bills']} bills, {summary['lines']} lines"
                + (f"; skipped (missing readings): {skipped}" if skipped else "")
            )
