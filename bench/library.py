"""Benchmark: the case library page (two facets applied) and the case page under load.

    .venv/bin/python bench/library.py [--cases 10000 --orgs 500 --clients 10 --requests 400]

Builds two throw-away SQLite libraries with the same generator: a small baseline (200
cases) and the full size. Each is served by gunicorn on 127.0.0.1 and loaded by concurrent
closed-loop clients. Prints p50/p95 latency, throughput and SQL queries per page, the p95
ratio full/baseline and whether the p95 target is met; writes bench/results/library.json.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import loadgen
from server import (
    ROOT,
    Server,
    Workers,
    app_env,
    gunicorn,
    machine_busy_seconds,
    scratch_folder,
    vendor_stubbed,
)

HERE = Path(__file__).resolve().parent
KINDS = ("library", "case")


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=10_000, help="cases in the full library")
    parser.add_argument("--orgs", type=int, default=500, help="organisations (both libraries)")
    parser.add_argument("--baseline-cases", type=int, default=200, help="cases in the baseline")
    parser.add_argument("--clients", type=int, default=10, help="concurrent clients")
    parser.add_argument("--requests", type=int, default=400, help="measured requests per page")
    parser.add_argument("--warmup", type=int, default=60, help="unmeasured requests first")
    parser.add_argument("--rounds", type=int, default=4, help="alternations baseline/full")
    parser.add_argument("--max-seconds", type=float, default=180, help="time cap per page/size")
    parser.add_argument("--worker-class", choices=["sync", "gthread"], default="sync")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--threads", type=int, default=1, help="threads per gthread worker")
    parser.add_argument("--facets", default="layer,theme", help="the two facets applied")
    parser.add_argument("--target-ms", type=float, default=150, help="p95 target, full size")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=HERE / "results" / "library.json")
    parser.add_argument("--keep", action="store_true", help="keep the temporary databases")
    parser.add_argument(
        "--no-fragment-cache",
        action="store_true",
        help="serve with a dummy cache: every request renders everything (cold pages)",
    )
    return parser.parse_args()


def _prepare(args, label: str, cases: int, env: dict, scratch: Path) -> dict:
    out = scratch / f"{label}.json"
    command = [
        sys.executable, str(HERE / "prepare.py"),
        "--cases", str(cases), "--orgs", str(args.orgs), "--seed", str(args.seed),
        "--facets", args.facets, "--out", str(out),
    ]  # fmt: skip
    subprocess.run(command, env=env, cwd=ROOT, check=True)
    return json.loads(out.read_text(encoding="utf-8"))


def _interleave(pages: dict[str, list[str]]) -> list[str]:
    return [url for pair in zip(*(pages[k] for k in KINDS), strict=False) for url in pair]


def _cpu() -> tuple:
    return time.process_time(), machine_busy_seconds()


def _chunk(args, server: Server, urls: list[str], total: dict) -> None:
    """One measured chunk of requests, added to ``total``: the samples, the CPU time of the
    gunicorn workers and the CPU time other processes took meanwhile (not ours: noise)."""
    requests = -(-args.requests // args.rounds)
    before, workers_before = _cpu(), server.cpu_seconds()
    samples = loadgen.run(server.port, urls, args.clients, requests, args.max_seconds / args.rounds)
    after, workers_after = _cpu(), server.cpu_seconds()
    total["samples"].extend(samples)
    if None not in (workers_before, workers_after, before[1], after[1]):
        workers = workers_after - workers_before
        total["cpu"] += workers
        total["client_cpu"] += after[0] - before[0]
        total["other_cpu"] += (after[1] - before[1]) - workers - (after[0] - before[0])


def _load(args, servers: dict[str, Server], pages: dict[str, dict]) -> dict[str, dict]:
    """Warm up, then measure in rounds that alternate between the libraries, so that other
    load on the machine falls on the baseline and the full size alike."""
    for label, server in servers.items():
        urls = _interleave(pages[label])
        loadgen.run(server.port, urls, args.clients, args.warmup, args.max_seconds)
    totals = {
        (label, kind): {
            "samples": loadgen.Samples(),
            "cpu": 0.0,
            "client_cpu": 0.0,
            "other_cpu": 0.0,
        }
        for label in servers
        for kind in KINDS
    }
    for round_ in range(args.rounds):
        order = list(servers) if round_ % 2 == 0 else list(servers)[::-1]
        for kind in KINDS:
            for label in order:
                _chunk(args, servers[label], pages[label][kind], totals[label, kind])
        print(f"  round {round_ + 1}/{args.rounds} done", flush=True)
    results: dict[str, dict] = {label: {} for label in servers}
    for (label, kind), total in totals.items():
        r = results[label][kind] = loadgen.summarise(total["samples"])
        if r["requests"] and total["cpu"]:
            r["server_cpu_ms_per_request"] = round(total["cpu"] * 1000 / r["requests"], 1)
            r["client_cpu_ms_per_request"] = round(total["client_cpu"] * 1000 / r["requests"], 1)
        if r["seconds"]:
            r["other_processes_cpu_cores"] = round(max(total["other_cpu"], 0) / r["seconds"], 2)
    return results


def _measure(args, scratch: Path, workers: Workers) -> dict[str, dict]:
    sizes, envs = {}, {}
    for label, cases in (("baseline", args.baseline_cases), ("full", args.cases)):
        print(f"\n[{label}] {cases} cases, {args.orgs} organisations", flush=True)
        envs[label] = app_env(scratch / label, scratch / "static", scratch)
        sizes[label] = _prepare(args, label, cases, envs[label], scratch)
    pages = {label: prep.pop("pages") for label, prep in sizes.items()}
    if args.no_fragment_cache:
        for env in envs.values():
            env["CACHE_URL"] = "dummycache://"
    cache = "off" if args.no_fragment_cache else "on"
    print(f"\nserving both with gunicorn ({workers}), fragment cache {cache}", flush=True)
    with contextlib.ExitStack() as stack:
        servers = {
            label: stack.enter_context(gunicorn(env, workers, scratch / f"{label}.log"))
            for label, env in envs.items()
        }
        http = _load(args, servers, pages)
    for label, prep in sizes.items():
        prep["distinct_urls"] = {kind: len(urls) for kind, urls in pages[label].items()}
        prep["http"] = http[label]
        prep["vendor_files_stubbed"] = vendor_stubbed(envs[label])
    return sizes


def _ratio(full: float | None, base: float | None) -> float | None:
    return round(full / base, 2) if full and base else None


def _verdicts(args, base: dict, full: dict) -> dict:
    verdicts = {}
    for kind in KINDS:
        f_http, b_http = full["http"][kind], base["http"][kind]
        f_q, b_q = full["queries"][kind], base["queries"][kind]
        verdicts[kind] = {
            "p95_ratio_full_over_baseline": _ratio(f_http["p95_ms"], b_http["p95_ms"]),
            "cpu_ratio_full_over_baseline": _ratio(
                f_http.get("server_cpu_ms_per_request"), b_http.get("server_cpu_ms_per_request")
            ),
            "p50_ratio_full_over_baseline": _ratio(f_http["p50_ms"], b_http["p50_ms"]),
            "p95_target_ms": args.target_ms,
            "p95_target_met": bool(f_http["p95_ms"]) and f_http["p95_ms"] <= args.target_ms,
            "queries_constant": f_q["queries_max"] <= b_q["queries_max"],
            "all_ok": f_http["ok"] == f_http["requests"] and not f_http["errors"],
        }
    return verdicts


def _queries_text(q: dict) -> str:
    lo, hi = q["queries_min"], q["queries_max"]
    return str(lo) if lo == hi else f"{lo}-{hi}"


def _collapse_subqueries(sql: str) -> str:
    parts, start = [], 0
    while (open_at := sql.find("(SELECT", start)) != -1:
        depth, end = 0, open_at
        for end in range(open_at, len(sql)):
            depth += {"(": 1, ")": -1}.get(sql[end], 0)
            if depth == 0:
                break
        parts += [sql[start:open_at], "(subquery)"]
        start = end + 1
    return "".join([*parts, sql[start:]])


def _short(sql: str, width: int = 150) -> str:
    """A one-line digest of a query: no quotes or table prefixes, subqueries and long column
    lists elided, ``IN (%s, %s, ...)`` counted."""
    sql = _collapse_subqueries(re.sub(r'"\w+"\.', "", sql).replace('"', ""))
    sql = re.sub(r"IN \((?:%s, )*%s\)", lambda m: f"IN ({m[0].count('%s')} values)", sql)
    columns = re.match(r"SELECT (.*?) FROM ", sql)
    if columns and len(columns[1]) > 60:
        sql = "SELECT … " + sql[columns.end(1) + 1 :]
    return sql if len(sql) <= width else sql[: width - 1] + "…"


def _print_summary(args, sizes: dict, verdicts: dict, workers: Workers) -> None:
    print(
        f"\n== Summary: {args.clients} concurrent clients, gunicorn {workers}, "
        f"{os.cpu_count()} cores =="
    )
    line = "{:8} {:>6} {:>8} {:>7} {:>7} {:>7} {:>6} {:>8} {:>8} {:>9}"
    print(line.format("page", "cases", "requests", "p50 ms", "p95 ms", "mean ms", "req/s",
                      "CPU ms", "queries", "1-client"))  # fmt: skip
    for kind in KINDS:
        for size in sizes.values():
            r, q = size["http"][kind], size["queries"][kind]
            cpu = r.get("server_cpu_ms_per_request", "-")
            print(line.format(kind, size["cases"], r["requests"], r["p50_ms"], r["p95_ms"],
                              r["mean_ms"], r["throughput_rps"], cpu, _queries_text(q),
                              q["single_client_ms_p50"]))  # fmt: skip
    print("(CPU ms: gunicorn workers' CPU time per request; 1-client: in-process, one client, ms)")
    base, full = sizes["baseline"], sizes["full"]
    for kind, v in verdicts.items():
        print(
            f"{kind:8} p95 ratio {full['cases']}/{base['cases']} cases: "
            f"{v['p95_ratio_full_over_baseline']}x (p50 {v['p50_ratio_full_over_baseline']}x, "
            f"CPU {v['cpu_ratio_full_over_baseline']}x); "
            f"p95 target <= {args.target_ms:g} ms: {'met' if v['p95_target_met'] else 'MISSED'};"
            f" queries constant: {'yes' if v['queries_constant'] else 'NO'}"
            f"{'' if v['all_ok'] else '; NOT ALL REQUESTS OK'}"
        )
    other = [size["http"][k].get("other_processes_cpu_cores", 0) for size in sizes.values()
             for k in KINDS]  # fmt: skip
    print(f"other processes on the machine used {min(other)}-{max(other)} of the "
          f"{os.cpu_count()} cores while measuring (noise; 0 on a quiet machine)")  # fmt: skip
    library = full["queries"]["library"]
    print("\nSlowest SQL on the library page at full size (one client, run on its own):")
    for query in library["slowest_queries"][:3]:
        print(
            f"  {query['mean_ms']:7.1f} ms x{query['per_request']:g}  "
            f"{query['share_of_sql']:.0%} of SQL  {_short(query['sql'])}"
        )
    print(
        f"  SQL {library['sql_ms_per_request']} ms per request; the whole request "
        f"{library['single_client_ms_p50']} ms (p50, one client, in-process)"
    )


def main() -> None:
    args = _args()
    workers = Workers(args.worker_class, args.workers, args.threads)
    started = time.perf_counter()
    with scratch_folder("proeftuin-bench-", args.keep) as scratch:
        sizes = _measure(args, scratch, workers)
    verdicts = _verdicts(args, sizes["baseline"], sizes["full"])
    _print_summary(args, sizes, verdicts, workers)
    result = {
        "benchmark": "library",
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "seconds": round(time.perf_counter() - started, 1),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version,
            "platform": platform.platform(),
        },
        "config": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
        "server": {"kind": workers.kind, "workers": workers.workers, "threads": workers.threads},
        "sizes": sizes,
        "verdicts": verdicts,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"\nwrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")


if __name__ == "__main__":
    main()
