"""Background tasks of the ingestion app (they take ids)."""

from proeftuin.core.jobs import task


@task("ingestion.run")
def run_ingestion_job(job_id: int) -> None:
    from proeftuin.ingestion.pipeline import job_run

    job_run(job_id)
