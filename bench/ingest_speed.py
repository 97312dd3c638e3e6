"""Benchmark: upload to a reviewable queue for a 65-page report, and a 300-page one.

"Reviewable" means the ingestion job is done: parse, normalise, segment, extract and store
the suggestions. Embedding (and the keyword index of the document's text) are queued by
the store and run later in the background, so they are not in this time.

The reports are built in memory at run time from real PDFs in ../shared/realdocs (two
reports of 30 and 32 pages, then the first pages of the second again, to 65 pages; the
300-page one repeats the same pages) and are never written anywhere. Each run gets a
different trailing comment so that it is a new upload, not a recognised duplicate.

Three measurements in one run, in a throw-away SQLite database:

1. **upload → reviewable**: ``ingestion.services.source_upload`` then the job itself
   (``pipeline.job_run``, as the worker runs it): the number the target is about.
2. **per stage**: ``pipeline.run_pipeline`` with a progress callback that times every step
   it reports (whatever steps the pipeline on this branch has), then ``store.store_result``.
3. **baseline**: the plain text of every page with PDFium (``get_text_range``, no layout
   analysis, nothing else), and ``pdftotext`` when it is installed: the least any
   ingestion has to do.

    .venv/bin/python bench/ingest_speed.py [--rounds 3] [--no-large]

Target: at least 5 pages/s from upload to reviewable for the 65-page report on a 2-core
machine; the 300-page report must simply finish (its time is printed).
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
REALDOCS = ROOT.parent / "shared" / "realdocs"
PARTS = ("logius-ebms3-as4-eindrapport.pdf", "tilburg-publicatieportaal-woo.pdf")
TARGET_PAGES_PER_SECOND = 5.0
SIZES = {"report": 65, "large": 300}


def build_pdf(pages: int) -> bytes:
    """A PDF of ``pages`` pages taken in turn from the real reports (in memory only)."""
    import pypdfium2

    sources = [pypdfium2.PdfDocument(REALDOCS / name) for name in PARTS]
    pdf = pypdfium2.PdfDocument.new()
    while len(pdf) < pages:
        for source in sources:
            take = min(len(source), pages - len(pdf))
            if take > 0:
                pdf.import_pages(source, list(range(take)))
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def _setup(data_dir: str) -> None:
    from ingest import setup_django  # bench/ingest.py

    setup_django(
        data_dir,
        JOBS_BACKEND="database",  # queued work (search index, embeddings) waits: not timed
        EMBEDDING_PROVIDER="none",
    )


_runs = 0


def _unique(data: bytes) -> bytes:
    global _runs
    _runs += 1
    return data + f"\n%bench-run-{_runs}-{time.time_ns()}\n".encode()


def upload_to_reviewable(data: bytes, name: str) -> dict:
    """Upload and run the job as the worker does; seconds and what the queue holds."""
    from django.db import transaction

    from proeftuin.ingestion.models import Job
    from proeftuin.ingestion.pipeline import job_run
    from proeftuin.ingestion.services import source_upload

    start = time.perf_counter()
    with transaction.atomic():
        source, job, _created = source_upload(actor=None, filename=name, data=_unique(data))
    uploaded = time.perf_counter()
    job_run(job.pk)
    done = time.perf_counter()
    job.refresh_from_db()
    if job.status != Job.Status.SUCCEEDED:
        sys.exit(f"{name}: job {job.status}: {job.error_message}")
    source.refresh_from_db()
    return {
        "seconds": done - start,
        "upload_seconds": uploaded - start,
        "job_seconds": done - uploaded,
        "pages": source.pages,
        "suggestions": source.suggestions.count(),
        "cases": source.suggestions.values("segment").distinct().count(),
    }


def stages(data: bytes, name: str) -> dict[str, float]:
    """Seconds per step the pipeline reports, then the store of its result."""
    from django.db import transaction

    from proeftuin.ingestion.models import Job
    from proeftuin.ingestion.pipeline import run_pipeline
    from proeftuin.ingestion.services import source_upload
    from proeftuin.ingestion.store import store_result

    marks: list[tuple[str, float]] = []

    def progress(step: str, _percent: int) -> None:
        if not marks or marks[-1][0] != step:
            marks.append((step, time.perf_counter()))

    with transaction.atomic():
        _source, job, _created = source_upload(actor=None, filename=name, data=_unique(data))
    result = run_pipeline(data, name, progress=progress)
    marks.append(("store", time.perf_counter()))
    store_result(Job.objects.get(pk=job.pk), result)
    marks.append(("", time.perf_counter()))
    out: dict[str, float] = {}
    for (step, at), (_next, until) in itertools.pairwise(marks):
        out[step] = out.get(step, 0.0) + until - at
    return out


def raw_text_seconds(data: bytes) -> float:
    """Baseline: every page's plain text with PDFium, nothing else."""
    import pypdfium2

    start = time.perf_counter()
    pdf = pypdfium2.PdfDocument(data)
    for page in pdf:
        page.get_textpage().get_text_range()
    return time.perf_counter() - start


