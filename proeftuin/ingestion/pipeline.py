"""The ingestion pipeline: parse, normalise, segment, extract, then store suggestions.

Each stage is a plug-in behind a registry (parsers, extraction steps); this module only
runs them in order, records visible progress on the job, and stores the result in one
transaction, so a job that dies half-way stores nothing and can simply run again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from proeftuin.ingestion.extraction import run_steps
from proeftuin.ingestion.limits import Limits
from proeftuin.ingestion.normalise import normalise
from proeftuin.ingestion.parsers import parse_bytes
from proeftuin.ingestion.segment import segment
from proeftuin.ingestion.types import Extracted, IngestionError, NormalisedDocument, Segment

logger = logging.getLogger("proeftuin.ingestion")


@dataclass
class PipelineResult:
    document: NormalisedDocument
    cases: list[tuple[Segment, list[Extracted]]]


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
    segments = segment(document)
    cases = []
    for index, part in enumerate(segments, start=1):
        cases.append((part, run_steps(document, part)))
        report("extract", 30 + 60 * index // max(len(segments), 1))
    return PipelineResult(document, cases)


def job_run(job_id: int) -> None:
    """Run the pipeline for a job and store its suggestions (the background task)."""
    from proeftuin.ingestion.models import Job
    from proeftuin.ingestion.store import store_result

    job = Job.objects.select_related("source").get(pk=job_id)
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.RUNNING, attempts=job.attempts + 1, error_code="", error_message=""
    )

    def progress(step: str, percent: int) -> None:
        Job.objects.filter(pk=job.pk).update(step=step, progress=percent)

    try:
        from proeftuin.ingestion.learning import train_theme_classifier

        train_theme_classifier()
        with job.source.file.open("rb") as handle:
            result = run_pipeline(handle.read(), job.source.filename, progress=progress)
        progress("store", 95)
        store_result(job, result)
    except IngestionError as exc:
        _fail(job, exc.code, exc.message)
    except Exception:
        _fail(job, "internal", _("Processing failed unexpectedly; try again or ask support."))
        raise
    else:
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.SUCCEEDED, step="done", progress=100, finished_at=timezone.now()
        )


def _fail(job, code: str, message: str) -> None:
    from proeftuin.ingestion.models import Job

    logger.warning("ingestion job %s failed: %s", job.pk, code)
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.FAILED,
        error_code=code,
        error_message=message,
        finished_at=timezone.now(),
    )
