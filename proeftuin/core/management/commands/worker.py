"""`manage.py worker`: run background jobs from the job table (JOBS_BACKEND=database).

Ctrl+C or SIGTERM stops it; a job it was running is given back and runs first next time.
A worker that starts takes over what was queued while none ran, and at once the jobs of
workers on this machine that were killed.
"""

from django.core.management.base import BaseCommand

from proeftuin.core.jobs import schedule_recurring
from proeftuin.core.jobs.queue import this_worker
from proeftuin.core.jobs.runner import Worker, stop_on_sigterm


class Command(BaseCommand):
    help = "Run background jobs (ingestion, search indexing) from the job table."

    def add_arguments(self, parser):
        parser.add_argument("--poll", type=float, default=0.5, help="seconds between looks")
        parser.add_argument("--burst", action="store_true", help="stop when nothing is due")

    def handle(self, *args, poll: float, burst: bool, **options):
        stop_on_sigterm()
        self.stdout.write(f"Worker {this_worker()} started.")
        recurring = schedule_recurring()
        if recurring:
            self.stdout.write("Recurring jobs scheduled: " + ", ".join(recurring))
        try:
            done = Worker(poll=poll, burst=burst).run()
        except KeyboardInterrupt:
            self.stdout.write("Worker stopped.")
            return
        self.stdout.write(f"Worker done: {done} jobs.")
