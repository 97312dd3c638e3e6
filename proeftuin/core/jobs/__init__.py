"""Background jobs: one durable record per job in the database, whatever runs it.

``enqueue(name, *ids)`` inserts a :class:`~proeftuin.core.models.BackgroundJob` row in the
current transaction (no transaction, no job). What runs it depends on ``JOBS_BACKEND``:

- ``database`` (default): ``manage.py worker`` polls the table; no broker. ``make run``
  starts it beside gunicorn.
- ``celery``: the row is also sent to a Celery worker (Redis or RabbitMQ) once committed;
  the Celery task claims the same row, so leases, retries and visibility are the same.
- ``inline`` (the tests; ``sync`` is an older name): run in this process right after the
  commit, still through the row.

A worker holds a lease on the job and renews it while the task runs; a job whose lease ran
out (its worker died) runs again, at most ``max_attempts`` times, with exponential backoff
after failures. Tasks take ids and must be safe to run again.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction

from proeftuin.core.jobs import queue
from proeftuin.core.jobs.registry import PermanentFailure, TaskSpec, task, tasks
from proeftuin.core.models import BackgroundJob

__all__ = [
    "BackgroundJob",
    "PermanentFailure",
    "TaskSpec",
    "enqueue",
    "latest_for",
    "retry",
    "schedule_recurring",
    "stalled",
    "task",
    "tasks",
]

logger = logging.getLogger("proeftuin.jobs")
latest_for = queue.latest_for
stalled = queue.stalled


def backend() -> str:
    return "inline" if settings.JOBS_BACKEND == "sync" else settings.JOBS_BACKEND


def _dispatch(job_id: int) -> None:
    kind = backend()
    if kind == "celery":
        from proeftuin.worker import send

        send(job_id)
    elif kind == "inline":
        from proeftuin.core.jobs.runner import run_one

        run_one(job_id, beat=False)


def enqueue(name: str, *args, run_after=None) -> BackgroundJob:
    """Queue task ``name`` with ``args`` (ids); it runs once the transaction has committed,
    or from ``run_after`` on (a scheduled job, run by the worker when it is due)."""
    job = queue.enqueue(name, *args, run_after=run_after)
    if backend() != "database":
        transaction.on_commit(lambda: _dispatch(job.pk))
    return job


def retry(job: BackgroundJob) -> BackgroundJob:
    """Queue a failed job, or one whose worker died, again with fresh attempts."""
    job = queue.retry(job)
    if backend() != "database":
        transaction.on_commit(lambda: _dispatch(job.pk))
    return job


def schedule_recurring() -> list[str]:
    """Queue the next run of every recurring task (``task(..., next_run=...)``) that has no
    run waiting yet; the queue keeps one waiting copy, so calling this again adds nothing.
    The worker calls it at its start, so a daily job needs no one to start it by hand."""
    names = []
    with transaction.atomic():
        for name, spec in tasks.items():
            if spec.next_run is not None:
                enqueue(name, run_after=spec.next_run())
                names.append(name)
    return names


def run_task(name: str, *args) -> None:
    """Run a registered task now, in this process, without a job record (commands)."""
    tasks[name].function(*args)
