"""Send the daily notification digest now (the worker sends it at NOTIFICATIONS_DIGEST_HOUR
by itself; this is for cron or a manual run)."""

from django.core.management.base import BaseCommand

from proeftuin.notifications.tasks import daily_digest


class Command(BaseCommand):
    help = "Send every waiting daily notification digest now."

    def handle(self, *args, **options):
        sent = daily_digest()
        self.stdout.write(f"digest sent to {sent} recipients")
