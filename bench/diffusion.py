"""Benchmark: adopter matches ("Wie heeft hier ook iets aan?") under load, at two sizes.

    .venv/bin/python bench/diffusion.py            # 2,000 organisations, 50,000 initiatives,
                                                   # 20,000 adoptions; baseline a tenth of that
    .venv/bin/python bench/diffusion.py --small    # 200 / 5,000 / 2,000 and a tenth: quick

Each size is generated once into a SQLite database of its own (``diffusion_prepare.py``:
the portfolio generator plus adoptions), cached in bench/results/diffusion/ and copied for
every run. Both are served by gunicorn and loaded by concurrent closed-loop clients in
rounds that alternate between the sizes, exactly as ``portfolio.py`` does (the load,
verdict and summary code of ``sized_load.py`` is reused with this benchmark's pages). The
page: the matches of the most adopted innovations (signed in as a member, who sees more
than the public). Prints p50/p95 beside the baseline, whether p95 <= the target and
whether the SQL queries per page stay the same; writes bench/results/diffusion.json. Hook
for more pages (the lineage page of the most adopted innovation):
``diffusion_prepare._pages``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import sized_load
from diffusion_prepare import _pages
from server import ROOT, Workers, app_env, scratch_folder

HERE = Path(__file__).resolve().parent
CACHE = HERE / "results" / "diffusion"
GENERATOR = ("diffusion_prepare.py", "portfolio_data.py", "generate.py", "words.py")
# the shared load and summary loop over these pages
SPEC = sized_load.Spec(name="diffusion", unit="initiatives", pages=dict.fromkeys(_pages()))


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orgs", type=int, default=2_000)
    parser.add_argument("--initiatives", type=int, default=50_000)
    parser.add_argument("--adoptions", type=int, default=20_000)
    parser.add_argument("--small", action="store_true", help="200/5,000/2,000 and a tenth")
    parser.add_argument("--clients", type=int, default=10, help="concurrent clients")
    parser.add_argument("--requests", type=int, default=100, help="measured requests per page")
    parser.add_argument("--warmup", type=int, default=20, help="unmeasured requests first")
    parser.add_argument("--rounds", type=int, default=2, help="alternations baseline/full")
    parser.add_argument("--max-seconds", type=float, default=120, help="time cap per page/size")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--target-ms", type=float, default=300, help="p95 target, full size")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=HERE / "results" / "diffusion.json")
    parser.add_argument("--keep", action="store_true", help="keep the temporary copies")
    args = parser.parse_args()
    if args.small:
        args.orgs, args.initiatives, args.adoptions = 200, 5_000, 2_000
    return args


def _sizes(args) -> dict:
    full = (args.orgs, args.initiatives, args.adoptions)
    return {"baseline": tuple(max(1, n // 10) for n in full), "full": full}


def _cached(args, size: tuple, scratch: Path) -> Path:
    """The generated database of this size: built once per generator version, reused."""
    digest = hashlib.sha256(b"".join((HERE / name).read_bytes() for name in GENERATOR))
    orgs, initiatives, adoptions = size
    folder = CACHE / f"{orgs}-{initiatives}-{adoptions}-s{args.seed}-{digest.hexdigest()[:10]}"
    database = folder / "proeftuin.sqlite3"
    if not database.exists():
        print(f"  generating {size} into {folder.name} (cached)", flush=True)
        shutil.rmtree(folder, ignore_errors=True)
        env = app_env(folder, scratch / "static", scratch)
        options = ["--orgs", str(orgs), "--initiatives", str(initiatives)]
        options += ["--adoptions", str(adoptions), "--seed", str(args.seed)]
        _run("build", env, scratch / f"build-{initiatives}.json", *options)
    return database


def _run(mode: str, env: dict, out: Path, *extra: str) -> dict:
    command = [sys.executable, str(HERE / "diffusion_prepare.py"), mode, "--out", str(out)]
    subprocess.run([*command, *extra], env=env, cwd=ROOT, check=True)
    return json.loads(out.read_text(encoding="utf-8"))


def _measure(args, scratch: Path, workers: Workers) -> dict:
    sizes, envs = {}, {}
    for label, size in _sizes(args).items():
        print(f"\n[{label}] organisations, initiatives, adoptions: {size}", flush=True)
        source = _cached(args, size, scratch)
        envs[label] = app_env(scratch / label, scratch / "static", scratch)
        (scratch / label).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, scratch / label / "proeftuin.sqlite3")
        sizes[label] = _run(
            "measure", envs[label], scratch / f"{label}.json", "--seed", str(args.seed)
        )
    return sized_load.serve_and_load(SPEC, args, scratch, workers, sizes, envs)


def main() -> None:
    args = _args()
    workers = Workers("sync", args.workers, 1)
    started = time.perf_counter()
    with scratch_folder("proeftuin-bench-diffusion-", args.keep) as scratch:
        sizes = _measure(args, scratch, workers)
    verdicts = sized_load.verdicts(SPEC, args, sizes["baseline"], sizes["full"])
    sized_load.print_summary(SPEC, args, sizes, verdicts, workers)
    for label, size in sizes.items():
        top = size["most_adopted"]
        print(f"{label}: {size['adoptions']} adoptions; most adopted innovation "
              f"{top['slug']} ({top['adoptions']} adoptions)")  # fmt: skip
    sized_load.write(SPEC, args, sizes, verdicts, started)


if __name__ == "__main__":
    main()
