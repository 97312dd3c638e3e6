"""What the document page says about a job: its own progress joined with its job record
(waiting for a worker, attempt n of m, a worker that stopped, the error)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from proeftuin.core import jobs
from proeftuin.ingestion.models import Job

ACTIVE = {"waiting", "retrying", "running", "stalled"}


@dataclass(frozen=True)
class Progress:
    job: Job
    record: jobs.BackgroundJob | None

    @property
    def state(self) -> str:
        record, State = self.record, jobs.BackgroundJob.State
        if record is None:
            return {Job.Status.QUEUED: "waiting", Job.Status.RUNNING: "stalled"}.get(
                self.job.status, self.job.status
            )
        if record.state == State.QUEUED:
            return "retrying" if record.attempts else "waiting"
        if record.state == State.RUNNING:
            return "stalled" if jobs.stalled(record) else "running"
        if record.state == State.FAILED:
            return "failed"
        return self.job.status  # the task ran; the job says how it went

    @property
    def label(self) -> str:
        return {
            "waiting": _("waiting for processing"),
            "retrying": _("waiting for a new attempt"),
            "running": _("busy"),
            "stalled": _("interrupted; it will be started again"),
            "succeeded": _("done"),
            "failed": _("failed"),
        }.get(self.state, self.state)

    @property
    def active(self) -> bool:
        return self.state in ACTIVE

    @property
    def found_nothing(self) -> bool:
        """Done, but the document describes no innovation: no case, nothing to review (the
        job's notice says why)."""
        return self.state == "succeeded" and self.job.error_code == "no_innovation"

    @property
    def can_retry(self) -> bool:
        return self.state in {"failed", "stalled", "retrying", "succeeded"}

    @property
    def error(self) -> str:
        if self.job.error_message:
            return self.job.error_message
        if self.state in {"retrying", "failed"} and self.record is not None:
            return self.record.error
        return ""


def job_progress(job: Job | None) -> Progress | None:
    if job is None:
        return None
    return Progress(job, jobs.latest_for("ingestion.run", job.id))
