"""One job interface: in-process after commit by default, Celery when configured."""

import pytest
from django.db import transaction

from proeftuin.core import jobs

RAN: list = []


@jobs.task("tests.record")
def record(value):
    RAN.append(value)


@jobs.task("tests.explode")
def explode():
    raise RuntimeError("boom")


@pytest.fixture(autouse=True)
def clear():
    RAN.clear()


@pytest.mark.django_db(transaction=True)
def test_sync_backend_runs_after_commit_only(settings):
    settings.JOBS_BACKEND = "inline"
    with transaction.atomic():
        jobs.enqueue("tests.record", 1)
        assert RAN == []
    assert RAN == [1]
    with pytest.raises(ValueError), transaction.atomic():
        jobs.enqueue("tests.record", 2)
        raise ValueError("rolled back")
    assert RAN == [1]


@pytest.mark.django_db(transaction=True)
def test_a_failing_job_does_not_break_the_caller(settings):
    settings.JOBS_BACKEND = "inline"
    jobs.enqueue("tests.explode")  # logged, not raised


def test_unknown_task_is_refused():
    with pytest.raises(KeyError):
        jobs.enqueue("tests.unknown")


@pytest.mark.django_db(transaction=True)
def test_celery_backend_routes_through_celery(settings):
    from proeftuin.worker import app

    settings.JOBS_BACKEND = "celery"
    app.conf.task_always_eager = True
    try:
        jobs.enqueue("tests.record", 3)
    finally:
        app.conf.task_always_eager = False
    assert RAN == [3]
