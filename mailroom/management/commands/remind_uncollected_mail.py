from django.core.management.base import BaseCommand

from mailroom.reminders import mail_remind_uncollected_everywhere


class Command(BaseCommand):
    help = "Remind the recipients of uncollected mail and tell each estate's front desk."

    def handle(self, *args, **options):
        reminded = mail_remind_uncollected_everywhere()
        self.stdout.write(f"{reminded} items reminded.")
