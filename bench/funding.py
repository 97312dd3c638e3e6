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

import argparse
import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import loadgen
from funding_pages import PAGES
from library import _chunk, _queries_text, _ratio, _short
from server import ROOT, Workers, app_env, gunicorn, scratch_folder

HERE = Path(__file__).resolve().parent
CACHE = HERE / "results" / "funding"
GENERATOR = ("funding_data.py", "generate.py", "words.py")


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--applications", type=int, default=10_000, help="full size")
    parser.add_argument("--baseline-applications", type=int, default=1_000)
    parser.add_argument("--funding-rounds", type=int, default=50, help="both sizes")
    parser.add_argument("--orgs", type=int, default=200, help="organisations (both sizes)")
    parser.add_argument("--small", action="store_true", help="200 and 1,000 applications")
    parser.add_argument("--clients", type=int, default=10, help="concurrent clients")
    parser.add_argument("--requests", type=int, default=200, help="measured requests per page")
    parser.add_argument("--warmup", type=int, default=40, help="unmeasured requests first")
    parser.add_argument("--rounds", type=int, default=2, help="alternations baseline/full")
    parser.add_argument("--max-seconds", type=float, default=120, help="time cap per page/size")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--target-ms", type=float, default=200, help="p95 target, full size")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=HERE / "results" / "funding.json")
    parser.add_argument("--keep", action="store_true", help="keep the temporary copies")
    args = parser.parse_args()
    if args.small:
        args.baseline_applications, args.applications = 200, 1_000
    return args


def _run(mode: str, env: dict, out: Path, *extra: str) -> dict:
    command = [sys.executable, str(HERE / "funding_prepare.py"), mode, "--out", str(out), *extra]
    subprocess.run(command, env=env, cwd=ROOT, check=True)
    return json.loads(out.read_text(encoding="utf-8"))


def _cached(args, applications: int, scratch: Path) -> Path:
    """The generated database of this size: built once per generator version, reused."""
    digest = hashlib.sha256(b"".join((HERE / name).read_bytes() for name in GENERATOR))
    folder = (
        CACHE
        / f"{args.orgs}-{args.funding_rounds}-{applications}-s{args.seed}-{digest.hexdigest()[:10]}"
    )
    database = folder / "proeftuin.sqlite3"
    if not database.exists():
        print(f"  generating {applications} applications into {folder.name} (cached)", flush=True)
        shutil.rmtree(folder, ignore_errors=True)
        env = app_env(folder, scratch / "static", scratch)
        options = ["--applications", str(applications), "--orgs", str(args.orgs)]
        options += ["--rounds", str(args.funding_rounds)]
        _run(
            "build", env, scratch / f"build-{applications}.json", *options, "--seed", str(args.seed)
        )
    return database


def _prepare(args, label: str, applications: int, scratch: Path) -> tuple[dict, dict]:
    print(f"\n[{label}] {applications} applications, {args.funding_rounds} rounds", flush=True)
    source = _cached(args, applications, scratch)
    env = app_env(scratch / label, scratch / "static", scratch)
    (scratch / label).mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, scratch / label / "proeftuin.sqlite3")
    prep = _run("measure", env, scratch / f"{label}.json", "--seed", str(args.seed))
    return prep, env


def _load(args, servers: dict, pages: dict) -> dict:
    for label, server in servers.items():
        urls = [item for name in PAGES for item in pages[label][name][:20]]
        loadgen.run(server.port, urls, args.clients, args.warmup, args.max_seconds)
    totals = {
        (label, name): {"samples": loadgen.Samples(), "cpu": 0.0, "client_cpu": 0.0,
                        "other_cpu": 0.0}
        for label in servers for name in PAGES
    }  # fmt: skip
    for round_ in range(args.rounds):
        order = list(servers) if round_ % 2 == 0 else list(servers)[::-1]
        for name in PAGES:
            for label in order:
                urls = [(url, headers) for url, headers in pages[label][name]]
                _chunk(args, servers[label], urls, totals[label, name])
        print(f"  round {round_ + 1}/{args.rounds} done", flush=True)
    results: dict = {label: {} for label in servers}
    for (label, name), total in totals.items():
        r = results[label][name] = loadgen.summarise(total["samples"])
        if r["requests"] and total["cpu"]:
            r["server_cpu_ms_per_request"] = round(total["cpu"] * 1000 / r["requests"], 1)
        if r["seconds"]:
            r["other_processes_cpu_cores"] = round(max(total["other_cpu"], 0) / r["seconds"], 2)
    return results


