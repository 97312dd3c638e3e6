"""The Celery application for JOBS_BACKEND=celery (production with Redis or RabbitMQ).

Start a worker with ``celery -A proeftuin.worker worker -B`` (``-B`` runs the sweep below
every ``JOBS_LEASE_SECONDS``; or run ``celery -A proeftuin.worker beat`` once beside the
workers). A message carries only the id of a ``BackgroundJob`` row; the task claims that
row exactly as the embedded worker does, so leases, retries, failure hooks and what the
admin and the document page show are the same on both backends. The sweep re-sends jobs
that are due (queued while no worker ran, waiting for a retry, or held by a dead worker).
"""

import os

import django
from celery import Celery
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proeftuin.settings")
django.setup()

from django.conf import settings  # noqa: E402

from proeftuin.core.jobs import queue  # noqa: E402
from proeftuin.core.jobs.runner import run_one  # noqa: E402

app = Celery("proeftuin")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.beat_schedule = {
    "proeftuin-jobs-sweep": {"task": "proeftuin.sweep", "schedule": settings.JOBS_LEASE_SECONDS}
}


@app.task(name="proeftuin.run_job", acks_late=True)
def run_job(job_id: int) -> None:
    run_one(job_id)
    job = queue.BackgroundJob.objects.filter(pk=job_id).first()
    if job is not None and job.state == queue.State.QUEUED:  # failed; retry after its backoff
        send(job_id, eta=job.run_after)


@app.task(name="proeftuin.sweep")
def sweep() -> int:
    queue.expire_dead_local()
    ids = queue.due_ids()
    for job_id in ids:
        send(job_id)
    return len(ids)


def send(job_id: int, eta=None) -> None:
    """Hand a committed job to the broker."""
    with app.connection_for_write(settings.CELERY_BROKER_URL or None) as connection:
        run_job.apply_async(args=[job_id], connection=connection, eta=eta)


@worker_ready.connect
def _pick_up_waiting_jobs(**kwargs) -> None:
    from proeftuin.core.jobs import schedule_recurring

    schedule_recurring()
    sweep.delay()
