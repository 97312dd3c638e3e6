from django.core.management.base import BaseCommand

from proeftuin.demo.accounts import create_demo_accounts
from proeftuin.demo.awards import load_awards
from proeftuin.demo.barriers import load_barriers
from proeftuin.demo.circles import load_circles
from proeftuin.demo.diffusion import load_diffusion
from proeftuin.demo.funding import load_funding
from proeftuin.demo.loader import load_demo
from proeftuin.demo.patents import load_patents
from proeftuin.demo.portfolio import load_portfolio


class Command(BaseCommand):
    help = (
        "Load the demo library (casebook finalists and InAxis experiments); with --accounts "
        "also the demo accounts and the demo portfolio of their organisations. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--accounts",
            action="store_true",
            help=(
                "Also create demo accounts with new random passwords (local use only) and "
                "load the demo portfolio, whose teams are those accounts."
            ),
        )

    def handle(self, *args, accounts=False, **options):
        report = load_demo()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data: {report.organisations} organisations, {report.documents} "
                f"documents, {report.cases} cases."
            )
        )
        diffusion = load_diffusion()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo adoptions: {diffusion.created} created, {diffusion.existing} already there."
            )
        )
        if accounts:
            self.stdout.write("Demo accounts (also in DATA_DIR/demo-accounts.txt):")
            for account in create_demo_accounts():
                self.stdout.write(
                    f"  {account.username:<20} {account.password:<18} {account.description}"
                )
            self._load_portfolio()

    def _load_portfolio(self):
        report = load_portfolio()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo portfolio: {report.created} initiatives created, "
                f"{report.existing} already there."
            )
        )
        for initiative in report.becomes_case:
            self.stdout.write(f"  becomes a case: {initiative.title} ({initiative.stage.name})")
        made = load_barriers()
        self.stdout.write(self.style.SUCCESS(f"Demo barrier register: {made} barriers created."))
        created, existing = load_circles()
        self.stdout.write(
            self.style.SUCCESS(f"Demo groups: {created} created, {existing} already there.")
        )
        created, existing = load_patents()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo innovation patents: {created} created, {existing} already there."
            )
        )
        funding = load_funding()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo funding rounds: {funding.created} created ({funding.applications} "
                f"applications), {funding.existing} already there."
            )
        )
        awards = load_awards()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo award editions: {awards.created} created ({awards.finalists} finalists "
                f"became cases), {awards.existing} already there; "
                f"{awards.casebooks} casebook queued."
            )
        )
