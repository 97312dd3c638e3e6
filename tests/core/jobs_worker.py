"""A worker process for the tests in test_worker_process.py, on a SQLite file.

``python -m tests.core.jobs_worker enqueue N SECONDS`` queues N slow jobs; ``work [--burst]``
runs a worker (the same loop as ``manage.py worker``) that also knows the test task;
``show`` prints the job records as JSON. The task writes "start"/"done" lines to the file
named in JOBS_TEST_LOG, so the test sees which process ran what.
"""

import json
import os
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proeftuin.settings")
django.setup()

from proeftuin.core import jobs  # noqa: E402
from proeftuin.core.jobs.runner import Worker, stop_on_sigterm  # noqa: E402


def _log(line: str) -> None:
    with open(os.environ["JOBS_TEST_LOG"], "a") as handle:
        handle.write(f"{line} {os.getpid()}\n")


@jobs.task("tests.slow")
def slow(number: int, seconds: float) -> None:
    _log(f"start {number}")
    time.sleep(seconds)
    _log(f"done {number}")


def main(command: str, *args: str) -> None:
    if command == "enqueue":
        for number in range(int(args[0])):
            jobs.enqueue("tests.slow", number, float(args[1]))
    elif command == "work":
        stop_on_sigterm()
        Worker(poll=0.05, burst="--burst" in args).run()
    elif command == "show":
        rows = jobs.BackgroundJob.objects.order_by("id").values("args", "state", "attempts")
        print(json.dumps(list(rows)))


if __name__ == "__main__":
    main(*sys.argv[1:])
