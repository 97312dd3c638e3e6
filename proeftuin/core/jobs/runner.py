"""Running claimed jobs: with a heartbeat thread in a worker, or in-process for tests.

The embedded worker (``manage.py worker``) and the Celery task both end up in
:func:`execute`, so a job is recorded, leased, retried and failed the same way on both.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
import traceback
from contextlib import contextmanager

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection, connections
from django.utils import translation

from proeftuin.core.jobs import queue
from proeftuin.core.jobs.registry import PermanentFailure, tasks
from proeftuin.core.models import BackgroundJob

logger = logging.getLogger("proeftuin.jobs")


class Heartbeat(threading.Thread):
    """Renews a job's lease every third of its length while the task runs."""

    def __init__(self, job: BackgroundJob):
        super().__init__(name=f"heartbeat-{job.pk}", daemon=True)
        self.job = job
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.wait(settings.JOBS_LEASE_SECONDS / 3):
                try:
                    if not queue.heartbeat(self.job):
                        logger.warning("job %s: lease taken over by another worker", self.job.key)
                        return
                except Exception:  # a busy database: try again at the next beat
                    logger.exception("job %s: heartbeat failed", self.job.key)
        finally:
            connections.close_all()

    def stop(self) -> None:
        self.stopped.set()
        self.join()


class _Shutdown:
    """A stop asked for by SIGTERM: it interrupts a running task (which is given back), but
    never the bookkeeping around it, so a finished job is always recorded as finished."""

    requested = False
    in_task = False


@contextmanager
def _interruptible():
    if _Shutdown.requested:
        raise KeyboardInterrupt
    _Shutdown.in_task = True
    try:
        yield
    finally:
        _Shutdown.in_task = False


def _error_text(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text[:2000]


def execute(job: BackgroundJob, *, beat: bool = True) -> bool:
    """Run a claimed job and record how it ended; True when it succeeded."""
    heart = Heartbeat(job) if beat else None
    if heart:
        heart.start()
    started = time.monotonic()
    logger.info("job %s started (attempt %s of %s)", job.key, job.attempts, job.max_attempts)
    try:
        with translation.override(settings.LANGUAGE_CODE), _interruptible():
            tasks[job.name].function(*job.args)
    except (KeyboardInterrupt, SystemExit):
        _stop(heart)
        queue.release(job)
        raise
    except Exception as exc:
        _stop(heart)
        logger.error("job %s failed:\n%s", job.key, traceback.format_exc())
        with translation.override(settings.LANGUAGE_CODE):
            queue.fail(job, _error_text(exc), permanent=isinstance(exc, PermanentFailure))
        return False
    _stop(heart)
    queue.finish(job)
    logger.info("job %s done in %.1f s", job.key, time.monotonic() - started)
    return True


def _stop(heart: Heartbeat | None) -> None:
    if heart is not None:
        heart.stop()


def run_one(job_id: int, *, beat: bool = True) -> bool | None:
    """Claim and run this one job if it is due (the Celery task and the in-process mode);
    ``None`` when it is not due (done, waiting for its retry, or held by a live worker)."""
    job = queue.claim(only_id=job_id)
    if job is None:
        return None
    return execute(job, beat=beat)


class Worker:
    """The embedded worker: claims due jobs one at a time until told to stop."""

    def __init__(self, *, poll: float = 0.5, burst: bool = False):
        self.poll = poll
        self.burst = burst  # stop when nothing is due (tests, scripts)
        self.sweep_every = 5.0

    def run(self) -> int:
        done = 0
        expired = queue.expire_dead_local()
        if expired:
            logger.info("took over %s jobs of stopped workers on this machine", expired)
        last_sweep = time.monotonic()
        while not _Shutdown.requested:
            if not connection.in_atomic_block:  # (tests run the worker inside one)
                close_old_connections()  # like the end of a request: drop stale connections
            try:
                job = queue.claim()
                if job is not None:
                    execute(job)
                    done += 1
                    continue
            except DatabaseError:  # a locked or unreachable database: the lease tells later
                if self.burst:
                    raise
                logger.exception("worker: database error; trying again")
                time.sleep(self.poll)
                continue
            if self.burst:
                return done
            time.sleep(self.poll)
            if time.monotonic() - last_sweep > self.sweep_every:
                queue.expire_dead_local()
                last_sweep = time.monotonic()
        return done


def stop_on_sigterm() -> None:
    """SIGTERM (from the process manager) stops the worker: a running task is interrupted
    and given back, to run first after the restart; between tasks, and while a finished task
    is being recorded, the worker stops at the next turn of its loop."""

    def handler(signum, frame):
        _Shutdown.requested = True
        if _Shutdown.in_task:
            raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)
