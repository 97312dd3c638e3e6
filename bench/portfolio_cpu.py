"""CPU per request of the portfolio pages, in-process (no HTTP server, one client).

Copies a database built by ``portfolio.py`` (``bench/results/portfolio/<size>/``), serves
the pages of ``portfolio_pages.PAGES`` to Django's test client with production settings and
the file cache, and reports the process CPU time per request (median and p95) and the SQL
queries per request. The gunicorn benchmark's "CPU ms/request" is the same work plus HTTP
and WSGI; this one is steadier on a shared machine and can profile one page::

    .venv/bin/python bench/portfolio_cpu.py --requests 200
    .venv/bin/python bench/portfolio_cpu.py --pages "list (member)" --profile 50

Per page: one untimed request (templates, translations: once per process), then every URL
once with the shared cache emptied before each ("cold": a page nobody asked for since the
last write), then ``--requests`` requests cycling through the URLs ("warm").
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# this checkout's code, not the one the virtualenv's editable install points at
sys.path[:0] = [str(HERE.parent), str(HERE)]


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--initiatives", type=int, default=20_000)
    parser.add_argument("--orgs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database", type=Path, help="a built database (default: the cache)")
    parser.add_argument("--requests", type=int, default=200, help="timed requests per page")
    parser.add_argument("--urls", type=int, default=50, help="distinct URLs per page")
    parser.add_argument("--pages", nargs="*", help="names in PAGES (default: all)")
    parser.add_argument("--profile", type=int, default=0, help="profile N requests per page")
    parser.add_argument("--cold", action="store_true", help="profile with the cache emptied")
    parser.add_argument("--profile-dump", type=Path, help="where to write the pstats data")
    parser.add_argument("--out", type=Path)
    return parser.parse_args()


def _database(args) -> Path:
    if args.database:
        return args.database
    found = sorted((HERE / "results" / "portfolio").glob(f"{args.orgs}-{args.initiatives}-s*"))
    found = [folder / "proeftuin.sqlite3" for folder in found]
    found = [path for path in found if path.exists()]
    if not found:
        sys.exit(f"no built database of {args.initiatives} initiatives: run portfolio.py first")
    return max(found, key=lambda path: path.stat().st_mtime)


def _setup(scratch: Path, source: Path) -> None:
    from server import app_env

    data = scratch / "data"
    data.mkdir()
    shutil.copyfile(source, data / "proeftuin.sqlite3")
    os.environ.update(app_env(data, scratch / "static", scratch))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


class Counter:
    def __init__(self):
        self.n = 0

    def __call__(self, execute, sql, params, many, context):
        self.n += 1
        return execute(sql, params, many, context)


def _get(client, url: str):
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}")
    return response


def _time(client, urls: list[str], n: int, cold: bool = False) -> dict:
    """CPU ms (p50, p95, mean) and queries of ``n`` requests cycling through ``urls``;
    ``cold``: the shared cache emptied before each (untimed)."""
    from django.core.cache import cache
    from django.db import connection

    cpu, queries = [], []
    for i in range(n):
        if cold:
            cache.clear()
        counter = Counter()
        with connection.execute_wrapper(counter):
            started = time.process_time()
            _get(client, urls[i % len(urls)])
            cpu.append((time.process_time() - started) * 1000)
        queries.append(counter.n)
    cpu.sort()
    return {
        "cpu_ms_p50": round(statistics.median(cpu), 1),
        "cpu_ms_p95": round(cpu[int(0.95 * (n - 1))], 1),
        "cpu_ms_mean": round(statistics.mean(cpu), 1),
        "queries_min": min(queries),
        "queries_max": max(queries),
    }


def _profile(client, urls: list[str], n: int, dump: Path | None, cold: bool) -> None:
    from django.core.cache import cache

    if not cold:
        for url in urls:  # every URL in the cache
            _get(client, url)
    profiler = cProfile.Profile()
    for i in range(n):
        if cold:
            cache.clear()
        profiler.enable()
        _get(client, urls[i % len(urls)])
        profiler.disable()
    if dump:
        profiler.dump_stats(dump)
    stats = pstats.Stats(profiler).strip_dirs()
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(25)


def main() -> None:
    args = _args()
    source = _database(args)
    scratch = Path(tempfile.mkdtemp(prefix="portfolio-cpu-"))
    try:
        _setup(scratch, source)
        from portfolio_pages import PAGES
        from portfolio_prepare import _clients, _member

        rng = random.Random(args.seed)
        member = _member(rng)
        clients = _clients(member)
        results = {}
        print(f"{source.parent.name}; member {member.username}", flush=True)
        for name, page in PAGES.items():
            if args.pages and name not in args.pages:
                continue
            client = clients[page.who][0]
            urls = page.urls(rng, member if page.who == "member" else None, args.urls)
            _get(client, urls[-1])  # templates, translations: once per process
            if args.profile:
                print(f"\n===== {name} =====")
                _profile(client, urls, args.profile, args.profile_dump, args.cold)
                continue
            cold = _time(client, urls, len(urls), cold=True)
            for url in urls:  # every URL in the cache
                _get(client, url)
            warm = _time(client, urls, args.requests)
            results[name] = {"cold": cold, "warm": warm}
            for label, r in (("cold", cold), ("warm", warm)):
                print(
                    f"{name:32} {label} CPU ms p50 {r['cpu_ms_p50']:6.1f} "
                    f"p95 {r['cpu_ms_p95']:6.1f} mean {r['cpu_ms_mean']:6.1f} "
                    f"queries {r['queries_min']}-{r['queries_max']}",
                    flush=True,
                )
        if args.out:
            args.out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
