"""The ingestion pipeline: parse, normalise, segment, extract, then store suggestions.

Each stage is a plug-in behind a registry (parsers, extraction steps); this module only
runs them in order, records visible progress on the job, and stores the result in one
transaction, so a job that dies half-way stores nothing and can simply run again.

A document that describes no innovation yields no case; the run still succeeds, its text
is stored and indexed for search, and the job carries a Dutch notice ("Geen innovatie
gevonden in dit document: ...") that the document page shows, like the notices for skipped
pages and for a document in English (``notices``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone, translation

from proeftuin.core.jobs import PermanentFailure
from proeftuin.ingestion.extraction import run_steps
from proeftuin.ingestion.limits import Limits
from proeftuin.ingestion.normalise import normalise
from proeftuin.ingestion.notices import Notice, notices
from proeftuin.ingestion.parsers import parse_bytes
from proeftuin.ingestion.segment import cached_segments
from proeftuin.ingestion.types import Extracted, IngestionError, NormalisedDocument, Segment

logger = logging.getLogger("proeftuin.ingestion")


@dataclass
class PipelineResult:
    document: NormalisedDocument
    cases: list[tuple[Segment, list[Extracted]]]
    notices: list[Notice] = field(default_factory=list)

    @property
    def no_innovation(self) -> bool:
        """The document describes no innovation: no case, only its text for search."""
        return any(n.code == "no_innovation" for n in self.notices)


def run_pipeline(
    data: bytes, filename: str = "", *, limits: Limits | None = None, progress=None
) -> PipelineResult:
    """All stages over one file's bytes; ``progress(step, percent)`` is told along the way."""
    report = progress or (lambda step, percent: None)
    report("parse", 5)
    parsed = parse_bytes(data, filename, limits=limits or Limits())
    report("normalise", 20)
    document = normalise(parsed)
    report("segment", 30)
    segments = cached_segments(document)  # steps that need all cases read the same list
    report("extract", 30)  # the first case's extraction is not "segment" time
    cases = []
    for index, part in enumerate(segments, start=1):
        cases.append((part, run_steps(document, part)))
        report("extract", 30 + 60 * index // max(len(segments), 1))
    return PipelineResult(document, cases, notices(document.structure, len(cases)))


def job_run(job_id: int) -> None:
    """Run the pipeline for a job and store its suggestions (the background task).

    Safe to run again (after a worker died or a retry): the store keeps every decision
    and the pending suggestions that are found again. A file that cannot be read fails
    the job at once; any other error is left to the job runner, which retries it."""
    from proeftuin.ingestion.models import Job
    from proeftuin.ingestion.store import store_result

    job = Job.objects.select_related("source").get(pk=job_id)
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.RUNNING,
        attempts=job.attempts + 1,
        step="",
        progress=0,
        error_code="",
        error_message="",
        finished_at=None,
    )

    def progress(step: str, percent: int) -> None:
        Job.objects.filter(pk=job.pk).update(step=step, progress=percent)

    from proeftuin.ingestion.learning import theme_classifier_for

    try:
        with job.source.file.open("rb") as handle:
            data = handle.read()
        with (
            theme_classifier_for(job.source.owner_id),
            translation.override(settings.LANGUAGE_CODE),  # notices in the site's language
        ):
            result = run_pipeline(data, job.source.filename, progress=progress)
    except IngestionError as exc:
        mark_failed(job.pk, exc.code, exc.message)
        raise PermanentFailure(exc.message) from exc
    progress("store", 95)
    store_result(job, result)
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.SUCCEEDED,
        step="done",
        progress=100,
        finished_at=timezone.now(),
        **_notice_fields(result),
    )


def _notice_fields(result: PipelineResult) -> dict:
    """The notices on a succeeded job: the first one's code, all messages (in Dutch)."""
    if not result.notices:
        return {}
    return {
        "error_code": result.notices[0].code[:40],
        "error_message": " ".join(n.message for n in result.notices),
    }


def mark_failed(job_id: int, code: str, message: str) -> None:
    """Record that a job failed for good, with the message the uploader sees."""
    from proeftuin.ingestion.models import Job

    logger.warning("ingestion job %s failed: %s", job_id, code)
    Job.objects.filter(pk=job_id).exclude(status=Job.Status.FAILED).update(
        status=Job.Status.FAILED,
        error_code=code,
        error_message=message,
        finished_at=timezone.now(),
    )
