"""Benchmark: the whole ingestion pipeline, from PDF bytes to stored suggestions.

Uses the PDFs that ``bench/parse.py`` makes from the corpus (LibreOffice, cached in
bench/results/parse/), runs every stage (parse, normalise, segment, extract, store the
suggestions in a throw-away SQLite database) through the job the app itself runs, and times
``pdftotext`` on the same files in the same run as the baseline. Prints pages per second and
the ratio. Target: the pipeline at least 5 pages/s on a 2-core machine.

    .venv/bin/python bench/ingest.py [--rounds 3]

The keyword and meaning-based search index is not part of the pipeline yet (the search
issue adds it); its time will join this measurement then.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
TARGET_PAGES_PER_SECOND = 5.0


def setup_django(data_dir: str, **env: str) -> None:
    """Django on a fresh SQLite database in ``data_dir``, migrated; ``env`` overrides."""
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "proeftuin.settings",
            "SECRET_KEY": "bench-only-" + "x" * 40,
            "DATA_DIR": data_dir,
            "MEDIA_ROOT": os.path.join(data_dir, "media"),
            "CACHE_URL": "dummycache://",
            "JOBS_BACKEND": "sync",
            "LOG_LEVEL": "WARNING",
            **env,
        }
    )
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _pipeline_once(pdfs: list[Path]) -> tuple[float, int, int]:
    """Upload every PDF as new content and run its job; returns seconds, pages, suggestions."""
    from django.db import transaction

    from proeftuin.ingestion.models import Job, SourceFile
    from proeftuin.ingestion.services import source_upload

    SourceFile.objects.all().delete()
    pages = suggestions = 0
    start = time.perf_counter()
    for pdf in pdfs:
        with transaction.atomic():
            source, job, _ = source_upload(actor=None, filename=pdf.name, data=pdf.read_bytes())
        job.refresh_from_db()
        if job.status != Job.Status.SUCCEEDED:
            sys.exit(f"{pdf.name}: job {job.status}: {job.error_message}")
        source.refresh_from_db()
        pages += source.pages
        suggestions += source.suggestions.count()
    return time.perf_counter() - start, pages, suggestions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    import parse as parse_bench

    pdfs = [p for p in parse_bench.make_pdfs(two_column=True) if p.exists()]
    with tempfile.TemporaryDirectory(prefix="proeftuin-ingest-") as data_dir:
        setup_django(data_dir)
        runs = [_pipeline_once(pdfs) for _ in range(args.rounds)]
    seconds, pages, suggestions = min(runs)
    baseline = min(sum(parse_bench.time_pdftotext(p) for p in pdfs) for _ in range(args.rounds))
    result = {
        "files": len(pdfs),
        "pages": pages,
        "suggestions": suggestions,
        "pipeline_seconds": round(seconds, 3),
        "pipeline_pages_per_second": round(pages / seconds, 1),
        "pdftotext_pages_per_second": round(pages / baseline, 1),
        "ratio_pipeline_time_over_pdftotext": round(seconds / baseline, 2),
        "target_pages_per_second": TARGET_PAGES_PER_SECOND,
    }
    result["target_met"] = result["pipeline_pages_per_second"] >= TARGET_PAGES_PER_SECOND
    print(
        f"{len(pdfs)} PDFs, {pages} pages, {suggestions} suggestions stored (best of {args.rounds})"
    )
    print(f"  full pipeline : {result['pipeline_pages_per_second']:7.1f} pages/s")
    print(f"  pdftotext     : {result['pdftotext_pages_per_second']:7.1f} pages/s")
    print(
        f"  ratio (time pipeline / pdftotext): {result['ratio_pipeline_time_over_pdftotext']}x;"
        f" target >= {TARGET_PAGES_PER_SECOND} pages/s: "
        f"{'met' if result['target_met'] else 'MISSED'}"
    )
    out = ROOT / "bench" / "results" / "ingest.json"
    out.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
