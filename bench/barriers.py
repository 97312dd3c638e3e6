"""Benchmark: the barrier heatmap (and the register's list and authority report) under
load, beside a baseline at a tenth of the size, in the same run.

    .venv/bin/python bench/barriers.py          # 2,000 organisations, 10,000 barriers
    .venv/bin/python bench/barriers.py --small  # 200 organisations, 1,000 barriers: quick

Each size (organisations, initiatives and barriers; the baseline a tenth of each) is
generated once (``barriers_data.py``), cached in bench/results/barriers/ and copied for
every run; both copies are served by gunicorn and loaded by ``--clients`` concurrent
closed-loop clients in rounds that alternate between the sizes. The machinery is the
portfolio benchmark's (``sized_load.py``) with this register's pages, generator and
preparation; prints p50/p95, CPU and SQL queries per page at both sizes, whether p95 meets
the target (300 ms) and whether the query count stays the same; writes
bench/results/barriers.json."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import barriers_pages
from sized_load import Spec, run

HERE = Path(__file__).resolve().parent


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orgs", type=int, default=2_000)
    parser.add_argument("--initiatives", type=int, default=10_000)
    parser.add_argument("--barriers", type=int, default=10_000)
    parser.add_argument("--small", action="store_true", help="a tenth of the full size")
    parser.add_argument("--clients", type=int, default=10, help="concurrent clients")
    parser.add_argument("--requests", type=int, default=200, help="measured requests per page")
    parser.add_argument("--warmup", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--max-seconds", type=float, default=120)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--target-ms", type=float, default=300, help="p95 target, full size")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=HERE / "results" / "barriers.json")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    if args.small:
        args.orgs, args.initiatives, args.barriers = 200, 1_000, 1_000
    # sized_load reads the sizes from these two names
    args.initiatives_full, args.baseline_initiatives = args.initiatives, args.initiatives // 10
    return args


def _sizes(args) -> dict[int, list[str]]:
    """Per size (keyed by its initiatives): the generator's options."""
    full = ["--orgs", str(args.orgs), "--barriers", str(args.barriers)]
    base = ["--orgs", str(max(args.orgs // 10, 10)), "--barriers", str(args.barriers // 10)]
    return {args.initiatives_full: full, args.baseline_initiatives: base}


def _spec(args) -> Spec:
    """The shared machinery of the two-size benchmarks with this register's pages, cache and
    preparation; each size's generator options are added after the portfolio's (last one
    wins)."""
    sizes = _sizes(args)
    return Spec(
        name="barriers",
        unit="initiatives",
        pages=barriers_pages.PAGES,
        generator=("barriers_data.py", "portfolio_data.py", "generate.py", "words.py"),
        prepare="barriers_prepare.py",
        build_options=lambda args, n: sizes[n],
    )


def main() -> None:
    args = _args()
    args.initiatives = args.initiatives_full
    run(_spec(args), args, note="\n(the size column counts barriers)")


if __name__ == "__main__":
    main()
