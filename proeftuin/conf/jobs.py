"""Background jobs: a job table in the database that every backend works from."""

from proeftuin.core.env import env

JOBS_BACKEND = env(
    "JOBS_BACKEND",
    default="database",
    help="What runs background jobs: 'database' (the worker that `make run` starts, "
    "`manage.py worker`; no broker), 'celery' (Celery workers; needs CELERY_BROKER_URL) or "
    "'inline' (in the web process after the commit; only for tests and scripts).",
)
CELERY_BROKER_URL = env(
    "CELERY_BROKER_URL",
    default="",
    help="Broker of the Celery worker when JOBS_BACKEND=celery, e.g. redis://127.0.0.1:6379/0.",
)
JOBS_LEASE_SECONDS = env(
    "JOBS_LEASE_SECONDS",
    default=30,
    cast=int,
    help="A running job's lease; the worker renews it every third of this. A job whose "
    "lease ran out (its worker died) runs again. Dead workers on the same machine are "
    "noticed at once.",
)
JOBS_MAX_ATTEMPTS = env(
    "JOBS_MAX_ATTEMPTS",
    default=3,
    cast=int,
    help="How often a job is tried before it is marked failed.",
)
JOBS_RETRY_DELAY_SECONDS = env(
    "JOBS_RETRY_DELAY_SECONDS",
    default=10,
    cast=int,
    help="Wait before the first retry of a failed job; doubled for every next attempt.",
)
CELERY_TASK_ACKS_LATE = True  # a worker that dies mid-job leaves the message for another
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = False
DELETED_DOCUMENTS_RETENTION_DAYS = env(
    "DELETED_DOCUMENTS_RETENTION_DAYS",
    default=30,
    cast=int,
    help="Days a deleted document (with its jobs, suggestions, draft cases and file) can "
    "be restored by an administrator before the worker removes it for good.",
)
