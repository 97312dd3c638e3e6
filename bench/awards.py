"""Benchmark: the judging pages of an award edition (``awards_pages.PAGES``) under load,
at two sizes.

    .venv/bin/python bench/awards.py          # 30 judges, 100 and 1,000 nominations
    .venv/bin/python bench/awards.py --small  # 30 judges, 20 and 100: a quick look

Issue 14: "Judging pages with 1,000 entries and 30 judges: p95 <= 200 ms". Each size is
generated once into a SQLite database of its own (``awards_data.py``: one edition during
the scoring of the written submissions, a selection committee and a jury, scorecards,
recusals and conflicts), cached in bench/results/awards/ and copied for every run; both are
served by gunicorn and loaded by concurrent closed-loop clients in rounds that alternate
between the sizes (``sized_load.py``). Prints p50/p95, the workers' CPU time and SQL queries
per page beside the baseline size, whether the p95 target is met and whether the query count
stays the same; writes bench/results/awards.json.
"""

from __future__ import annotations

from awards_pages import PAGES
from sized_load import Option, Spec, main

SPEC = Spec(
    name="awards",
    unit="nominations",
    pages=PAGES,
    sizes=(100, 1_000),
    small=(20, 100),
    generator=("awards_data.py", "generate.py", "words.py"),
    prepare="awards_prepare.py",
    options=(Option("--judges", 30, "judges in all (both panels, both sizes)"),),
    orgs=1_200,
    describe="{judges} judges",
)


if __name__ == "__main__":
    main(SPEC, __doc__)
