"""Background jobs: in-process without a broker by default, Celery with a broker in production."""

from proeftuin.core.env import env

JOBS_BACKEND = env(
    "JOBS_BACKEND",
    default="sync",
    help="How background jobs run: 'sync' (in the web process right after the request's "
    "transaction commits; no broker) or 'celery' (a Celery worker; needs CELERY_BROKER_URL).",
)
CELERY_BROKER_URL = env(
    "CELERY_BROKER_URL",
    default="",
    help="Broker of the Celery worker when JOBS_BACKEND=celery, e.g. redis://127.0.0.1:6379/0.",
)
CELERY_TASK_ACKS_LATE = True  # a worker that dies mid-job leaves the message for another
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = False
