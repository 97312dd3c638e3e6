"""Casebook generation: seconds, peak memory and pages for 13 and for 200 cases (PDF and
ODT), each size in its own process (so its peak memory is its own) on a fresh SQLite
database in a temporary folder::

    .venv/bin/python bench/casebook.py                 # 13 and 200 cases
    .venv/bin/python bench/casebook.py --sizes 13      # one size

The cases are made through ``case_create`` with texts in every theme of the default theme
set (sentences from ``words.py``, seeded), 1-3 outcomes and 2 lessons each, as a library
filter would give them. Timed: reading the cases, the cross-case analysis and the content
(``book_content``), the PDF (WeasyPrint, PDF/A-3u tagged) and the ODT, as the background job
does them. Target: at most 30 s for 13 cases on this machine."""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]


def _text(rng, words, org: str, n: int) -> str:
    topic = rng.choice(words.TOPICS)
    return " ".join(rng.choice(words.SENTENCES).format(topic=topic, org=org) for _ in range(n))


def _make_cases(count: int, seed: int):
    import words

    from proeftuin.cases.service import ThemeSet, case_create
    from tests.factories import OrganisationFactory

    rng = random.Random(seed)
    theme_set = ThemeSet.objects.get(key="casebook")
    keys = list(theme_set.themes.values_list("key", flat=True))
    cases = []
    for n in range(count):
        org_name = f"Gemeente {rng.choice(words.PLACE_HEADS)}{rng.choice(words.PLACE_TAILS)} {n}"
        org = OrganisationFactory(name=org_name)
        cases.append(
            case_create(
                actor=None,
                theme_set=theme_set,
                organisations=[org],
                title=f"{rng.choice(words.INTERVENTIONS)} {rng.choice(words.TOPICS)} {n}",
                summary=_text(rng, words, org_name, 3),
                year_start=rng.randint(2010, 2024),
                stage="pilot",
                status="published",
                visibility="public",
                sections={key: _text(rng, words, org_name, rng.randint(3, 8)) for key in keys},
                outcomes=[
                    {
                        "measure": f"meting {k}",
                        "value": rng.randint(-80, 80),
                        "unit": "percent",
                        "direction": "decrease",
                        "kind": rng.choice(["financial", "time", "quality", "satisfaction"]),
                    }
                    for k in range(rng.randint(1, 3))
                ],
                lessons=[
                    {"kind": "success_factor", "text": rng.choice(words.LESSONS)},
                    {"kind": "pitfall", "text": rng.choice(words.LESSONS)},
                ],
            )
        )
    return cases


def _measure(count: int, seed: int) -> dict:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proeftuin.settings")
    django.setup()
    from django.core.management import call_command
    from django.utils import translation

    from proeftuin.awards.casebook_content import book_content, cases_for_book
    from proeftuin.awards.casebook_files import to_odt, to_pdf
    from proeftuin.cases.service import ThemeSet

    call_command("migrate", verbosity=0)
    ids = [case.pk for case in _make_cases(count, seed)]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with translation.override("nl"):
        started = time.perf_counter()
        book = book_content(
            title="Benchmark",
            theme_set=ThemeSet.objects.get(key="casebook"),
            cases=cases_for_book(ids),
        )
        content = time.perf_counter()
        pdf, pages = to_pdf(book, created="bench", moment="2026-12-06T00:00:00+00:00")
        pdf_done = time.perf_counter()
        odt = to_odt(book, created="bench")
        done = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "cases": count,
        "seconds_total": round(done - started, 2),
        "seconds_content_and_analysis": round(content - started, 2),
        "seconds_pdf": round(pdf_done - content, 2),
        "seconds_odt": round(done - pdf_done, 2),
        "pages": pages,
        "pdf_bytes": len(pdf),
        "odt_bytes": len(odt),
        "peak_mb_process": round(peak / 1024, 1),
        "peak_mb_before_generation": round(before / 1024, 1),
        "statements": sum(len(t.shared) + len(t.distinct) for t in book.analysis),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[13, 200])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_measure(args.child, args.seed)))
        return 0
    results = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="casebook-bench-") as folder:
            env = {
                **os.environ,
                "DATA_DIR": folder,
                "MEDIA_ROOT": f"{folder}/media",
                "SECRET_KEY": "bench",
                "DEBUG": "false",
                "JOBS_BACKEND": "inline",
            }
            env.pop("DATABASE_URL", None)
            env.pop("CACHE_URL", None)
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(size), "--seed", str(args.seed)],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            if out.returncode:
                sys.stderr.write(out.stderr[-3000:])
                return out.returncode
            result = json.loads(out.stdout.strip().splitlines()[-1])
        results.append(result)
        print(
            f"{size:>4} cases: {result['seconds_total']:6.2f} s "
            f"(content and analysis {result['seconds_content_and_analysis']} s, "
            f"PDF {result['seconds_pdf']} s, ODT {result['seconds_odt']} s), "
            f"{result['pages']} pages, peak memory {result['peak_mb_process']} MB "
            f"(before generation {result['peak_mb_before_generation']} MB), "
            f"PDF {result['pdf_bytes'] // 1024} KB, ODT {result['odt_bytes'] // 1024} KB",
            flush=True,
        )
    target = next((r for r in results if r["cases"] == 13), None)
    if target:
        verdict = "met" if target["seconds_total"] <= 30 else "NOT met"
        print(f"target <= 30 s for 13 cases: {verdict} ({target['seconds_total']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
