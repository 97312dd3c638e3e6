"""``kill -9`` of the worker in the middle of an ingestion, then a new worker.

Uploads a report (default: the InAxis cahier from ../shared/corpus, read at run time),
lets a worker process it undisturbed (the baseline), makes review decisions, then
processes it again and kills the worker with SIGKILL half-way. A new worker starts at
once. Prints the time until the job runs again and until it is done, and the suggestion
and decision counts before and after (no decision may be lost, no suggestion doubled).

    .venv/bin/python bench/jobs_recovery.py [--file PATH] [--keep]
"""

from __future__ import annotations

import argparse
import json
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from jobs_common import SHARED, member, prepare, start_worker, wait_for

RESULTS = Path(__file__).parent / "results"


def counts(source) -> dict[str, int]:
    by_status = Counter(source.suggestions.values_list("status", flat=True))
    return {"total": sum(by_status.values()), **dict(sorted(by_status.items()))}


def decide(user, source) -> None:
    from proeftuin.ingestion.services import suggestion_decide

    rows = list(source.suggestions.filter(status="pending").order_by("id")[:18])
    for index, row in enumerate(rows):
        decision = ("accepted", "rejected", "edited")[index % 3]
        edited = "Bewerkt in de benchmark" if decision == "edited" else None
        suggestion_decide(actor=user, suggestion=row, decision=decision, edited_value=edited)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--file", default=str(SHARED / "corpus" / "cahier-inaxis-innovatie-bij-de-overheid.txt")
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="proeftuin-jobs-recovery-"))
    log = scratch / "worker.log"
    try:
        env = prepare(scratch, demo=False)
        env["EMBEDDING_PROVIDER"] = "none"  # only ingestion in this benchmark
        result = run(env, log, Path(args.file))
    finally:
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "jobs_recovery.json").write_text(json.dumps(result, indent=2))


def run(env, log: Path, path: Path) -> dict:
    from proeftuin.core.jobs import latest_for
    from proeftuin.ingestion.models import Job
    from proeftuin.ingestion.services import job_retry, source_upload

    user, _org = member("bench-recovery")
    source, job, _ = source_upload(actor=user, filename=path.name, data=path.read_bytes())
    print(f"{path.name}: {path.stat().st_size / 1024:.0f} KB")

    def status(job_id):
        return Job.objects.get(pk=job_id).status

    worker = start_worker(env, log)
    started = time.monotonic()
    wait_for(lambda: status(job.id) == "succeeded", 600)
    baseline = time.monotonic() - started
    print(f"baseline: undisturbed ingestion done {baseline:.2f} s after the worker started")
    decide(user, source)
    before = counts(source)
    print(f"before:  suggestions {before}")

    again = job_retry(actor=user, job=Job.objects.get(pk=job.id))  # "process again"
    busy = wait_for(
        lambda: (
            Job.objects.filter(pk=again.id, status="running", step__in=["extract", "segment"])
            .values_list("step", "progress")
            .first()
        ),
        600,
        step=0.01,
    )
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    killed = time.monotonic()
    print(f"kill -9 of worker {worker.pid} at step {busy[0]}, {busy[1]}%")
    second = start_worker(env, log)
    try:
        rerun = wait_for(
            lambda: (
                (r := latest_for("ingestion.run", again.id)).attempts >= 2 and r.state == "running"
            ),
            120,
            step=0.01,
        )
        rerun_after = time.monotonic() - killed
        wait_for(lambda: status(again.id) in ("succeeded", "failed"), 600)
        done_after = time.monotonic() - killed
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=60)
    record = latest_for("ingestion.run", again.id)
    after = counts(source)
    print(f"job runs again {rerun_after:.2f} s after the kill (new worker started at once)")
    print(
        f"job done        {done_after:.2f} s after the kill ({status(again.id)}, "
        f"{record.attempts} attempts)"
    )
    print(f"after:   suggestions {after}")
    decided = {k: v for k, v in before.items() if k not in ("total", "pending")}
    lost = {k: decided[k] - after.get(k, 0) for k in decided if after.get(k, 0) != decided[k]}
    print(f"decisions lost: {lost or 0}; suggestions doubled: {after['total'] - before['total']}")
    assert rerun and not lost and after == before, "recovery lost or changed something"
    return {
        "file": path.name,
        "baseline_seconds": round(baseline, 2),
        "rerun_after_kill_seconds": round(rerun_after, 2),
        "done_after_kill_seconds": round(done_after, 2),
        "attempts": record.attempts,
        "before": before,
        "after": after,
    }


if __name__ == "__main__":
    main()
