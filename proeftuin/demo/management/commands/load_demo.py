from django.core.management.base import BaseCommand

from proeftuin.demo.loader import load_demo


class Command(BaseCommand):
    help = "Load the demo library (casebook finalists and InAxis experiments); idempotent."

    def handle(self, *args, **options):
        report = load_demo()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data: {report.organisations} organisations, {report.documents} "
                f"documents, {report.cases} cases."
            )
        )
