"""The job record: enqueue in the transaction, claim with a lease, retry, fail, recover."""

import signal
import subprocess
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from proeftuin.core import jobs
from proeftuin.core.jobs import queue, runner
from proeftuin.core.jobs.runner import Worker, execute, run_one
from proeftuin.core.models import BackgroundJob

State = BackgroundJob.State
RAN: list = []
FAILED: list = []


@jobs.task("tests.record")
def record(value):
    RAN.append(value)


@jobs.task("tests.explode", on_failure=lambda *args, error: FAILED.append((args, error)))
def explode(*args):
    raise RuntimeError("boom")


@jobs.task("tests.broken_file", on_failure=lambda *args, error: FAILED.append((args, error)))
def broken_file():
    raise jobs.PermanentFailure("Het bestand is beschadigd.")


@jobs.task("tests.interrupted")
def interrupted():
    raise KeyboardInterrupt


@pytest.fixture(autouse=True)
def clear(settings):
    RAN.clear()
    FAILED.clear()
    settings.JOBS_BACKEND = "database"
    settings.JOBS_MAX_ATTEMPTS = 3
    settings.JOBS_RETRY_DELAY_SECONDS = 10


def _due_now(job):
    BackgroundJob.objects.filter(pk=job.pk).update(run_after=timezone.now())


@pytest.mark.django_db(transaction=True)
def test_inline_backend_runs_after_commit_only_and_through_the_record(settings):
    settings.JOBS_BACKEND = "inline"
    with transaction.atomic():
        job = jobs.enqueue("tests.record", 1)
        assert RAN == []
    assert RAN == [1]
    job.refresh_from_db()
    assert job.state == State.SUCCEEDED and job.attempts == 1 and job.duration is not None
    with pytest.raises(ValueError), transaction.atomic():
        jobs.enqueue("tests.record", 2)
        raise ValueError("rolled back")
    assert RAN == [1] and not BackgroundJob.objects.filter(args=[2]).exists()


@pytest.mark.django_db(transaction=True)
def test_a_failing_job_does_not_break_the_caller(settings):
    settings.JOBS_BACKEND = "inline"
    job = jobs.enqueue("tests.explode")  # recorded, not raised
    job.refresh_from_db()
    assert job.state == State.QUEUED and job.attempts == 1 and "boom" in job.error


def test_unknown_task_is_refused():
    with pytest.raises(KeyError):
        jobs.enqueue("tests.unknown")


@pytest.mark.django_db
def test_the_database_backend_only_records_the_job_for_the_worker():
    job = jobs.enqueue("tests.record", 5)
    assert RAN == [] and job.state == State.QUEUED and job.max_attempts == 3
    assert Worker(burst=True).run() == 1  # a worker that starts takes what was queued
    job.refresh_from_db()
    assert RAN == [5] and job.state == State.SUCCEEDED and job.worker == queue.this_worker()


@pytest.mark.django_db
def test_only_one_of_two_workers_claims_a_job():
    jobs.enqueue("tests.record", 1)
    first = queue.claim(worker="host-a:1:a")
    assert first is not None and first.state == State.RUNNING and first.attempts == 1
    assert queue.claim(worker="host-b:2:b") is None
    assert first.lease_expires_at > timezone.now() and first.heartbeat_at is not None


@pytest.mark.django_db
def test_an_expired_lease_is_taken_over_and_the_old_worker_cannot_record_anything():
    jobs.enqueue("tests.record", 7)
    old = queue.claim(worker="host-a:1:a")
    BackgroundJob.objects.filter(pk=old.pk).update(lease_expires_at=timezone.now())
    new = queue.claim(worker="host-b:2:b")
    assert new.pk == old.pk and new.attempts == 2 and new.worker == "host-b:2:b"
    assert not queue.heartbeat(old)
    queue.finish(old)
    assert BackgroundJob.objects.get(pk=old.pk).state == State.RUNNING
    assert execute(new, beat=False)
    assert BackgroundJob.objects.get(pk=old.pk).state == State.SUCCEEDED and RAN == [7]


@pytest.mark.django_db
def test_failures_are_retried_with_exponential_backoff_then_fail_with_the_hook():
    job = jobs.enqueue("tests.explode", 3)
    waits = []
    for _attempt in range(3):
        _due_now(job)
        before = timezone.now()
        assert run_one(job.pk, beat=False) is False
        job.refresh_from_db()
        waits.append(round((job.run_after - before).total_seconds()))
    assert waits[:2] == [10, 20]
    assert job.state == State.FAILED and job.attempts == 3 and job.finished_at
    assert "boom" in job.error and "3" in job.error
    assert len(FAILED) == 1 and FAILED[0][0] == (3,) and "boom" in FAILED[0][1]
    assert queue.claim() is None


@pytest.mark.django_db
def test_a_job_whose_worker_keeps_dying_ends_failed_in_dutch():
    job = jobs.enqueue("tests.explode", 4)
    for _attempt in range(3):
        queue.claim(worker="host-a:1:a")
        BackgroundJob.objects.filter(pk=job.pk).update(lease_expires_at=timezone.now())
    assert queue.claim() is None  # the fourth time it is not run but failed
    job.refresh_from_db()
    assert job.state == State.FAILED and "verwerker" in job.error
    assert FAILED and FAILED[0][0] == (4,)


