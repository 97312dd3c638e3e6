from django.core.management.base import BaseCommand

from proeftuin.demo.accounts import create_demo_accounts
from proeftuin.demo.loader import load_demo


class Command(BaseCommand):
    help = "Load the demo library (casebook finalists and InAxis experiments); idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--accounts",
            action="store_true",
            help="Also create demo accounts with new random passwords (local use only).",
        )

    def handle(self, *args, accounts=False, **options):
        report = load_demo()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data: {report.organisations} organisations, {report.documents} "
                f"documents, {report.cases} cases."
            )
        )
        if accounts:
            self.stdout.write("Demo accounts (also in DATA_DIR/demo-accounts.txt):")
            for account in create_demo_accounts():
                self.stdout.write(
                    f"  {account.username:<20} {account.password:<18} {account.description}"
                )
