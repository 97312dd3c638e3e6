"""Benchmark: the portfolio pages (``portfolio_pages.PAGES``) under load, at two sizes.

    .venv/bin/python bench/portfolio.py            # 200 organisations, 2,000 and 20,000 initiatives
    .venv/bin/python bench/portfolio.py --small    # 200 and 2,000: a quick look

Each size is generated once into a SQLite database of its own (``portfolio_data.py``),
cached in bench/results/portfolio/ and copied for every run. Both copies are served by
gunicorn on 127.0.0.1 and loaded by concurrent closed-loop clients, in rounds that alternate
between the sizes. Prints p50/p95, the workers' CPU time and SQL queries per page beside the
baseline size, whether the p95 target is met and whether the query count stays the same;
writes bench/results/portfolio.json.
"""

from __future__ import annotations

from portfolio_pages import PAGES
from sized_load import Spec, main

SPEC = Spec(
    name="portfolio",
    unit="initiatives",
    pages=PAGES,
    sizes=(2_000, 20_000),
    small=(200, 2_000),
    generator=("portfolio_data.py", "generate.py", "words.py"),
    prepare="portfolio_prepare.py",
)


if __name__ == "__main__":
    main(SPEC, __doc__)
