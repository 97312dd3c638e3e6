"""A real Celery worker with a real broker (Redis) runs an ingestion job.

Runs when the tests use PostgreSQL (a worker process can reach that database, not the
in-memory SQLite one) and Redis answers on 127.0.0.1:6379; CI's PostgreSQL run does both.
"""

import os
import socket
import subprocess
import sys
import time

import pytest
from django.db import connection

from proeftuin.accounts.models import Role
from proeftuin.ingestion.models import Job
from proeftuin.ingestion.services import source_upload
from tests.factories import OrganisationFactory
from tests.ingestion.test_review import STORY

BROKER = "redis://127.0.0.1:6379/15"


def _redis_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
        return True
    except OSError:
        return False


pytestmark = [
    pytest.mark.skipif(not _redis_up(), reason="no Redis on 127.0.0.1:6379"),
    pytest.mark.django_db(transaction=True),
]


def _database_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _worker(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "TEST_DATABASE_URL"}
    env |= {
        "DJANGO_SETTINGS_MODULE": "proeftuin.settings",
        "DATABASE_URL": _database_url(),
        "JOBS_BACKEND": "celery",
        "CELERY_BROKER_URL": BROKER,
        "SECRET_KEY": "worker-test-" + "x" * 40,
        "MEDIA_ROOT": str(tmp_path),
        "DATA_DIR": str(tmp_path),
        "LLM_ENDPOINT_URL": "",
    }
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "proeftuin.worker",
        "worker",
        "--pool",
        "solo",
        "--loglevel",
        "WARNING",
        "--without-heartbeat",
        "--without-gossip",
        "--without-mingle",
    ]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def test_job_runs_on_a_celery_worker(settings, tmp_path, make_member):
    if connection.vendor != "postgresql":
        pytest.skip("the worker process needs a database it can reach (PostgreSQL)")
    from proeftuin.worker import app

    settings.JOBS_BACKEND = "celery"
    settings.CELERY_BROKER_URL = BROKER
    settings.MEDIA_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    with app.connection_for_write(BROKER) as broker:
        broker.default_channel.client.flushdb()
    user = make_member(OrganisationFactory(), Role.CONTRIBUTOR)
    _source, job, _ = source_upload(actor=user, filename="verhaal.txt", data=STORY)
    worker = _worker(tmp_path)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            job.refresh_from_db()
            if job.status in (Job.Status.SUCCEEDED, Job.Status.FAILED):
                break
            time.sleep(0.5)
    finally:
        worker.terminate()
        output = worker.communicate(timeout=20)[0].decode(errors="replace")
    assert job.status == Job.Status.SUCCEEDED, output[-2000:]
    assert job.source.suggestions.exists()
