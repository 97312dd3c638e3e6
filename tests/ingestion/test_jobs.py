"""Ingestion as a background job: an upload answers at once and waits for the worker,
failures end visibly with a retry that works, and running a job again loses nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from proeftuin.accounts.models import Role
from proeftuin.core.jobs import BackgroundJob, latest_for
from proeftuin.core.jobs.runner import Worker
from proeftuin.ingestion import pipeline
from proeftuin.ingestion.models import Job, SourceFile, Suggestion
from proeftuin.ingestion.services import job_retry, suggestion_decide
from tests.factories import OrganisationFactory
from tests.ingestion.test_review import STORY

pytestmark = pytest.mark.django_db


@pytest.fixture
def uploader(make_member):
    return make_member(OrganisationFactory(name="Gemeente Wachtrij"), Role.CONTRIBUTOR)


@pytest.fixture(autouse=True)
def worker_backend(settings):
    settings.JOBS_BACKEND = "database"
    settings.JOBS_RETRY_DELAY_SECONDS = 0


def _upload(client, uploader):
    client.force_login(uploader)
    with_commit = client.post("/documenten/", {"file": SimpleUploadedFile("wacht.txt", STORY)})
    assert with_commit.status_code == 302
    return SourceFile.objects.get()


def _page(client, source) -> str:
    return client.get(f"/documenten/{source.uuid}/").content.decode()


def test_an_upload_waits_for_the_worker_and_is_processed_when_it_starts(client, uploader):
    source = _upload(client, uploader)
    assert not source.suggestions.exists()  # the request did not run the pipeline
    assert "wacht op verwerking" in _page(client, source)
    assert Worker(burst=True).run() >= 1
    job = source.jobs.get()
    assert job.status == Job.Status.SUCCEEDED and source.suggestions.exists()
    assert latest_for("ingestion.run", job.id).state == BackgroundJob.State.SUCCEEDED
    assert "poging 1 van 3" in _page(client, source)


def test_a_job_that_keeps_failing_ends_failed_and_try_again_works(client, uploader, monkeypatch):
    source = _upload(client, uploader)

    def broken(*args, **kwargs):
        raise RuntimeError("schijf vol")

    monkeypatch.setattr(pipeline, "run_pipeline", broken)
    Worker(burst=True).run()  # three attempts, no wait between them here
    job = source.jobs.get()
    record = latest_for("ingestion.run", job.id)
    assert record.state == BackgroundJob.State.FAILED and record.attempts == 3
    assert job.status == Job.Status.FAILED and "mislukt" in job.error_message
    page = _page(client, source)
    assert "mislukt" in page and "schijf vol" in page and "Opnieuw proberen" in page
    monkeypatch.undo()
    client.post(f"/documenten/{source.uuid}/opnieuw/")
    assert "wacht op verwerking" in _page(client, source)
    Worker(burst=True).run()
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED and source.suggestions.exists()
    assert source.jobs.count() == 1


def test_a_job_whose_worker_died_can_be_started_again_at_once(client, uploader):
    source = _upload(client, uploader)
    job = source.jobs.get()
    record = latest_for("ingestion.run", job.id)
    BackgroundJob.objects.filter(pk=record.pk).update(
        state="running", attempts=1, worker="elders:1:x", lease_expires_at=timezone.now()
    )
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, step="store", progress=95)
    assert "onderbroken" in _page(client, source)
    job_retry(actor=uploader, job=job)
    assert latest_for("ingestion.run", job.id).state == BackgroundJob.State.QUEUED
    Worker(burst=True).run()
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED


def test_running_a_job_again_keeps_decisions_and_adds_no_duplicates(uploader):
    from proeftuin.ingestion.services import source_upload

    source, job, _ = source_upload(actor=uploader, filename="twee.txt", data=STORY)
    Worker(burst=True).run()
    before = {s.uuid: s.status for s in source.suggestions.all()}
    decided = source.suggestions.order_by("id")[:2]
    for row in decided:
        suggestion_decide(actor=uploader, suggestion=row, decision=Suggestion.Status.ACCEPTED)
    pipeline.job_run(job.id)  # what a worker does after another one died mid-job
    after = {s.uuid: s.status for s in source.suggestions.all()}
    assert set(after) == set(before)  # same rows, same ids: nothing duplicated or lost
    assert sum(status == Suggestion.Status.ACCEPTED for status in after.values()) == 2
