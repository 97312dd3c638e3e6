"""Background jobs through one interface.

``enqueue(name, *ids)`` runs the registered task ``name`` after the current transaction
commits: in-process when ``JOBS_BACKEND=sync`` (the default, no broker needed), or on a
Celery worker when ``JOBS_BACKEND=celery``. Tasks take ids, not objects, and must be safe
to run again: Celery delivers a job again when a worker dies in the middle of it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import transaction

from proeftuin.core.registry import Registry

logger = logging.getLogger("proeftuin.jobs")
tasks: Registry[Callable[..., None]] = Registry("background tasks")


def task(name: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Register a function as the background task ``name``."""
    return tasks.register(name)


def run_task(name: str, *args) -> None:
    """Run a registered task now, in this process (what a worker calls)."""
    logger.info("job %s%r started", name, args)
    tasks[name](*args)
    logger.info("job %s%r finished", name, args)


def _submit(name: str, args: tuple) -> None:
    if settings.JOBS_BACKEND == "celery":
        from proeftuin.worker import app
        from proeftuin.worker import run_task as celery_task

        with app.connection_for_write(settings.CELERY_BROKER_URL or None) as connection:
            celery_task.apply_async(args=[name, *args], connection=connection)
        return
    try:
        run_task(name, *args)
    except Exception:  # the task recorded its failure; the request that queued it goes on
        logger.exception("job %s%r failed", name, args)


def enqueue(name: str, *args) -> None:
    """Queue task ``name`` with ``args`` (ids) to run once the transaction has committed."""
    if name not in tasks:
        raise KeyError(f"unknown background task {name!r}")
    transaction.on_commit(lambda: _submit(name, args))