@pytest.mark.django_db
def test_a_permanent_failure_is_not_retried():
    job = jobs.enqueue("tests.broken_file")
    run_one(job.pk, beat=False)
    job.refresh_from_db()
    assert job.state == State.FAILED and job.attempts == 1
    assert FAILED == [((), "Het bestand is beschadigd.")]


@pytest.mark.django_db
def test_an_interrupted_worker_gives_the_job_back_without_counting_it():
    job = jobs.enqueue("tests.interrupted")
    with pytest.raises(KeyboardInterrupt):
        run_one(job.pk, beat=False)
    job.refresh_from_db()
    assert job.state == State.QUEUED and job.attempts == 0 and job.run_after <= timezone.now()


@jobs.task("tests.terminated_after_work")
def terminated_after_work():
    RAN.append("work")
    runner._Shutdown.in_task = False  # the task has returned; bookkeeping is next
    signal.raise_signal(signal.SIGTERM)


@pytest.fixture
def sigterm():
    previous = signal.getsignal(signal.SIGTERM)
    runner.stop_on_sigterm()
    yield
    signal.signal(signal.SIGTERM, previous)
    runner._Shutdown.requested = runner._Shutdown.in_task = False


@pytest.mark.django_db
def test_a_stop_after_the_task_returned_still_records_it_and_then_stops_the_worker(sigterm):
    job = jobs.enqueue("tests.terminated_after_work")
    later = jobs.enqueue("tests.record", 2)
    assert Worker(poll=0.01).run() == 1  # not burst: only the stop ends it
    job.refresh_from_db()
    later.refresh_from_db()
    assert job.state == State.SUCCEEDED and RAN == ["work"]
    assert later.state == State.QUEUED


@pytest.mark.django_db
def test_a_stop_during_a_task_interrupts_it_and_gives_it_back(sigterm):
    job = jobs.enqueue("tests.record", 3)
    runner._Shutdown.requested = True  # asked before the task began: it does not begin
    with pytest.raises(KeyboardInterrupt):
        run_one(job.pk, beat=False)
    job.refresh_from_db()
    assert job.state == State.QUEUED and job.attempts == 0 and RAN == []


@pytest.mark.django_db
def test_singleton_jobs_do_not_pile_up():
    for _ in range(1000):
        jobs.enqueue("tests.record", 9)
    assert BackgroundJob.objects.count() == 1
    running = queue.claim()
    jobs.enqueue("tests.record", 9)  # work arriving while it runs needs one more run
    jobs.enqueue("tests.record", 9)
    assert BackgroundJob.objects.filter(state=State.QUEUED).count() == 1
    assert execute(running, beat=False)
    assert BackgroundJob.objects.count() == 2


@pytest.mark.django_db
def test_jobs_of_a_dead_process_on_this_machine_are_taken_over_at_once():
    dead = subprocess.Popen(["true"])
    dead.wait()
    jobs.enqueue("tests.record", 11)
    job = queue.claim(worker=f"{queue.HOST}:{dead.pid}:old")
    assert job.lease_expires_at > timezone.now() + timedelta(seconds=10)
    alive = queue.claim(worker=f"{queue.HOST}:1:init")  # pid 1 runs: its lease holds
    assert alive is None
    assert queue.expire_dead_local() == 1
    again = queue.claim()
    assert again.pk == job.pk and again.attempts == 2


@pytest.mark.django_db
def test_retry_queues_a_failed_or_stalled_job_with_fresh_attempts():
    job = jobs.enqueue("tests.broken_file")
    run_one(job.pk, beat=False)
    job = jobs.retry(BackgroundJob.objects.get(pk=job.pk))
    assert job.state == State.QUEUED and job.attempts == 0 and job.error == ""
    claimed = queue.claim()
    assert not jobs.stalled(claimed)
    BackgroundJob.objects.filter(pk=job.pk).update(lease_expires_at=timezone.now())
    claimed.refresh_from_db()
    assert jobs.stalled(claimed)
    assert jobs.retry(claimed).state == State.QUEUED


@pytest.mark.django_db(transaction=True)
def test_celery_backend_runs_the_same_job_record(settings):
    from proeftuin.worker import app

    settings.JOBS_BACKEND = "celery"
    app.conf.task_always_eager = True
    try:
        job = jobs.enqueue("tests.record", 3)
    finally:
        app.conf.task_always_eager = False
    job.refresh_from_db()
    assert RAN == [3] and job.state == State.SUCCEEDED and job.attempts == 1


@pytest.mark.django_db
def test_a_case_save_only_queues_its_indexing():
    from proeftuin.search.models import Passage
    from tests.factories import make_case

    case = make_case()
    assert BackgroundJob.objects.filter(name="search.index_case", args=[case.pk]).exists()
    assert not Passage.objects.exists()  # nothing indexed in the saving process


@pytest.mark.django_db
def test_administrators_see_jobs_and_retry_failed_ones(admin_client):
    job = jobs.enqueue("tests.broken_file")
    run_one(job.pk, beat=False)
    page = admin_client.get("/beheer/core/backgroundjob/").content.decode()
    assert "tests.broken_file" in page and "Het bestand is beschadigd." in page
    response = admin_client.post(
        "/beheer/core/backgroundjob/",
        {"action": "retry_jobs", "_selected_action": [job.pk]},
    )
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.state == State.QUEUED and job.attempts == 0
