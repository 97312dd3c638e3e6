"""Send today's gate and reflection reminders now and queue the daily job (the worker
then runs it every day at NOTIFICATIONS_DIGEST_HOUR by itself; this is for cron, a manual
run, or to start the daily job on a new installation)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from proeftuin.portfolio.reminders import schedule, send_due_reminders


class Command(BaseCommand):
    help = "Send the due gate and reflection reminders now and schedule the daily run."

    def handle(self, *args, **options):
        sent = send_due_reminders()
        with transaction.atomic():
            schedule()
        self.stdout.write(f"reminders sent for {sent} due dates")
