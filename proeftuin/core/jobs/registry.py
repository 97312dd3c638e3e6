"""The registry of background tasks: a function and how it is retried and reported."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from proeftuin.core.registry import Registry


@dataclass(frozen=True)
class TaskSpec:
    """A registered task. ``on_failure(*args, error=...)`` runs once when the job has
    failed for good, so the domain object it works on can say so too."""

    name: str
    function: Callable[..., None]
    max_attempts: int | None = None  # None: settings.JOBS_MAX_ATTEMPTS
    priority: int = 0  # lower runs first
    on_failure: Callable[..., None] | None = None
    # a recurring task: when its next run is due (a daily job at a set hour); the worker
    # queues one waiting run of each at its start (``schedule_recurring``)
    next_run: Callable[[], datetime.datetime] | None = None


tasks: Registry[TaskSpec] = Registry("background tasks")


class PermanentFailure(Exception):
    """Raised by a task whose job can never succeed (a damaged file): failed at once,
    without the retries meant for passing trouble."""


def task(
    name: str,
    *,
    max_attempts: int | None = None,
    priority: int = 0,
    on_failure: Callable[..., None] | None = None,
    next_run: Callable[[], datetime.datetime] | None = None,
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Register a function as the background task ``name``; it takes ids and must be safe
    to run again (a job whose worker died runs again from the start)."""

    def decorator(function: Callable[..., None]) -> Callable[..., None]:
        tasks.add(name, TaskSpec(name, function, max_attempts, priority, on_failure, next_run))
        return function

    return decorator


def spec(name: str) -> TaskSpec:
    if name not in tasks:
        raise KeyError(f"unknown background task {name!r}")
    return tasks[name]
