"""Background tasks of the ingestion app (they take ids)."""

from django.utils.translation import gettext as _

from proeftuin.core.jobs import task


def job_failed(job_id: int, *, error: str) -> None:
    """The job failed for good (every attempt failed or its worker kept dying): the
    document page says so and offers to try again, instead of showing it as busy."""
    from proeftuin.ingestion.pipeline import mark_failed

    mark_failed(
        job_id, "internal", _("Processing failed; try again or ask support.") + f" ({error})"
    )


@task("ingestion.run", on_failure=job_failed)
def run_ingestion_job(job_id: int) -> None:
    from proeftuin.ingestion.pipeline import job_run

    job_run(job_id)


@task("ingestion.purge_deleted", priority=20)
def purge_deleted() -> None:
    """Remove for good what was deleted longer ago than the retention, then queue the
    next run for the oldest deletion left (a scheduled job, no periodic beat needed)."""
    from proeftuin.ingestion.deletion import schedule_next_purge, sources_purge_due

    sources_purge_due()
    schedule_next_purge()