def _measure(args, scratch: Path, workers: Workers) -> dict:
    sizes, envs = {}, {}
    for label, n in (("baseline", args.baseline_applications), ("full", args.applications)):
        sizes[label], envs[label] = _prepare(args, label, n, scratch)
    pages = {label: prep.pop("pages") for label, prep in sizes.items()}
    print(f"\nserving both with gunicorn ({workers})", flush=True)
    with contextlib.ExitStack() as stack:
        servers = {
            label: stack.enter_context(gunicorn(env, workers, scratch / f"{label}.log"))
            for label, env in envs.items()
        }
        http = _load(args, servers, pages)
    for label, prep in sizes.items():
        prep["http"] = http[label]
    return sizes


def _verdicts(args, base: dict, full: dict) -> dict:
    verdicts = {}
    for name in PAGES:
        f_http, b_http = full["http"][name], base["http"][name]
        verdicts[name] = {
            "p95_ratio_full_over_baseline": _ratio(f_http["p95_ms"], b_http["p95_ms"]),
            "p95_target_met": bool(f_http["p95_ms"]) and f_http["p95_ms"] <= args.target_ms,
            "queries_constant": full["queries"][name]["queries_max"]
            <= base["queries"][name]["queries_max"],
            "all_ok": f_http["ok"] == f_http["requests"] and not f_http["errors"],
        }
    return verdicts


def _print_summary(args, sizes: dict, verdicts: dict, workers: Workers) -> None:
    print(f"\n== Summary: {args.clients} concurrent clients, gunicorn {workers}, "
          f"{os.cpu_count()} cores, {args.orgs} organisations ==")  # fmt: skip
    line = "{:30} {:>12} {:>8} {:>7} {:>7} {:>7} {:>8} {:>9}"
    print(line.format("page", "applications", "requests", "p50 ms", "p95 ms", "CPU ms",
                      "queries", "1-client"))  # fmt: skip
    for name in PAGES:
        for size in sizes.values():
            r, q = size["http"][name], size["queries"][name]
            print(line.format(name, size["applications"], r["requests"], r["p50_ms"], r["p95_ms"],
                              r.get("server_cpu_ms_per_request", "-"), _queries_text(q),
                              q["single_client_ms_p50"]))  # fmt: skip
    print("(CPU ms: gunicorn workers' CPU time per request; 1-client: in-process, one client, ms)")
    for name, v in verdicts.items():
        print(f"{name:32} p95 ratio {v['p95_ratio_full_over_baseline']}x; p95 target <= "
              f"{args.target_ms:g} ms: {'met' if v['p95_target_met'] else 'MISSED'}; queries "
              f"constant: {'yes' if v['queries_constant'] else 'NO'}"
              f"{'' if v['all_ok'] else '; NOT ALL REQUESTS OK'}")  # fmt: skip
    other = [r.get("other_processes_cpu_cores", 0) for s in sizes.values()
             for r in s["http"].values()]  # fmt: skip
    print(f"other processes used {min(other)}-{max(other)} of the {os.cpu_count()} cores "
          "while measuring (noise; 0 on a quiet machine)")  # fmt: skip
    print("\nSlowest SQL at full size (one client, run on its own):")
    for name in PAGES:
        for query in sizes["full"]["queries"][name]["slowest_queries"][:2]:
            print(f"  {name:32} {query['mean_ms']:6.1f} ms x{query['per_request']:g} "
                  f"{_short(query['sql'], 100)}")  # fmt: skip


def main() -> None:
    args = _args()
    workers = Workers("sync", args.workers, 1)
    started = time.perf_counter()
    with scratch_folder("proeftuin-bench-funding-", args.keep) as scratch:
        sizes = _measure(args, scratch, workers)
    verdicts = _verdicts(args, sizes["baseline"], sizes["full"])
    _print_summary(args, sizes, verdicts, workers)
    result = {
        "benchmark": "funding",
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "seconds": round(time.perf_counter() - started, 1),
        "config": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
        "sizes": sizes,
        "verdicts": verdicts,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"\nwrote {args.out}")


if __name__ == "__main__":
    main()