def pdftotext_seconds(data: bytes) -> float | None:
    if not shutil.which("pdftotext"):
        return None
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        start = time.perf_counter()
        subprocess.run(["pdftotext", handle.name, "-"], check=True, capture_output=True)
        return time.perf_counter() - start


def measure(data: bytes, pages: int, rounds: int, name: str) -> dict:
    best = min(
        (upload_to_reviewable(data, name) for _ in range(rounds)), key=lambda r: r["seconds"]
    )
    stage_runs = [stages(data, name) for _ in range(rounds)]
    per_stage = {step: min(run.get(step, 0.0) for run in stage_runs) for step in stage_runs[0]}
    raw = min(raw_text_seconds(data) for _ in range(rounds))
    poppler = [pdftotext_seconds(data) for _ in range(rounds)]
    poppler_best = min(poppler) if poppler[0] is not None else None
    return {
        "pages": pages,
        "rounds": rounds,
        **{k: round(v, 3) if isinstance(v, float) else v for k, v in best.items()},
        "pages_per_second": round(pages / round(best["seconds"], 3), 1),  # as printed
        "stages_seconds": {k: round(v, 3) for k, v in per_stage.items()},
        "baseline_pdfium_text_seconds": round(raw, 3),
        "baseline_pdftotext_seconds": round(poppler_best, 3) if poppler_best else None,
    }


def _rate(pages: int, seconds: float | None) -> str:
    if not seconds:
        return "      n/a"
    return f"{pages / seconds:7.1f} pages/s ({seconds:6.2f} s)"


def report(label: str, result: dict) -> None:
    pages = result["pages"]
    print(
        f"\n{label}: {pages} pages, {result['cases']} cases, "
        f"{result['suggestions']} suggestions (best of {result['rounds']})"
    )
    print(f"  upload -> reviewable : {_rate(pages, result['seconds'])}")
    upload, job = result["upload_seconds"], result["job_seconds"]
    print(f"    of which the upload: {upload:6.2f} s, the job {job:.2f} s")
    for step, seconds in result["stages_seconds"].items():
        print(f"    stage {step:<13}: {_rate(pages, seconds)}")
    print(f"  baseline PDFium text : {_rate(pages, result['baseline_pdfium_text_seconds'])}")
    print(f"  baseline pdftotext   : {_rate(pages, result['baseline_pdftotext_seconds'])}")
    ratio = result["seconds"] / result["baseline_pdfium_text_seconds"]
    print(f"  ratio upload->reviewable / PDFium text: {ratio:.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-large", action="store_true", help="skip the 300-page report")
    args = parser.parse_args()
    missing = [name for name in PARTS if not (REALDOCS / name).exists()]
    if missing:
        sys.exit(f"needs {', '.join(missing)} in {REALDOCS}")
    results = {}
    with tempfile.TemporaryDirectory(prefix="proeftuin-ingest-speed-") as data_dir:
        _setup(data_dir)
        results["report"] = measure(
            build_pdf(SIZES["report"]), SIZES["report"], args.rounds, "rapport-65.pdf"
        )
        report("65-page report", results["report"])
        if not args.no_large:
            results["large"] = measure(
                build_pdf(SIZES["large"]), SIZES["large"], 1, "rapport-300.pdf"
            )
            report("300-page report", results["large"])
    rate = results["report"]["pages_per_second"]
    met = rate >= TARGET_PAGES_PER_SECOND
    verdict = "met" if met else "MISSED"
    print(f"\ntarget >= {TARGET_PAGES_PER_SECOND} pages/s for 65 pages: {verdict} ({rate})")
    results["target_pages_per_second"] = TARGET_PAGES_PER_SECOND
    results["target_met"] = met
    out = ROOT / "bench" / "results" / "ingest_speed.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
