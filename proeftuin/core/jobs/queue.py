"""The job table as a queue: insert, claim with a lease, renew it, record the outcome.

Every state change is one conditional UPDATE on the row's ``lease_token`` (a new token per
claim), so two workers never both run a job and a worker that lost its lease cannot
overwrite what the next one recorded. This holds on SQLite (writes are serialised) and on
PostgreSQL (the UPDATE re-checks its condition after waiting; candidates are read with
``FOR UPDATE SKIP LOCKED`` so workers do not queue behind each other).
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from proeftuin.core.jobs.registry import spec
from proeftuin.core.models import BackgroundJob

logger = logging.getLogger("proeftuin.jobs")
State = BackgroundJob.State
HOST = socket.gethostname()[:60]
BOOT = uuid.uuid4().hex[:8]  # tells this process from an earlier one with the same pid


def this_worker() -> str:
    return f"{HOST}:{os.getpid()}:{BOOT}"


def job_key(name: str, args) -> str:
    return f"{name}:{','.join(str(a) for a in args)}"[:200]


def enqueue(name: str, *args, run_after=None) -> BackgroundJob:
    """Insert a job in the current transaction; it exists only if that transaction commits.
    ``run_after``: not before this moment (a scheduled job); now when not given.

    A job with the same task and arguments that is still waiting is not queued twice
    (tasks take ids and read the current state, so one run covers both requests)."""
    task = spec(name)
    key = job_key(name, args)
    waiting = BackgroundJob.objects.filter(key=key, state=State.QUEUED).first()
    if waiting is not None:
        return waiting
    try:
        with transaction.atomic():
            job = BackgroundJob.objects.create(
                name=name,
                args=list(args),
                key=key,
                priority=task.priority,
                max_attempts=task.max_attempts or settings.JOBS_MAX_ATTEMPTS,
                run_after=run_after or timezone.now(),
            )
    except IntegrityError:  # another transaction queued it at the same moment
        return BackgroundJob.objects.get(key=key, state=State.QUEUED)
    return job


def _due(now) -> Q:
    return Q(state=State.QUEUED, run_after__lte=now) | Q(
        state=State.RUNNING, lease_expires_at__lt=now
    )


def _candidates(now, only_id: int | None, limit: int) -> list[BackgroundJob]:
    rows = BackgroundJob.objects.filter(_due(now)).order_by("priority", "run_after", "id")
    if only_id is not None:
        rows = rows.filter(pk=only_id)
    if connection.features.has_select_for_update_skip_locked:
        rows = rows.select_for_update(skip_locked=True)
    return list(
        rows.only("id", "name", "args", "state", "lease_token", "attempts", "max_attempts")[:limit]
    )


def claim(*, worker: str | None = None, only_id: int | None = None) -> BackgroundJob | None:
    """Take the next due job (queued and due, or running with an expired lease) and hold
    its lease; ``None`` when there is nothing to do. A job whose worker died once too
    often is failed here instead of run again."""
    worker = worker or this_worker()
    while True:
        now = timezone.now()
        with transaction.atomic():
            candidates = _candidates(now, only_id, 5)
            for job in candidates:
                if job.attempts >= job.max_attempts:
                    _give_up(
                        job,
                        _("The worker stopped during every attempt (%(n)d).") % {"n": job.attempts},
                    )
                    continue
                token = uuid.uuid4().hex
                taken = BackgroundJob.objects.filter(
                    pk=job.pk, state=job.state, lease_token=job.lease_token
                ).update(
                    state=State.RUNNING,
                    lease_token=token,
                    worker=worker,
                    attempts=F("attempts") + 1,
                    started_at=now,
                    finished_at=None,
                    heartbeat_at=now,
                    lease_expires_at=now + timedelta(seconds=settings.JOBS_LEASE_SECONDS),
                )
                if taken:
                    return BackgroundJob.objects.get(pk=job.pk)
        if not candidates:
            return None


def heartbeat(job: BackgroundJob) -> bool:
    """Renew the lease; ``False`` when another worker has taken the job meanwhile."""
    now = timezone.now()
    return bool(
        BackgroundJob.objects.filter(pk=job.pk, lease_token=job.lease_token).update(
            heartbeat_at=now, lease_expires_at=now + timedelta(seconds=settings.JOBS_LEASE_SECONDS)
        )
    )


def _mine(job: BackgroundJob):
    return BackgroundJob.objects.filter(pk=job.pk, lease_token=job.lease_token, state=State.RUNNING)


def finish(job: BackgroundJob) -> None:
    done = _mine(job).update(
        state=State.SUCCEEDED, finished_at=timezone.now(), lease_expires_at=None, error=""
    )
    if not done:
        logger.warning("job %s finished after its lease was taken over", job.key)


def backoff(attempts: int) -> timedelta:
    """Exponential: the base delay, twice that, four times that ... at most an hour."""
    return timedelta(
        seconds=min(settings.JOBS_RETRY_DELAY_SECONDS * 2 ** max(attempts - 1, 0), 3600)
    )


def fail(job: BackgroundJob, error: str, *, permanent: bool = False) -> bool:
    """Record a failed attempt: queued again after a backoff while attempts remain,
    failed for good (with the task's failure hook) after the last. True when retried."""
    if permanent:
        _give_up(job, error)
        return False
    if job.attempts < job.max_attempts:
        message = _("Attempt %(n)d of %(max)d failed: %(error)s") % {
            "n": job.attempts,
            "max": job.max_attempts,
            "error": error,
        }
        _requeue(job, timezone.now() + backoff(job.attempts), error=message)
        return True
    _give_up(job, _("Failed after %(n)d attempts: %(error)s") % {"n": job.attempts, "error": error})
    return False


def release(job: BackgroundJob) -> None:
    """Give a job back untouched (the worker is stopping): it runs first after a restart
    and the interrupted attempt does not count."""
    _requeue(job, timezone.now(), attempts=F("attempts") - 1)


def _requeue(job: BackgroundJob, run_after, **fields) -> None:
    try:
        with transaction.atomic():
            _mine(job).update(
                state=State.QUEUED,
                run_after=run_after,
                lease_token="",
                lease_expires_at=None,
                worker="",
                finished_at=timezone.now() if fields.get("error") else None,
                **fields,
            )
    except IntegrityError:  # a newer copy is already waiting; it does this job's work
        logger.info("job %s merged into the copy already waiting", job.key)
        _mine(job).delete()


def _give_up(job: BackgroundJob, message: str) -> None:
    gone = BackgroundJob.objects.filter(pk=job.pk, lease_token=job.lease_token).update(
        state=State.FAILED,
        error=message,
        finished_at=timezone.now(),
        lease_expires_at=None,
    )
    if not gone:
        return
    logger.warning("job %s failed for good: %s", job.key, message)
    hook = _hook(job.name)
    if hook is not None:
        try:
            hook(*job.args, error=message)
        except Exception:
            logger.exception("failure hook of %s failed", job.key)


def _hook(name: str):
    try:
        return spec(name).on_failure
    except KeyError:
        return None


def stalled(job: BackgroundJob) -> bool:
    """Running, but its worker stopped renewing the lease."""
    return job.state == State.RUNNING and (
        job.lease_expires_at is None or job.lease_expires_at < timezone.now()
    )


def retry(job: BackgroundJob) -> BackgroundJob:
    """Queue a failed job, or one whose worker stopped, again with fresh attempts (one
    waiting for its next attempt runs now)."""
    try:
        with transaction.atomic():
            BackgroundJob.objects.filter(
                Q(state__in=[State.FAILED, State.QUEUED])
                | Q(state=State.RUNNING, lease_expires_at__lt=timezone.now()),
                pk=job.pk,
            ).update(
                state=State.QUEUED,
                attempts=0,
                run_after=timezone.now(),
                lease_token="",
                lease_expires_at=None,
                worker="",
                error="",
                finished_at=None,
            )
    except IntegrityError:
        return BackgroundJob.objects.get(key=job.key, state=State.QUEUED)
    return BackgroundJob.objects.get(pk=job.pk)


def _process_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    try:  # killed but not yet reaped by its parent: a zombie holds its pid
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return False


def _holder_gone(worker: str) -> bool:
    host, _sep, rest = worker.partition(":")
    pid, _sep, boot = rest.partition(":")
    if host != HOST or not pid.isdigit():
        return False  # another machine: its lease tells
    if int(pid) == os.getpid():
        return boot != BOOT
    return _process_gone(int(pid))


def expire_dead_local() -> int:
    """Expire at once the leases held by processes on this machine that no longer run
    (a worker killed with kill -9), so a restarted worker takes their jobs immediately."""
    count = 0
    running = BackgroundJob.objects.filter(state=State.RUNNING, worker__startswith=f"{HOST}:")
    for job in running.only("id", "worker", "lease_token"):
        if _holder_gone(job.worker):
            count += BackgroundJob.objects.filter(pk=job.pk, lease_token=job.lease_token).update(
                lease_expires_at=timezone.now() - timedelta(microseconds=1)
            )
    return count


def due_ids(limit: int = 100) -> list[int]:
    return list(
        BackgroundJob.objects.filter(_due(timezone.now()))
        .order_by("priority", "run_after", "id")
        .values_list("id", flat=True)[:limit]
    )


def latest_for(name: str, *args) -> BackgroundJob | None:
    """The newest job record of a task with these arguments (what a page shows)."""
    return BackgroundJob.objects.filter(key=job_key(name, args)).order_by("-id").first()
