"""The Celery application for JOBS_BACKEND=celery.

Start a worker with ``celery -A proeftuin.worker worker``; it runs the tasks registered
with ``proeftuin.core.jobs.task`` (each app registers its tasks when Django starts).
"""

import os

import django
from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proeftuin.settings")
django.setup()

from proeftuin.core.jobs import run_task as run_registered_task  # noqa: E402

app = Celery("proeftuin")
app.config_from_object("django.conf:settings", namespace="CELERY")


@app.task(name="proeftuin.run_task", acks_late=True)
def run_task(name: str, *args) -> None:
    run_registered_task(name, *args)
