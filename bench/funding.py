"""Benchmark: the funding pages (``funding_pages.PAGES``) under load, at two sizes.

    .venv/bin/python bench/funding.py          # 50 rounds, 1,000 and 10,000 applications
    .venv/bin/python bench/funding.py --small  # 50 rounds, 200 and 1,000: a quick look

Each size is generated once into a SQLite database of its own (``funding_data.py``; at
10,000 applications 40,000 reviews), cached in bench/results/funding/ and copied for
every run. Both copies are served by
gunicorn on 127.0.0.1 and loaded by concurrent closed-loop clients, in rounds that alternate
between the sizes. Prints p50/p95, the workers' CPU time and SQL queries per page beside the
baseline size, whether the p95 target is met and whether the query count stays the same;
writes bench/results/funding.json.
"""

from __future__ import annotations

from funding_pages import PAGES
from sized_load import Option, Spec, main

SPEC = Spec(
    name="funding",
    unit="applications",
    pages=PAGES,
    sizes=(1_000, 10_000),
    small=(200, 1_000),
    generator=("funding_data.py", "generate.py", "words.py"),
    prepare="funding_prepare.py",
    options=(Option("--funding-rounds", 50, "both sizes", prepare_flag="--rounds"),),
    describe="{funding_rounds} rounds",
    page_width=30,
)


if __name__ == "__main__":
    main(SPEC, __doc__)
