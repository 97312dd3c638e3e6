"""The machinery of the two-size load benchmarks (``portfolio.py``, ``funding.py``,
``awards.py``; ``barriers.py`` and ``diffusion.py`` reuse parts): a small ``Spec`` says what
differs, everything else is here.

Each size is generated once into a SQLite database of its own (the spec's prepare script in
``build`` mode), cached in bench/results/<name>/ under a key of the sizes, the generator
options and a hash of the generator's source, and copied for every run (the copy is
migrated and measured in ``measure`` mode: URLs per page and SQL queries in-process). Both
copies are served by gunicorn on 127.0.0.1 and loaded by concurrent closed-loop clients, in
rounds that alternate between the sizes. Prints p50/p95, the workers' CPU time and SQL
queries per page beside the baseline size, whether the p95 target is met and whether the
query count stays the same; writes bench/results/<name>.json.
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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import loadgen
from library import _chunk, _queries_text, _ratio, _short
from server import ROOT, Workers, app_env, gunicorn, scratch_folder

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Option:
    """An extra generator option: ``--flag`` on the benchmark's command line, passed to the
    prepare script's ``build`` as ``prepare_flag`` and part of the cache key."""

    flag: str
    default: int
    help: str = ""
    prepare_flag: str = ""

    @property
    def dest(self) -> str:
        return self.flag.lstrip("-").replace("-", "_")


@dataclass(frozen=True)
class Spec:
    name: str  # "funding": results/funding.json, results/funding/, the scratch prefix
    unit: str  # what the sizes count ("applications"): --<unit>, --baseline-<unit>
    pages: dict  # {page name: anything}; the prepare script knows what each is
    sizes: tuple[int, int] = (0, 0)  # baseline, full
    small: tuple[int, int] = (0, 0)  # with --small
    generator: tuple[str, ...] = ()  # files in bench/ whose source keys the cache
    prepare: str = ""  # the script in bench/ that builds and measures one database
    options: tuple[Option, ...] = ()  # extra generator options
    orgs: int = 200  # organisations, both sizes
    describe: str = "{orgs} organisations"  # the size header, formatted with the arguments
    page_width: int = 32  # the summary's page column
    build_options: Callable | None = None  # (args, n) -> more build options, after the rest

    @property
    def cache(self) -> Path:
        return HERE / "results" / self.name


def arguments(spec: Spec, description: str) -> argparse.Namespace:
    unit, (base, full), (small_base, small_full) = spec.unit, spec.sizes, spec.small
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(f"--{unit}", type=int, default=full, help="full size")
    parser.add_argument(f"--baseline-{unit}", type=int, default=base)
    for option in spec.options:
        parser.add_argument(option.flag, type=int, default=option.default, help=option.help)
    parser.add_argument("--orgs", type=int, default=spec.orgs, help="organisations (both sizes)")
    small = f"{small_base:,} and {small_full:,} {unit}"
    parser.add_argument("--small", action="store_true", help=small)
    parser.add_argument("--clients", type=int, default=10, help="concurrent clients")
    parser.add_argument("--requests", type=int, default=200, help="measured requests per page")
    parser.add_argument("--warmup", type=int, default=40, help="unmeasured requests per page first")
    parser.add_argument("--rounds", type=int, default=2, help="alternations baseline/full")
    parser.add_argument("--max-seconds", type=float, default=120, help="time cap per page/size")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--target-ms", type=float, default=200, help="p95 target, full size")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=HERE / "results" / f"{spec.name}.json")
    parser.add_argument("--keep", action="store_true", help="keep the temporary copies")
    args = parser.parse_args()
    if args.small:
        setattr(args, f"baseline_{unit}", small_base)
        setattr(args, unit, small_full)
    return args


def _run(spec: Spec, mode: str, env: dict, out: Path, *extra: str) -> dict:
    command = [sys.executable, str(HERE / spec.prepare), mode, "--out", str(out), *extra]
    subprocess.run(command, env=env, cwd=ROOT, check=True)
    return json.loads(out.read_text(encoding="utf-8"))


def _cached(spec: Spec, args, n: int, scratch: Path) -> Path:
    """The generated database of this size: built once per generator version, reused."""
    digest = hashlib.sha256(b"".join((HERE / name).read_bytes() for name in spec.generator))
    key = [args.orgs, *(getattr(args, o.dest) for o in spec.options), n]
    folder = spec.cache / f"{'-'.join(map(str, key))}-s{args.seed}-{digest.hexdigest()[:10]}"
    database = folder / "proeftuin.sqlite3"
    if not database.exists():
        print(f"  generating {n} {spec.unit} into {folder.name} (cached)", flush=True)
        shutil.rmtree(folder, ignore_errors=True)
        env = app_env(folder, scratch / "static", scratch)
        options = [f"--{spec.unit}", str(n), "--orgs", str(args.orgs)]
        for option in spec.options:
            options += [option.prepare_flag or option.flag, str(getattr(args, option.dest))]
        options += ["--seed", str(args.seed)]
        options += spec.build_options(args, n) if spec.build_options else []
        _run(spec, "build", env, scratch / f"build-{n}.json", *options)
    return database


def _prepare(spec: Spec, args, label: str, n: int, scratch: Path) -> tuple[dict, dict]:
    print(f"\n[{label}] {n} {spec.unit}, {spec.describe.format(**vars(args))}", flush=True)
    source = _cached(spec, args, n, scratch)
    env = app_env(scratch / label, scratch / "static", scratch)
    (scratch / label).mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, scratch / label / "proeftuin.sqlite3")
    prep = _run(spec, "measure", env, scratch / f"{label}.json", "--seed", str(args.seed))
    return prep, env


def load(spec: Spec, args, servers: dict, pages: dict) -> dict:
    """Warm up, then measure in rounds that alternate between the sizes, so that other load
    on the machine falls on both alike."""
    for label, server in servers.items():
        for name in spec.pages:  # every page, as a server that has been running a while
            urls = pages[label][name][:20]
            loadgen.run(server.port, urls, args.clients, args.warmup, args.max_seconds)
    totals = {
        (label, name): {"samples": loadgen.Samples(), "cpu": 0.0, "client_cpu": 0.0,
                        "other_cpu": 0.0}
        for label in servers for name in spec.pages
    }  # fmt: skip
    for round_ in range(args.rounds):
        order = list(servers) if round_ % 2 == 0 else list(servers)[::-1]
        for name in spec.pages:
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


def serve_and_load(spec: Spec, args, scratch: Path, workers: Workers, sizes: dict, envs: dict):
    """Serve every prepared size with gunicorn, load them, add ``http`` to each size."""
    pages = {label: prep.pop("pages") for label, prep in sizes.items()}
    print(f"\nserving both with gunicorn ({workers})", flush=True)
    with contextlib.ExitStack() as stack:
        servers = {
            label: stack.enter_context(gunicorn(env, workers, scratch / f"{label}.log"))
            for label, env in envs.items()
        }
        http = load(spec, args, servers, pages)
    for label, prep in sizes.items():
        prep["http"] = http[label]
    return sizes


def measure(spec: Spec, args, scratch: Path, workers: Workers) -> dict:
    sizes, envs = {}, {}
    counts = (getattr(args, f"baseline_{spec.unit}"), getattr(args, spec.unit))
    for label, n in zip(("baseline", "full"), counts, strict=True):
        sizes[label], envs[label] = _prepare(spec, args, label, n, scratch)
    return serve_and_load(spec, args, scratch, workers, sizes, envs)


def verdicts(spec: Spec, args, base: dict, full: dict) -> dict:
    found = {}
    for name in spec.pages:
        f_http, b_http = full["http"][name], base["http"][name]
        found[name] = {
            "p95_ratio_full_over_baseline": _ratio(f_http["p95_ms"], b_http["p95_ms"]),
            "p95_target_met": bool(f_http["p95_ms"]) and f_http["p95_ms"] <= args.target_ms,
            "queries_constant": full["queries"][name]["queries_max"]
            <= base["queries"][name]["queries_max"],
            "all_ok": f_http["ok"] == f_http["requests"] and not f_http["errors"],
        }
    return found


def print_summary(spec: Spec, args, sizes: dict, verdicts: dict, workers: Workers) -> None:
    print(f"\n== Summary: {args.clients} concurrent clients, gunicorn {workers}, "
          f"{os.cpu_count()} cores, {args.orgs} organisations ==")  # fmt: skip
    line = f"{{:{spec.page_width}}} {{:>{len(spec.unit)}}} {{:>8}} {{:>7}} {{:>7}} {{:>7}} "
    line += "{:>8} {:>9}"
    print(line.format("page", spec.unit, "requests", "p50 ms", "p95 ms", "CPU ms",
                      "queries", "1-client"))  # fmt: skip
    for name in spec.pages:
        for size in sizes.values():
            r, q = size["http"][name], size["queries"][name]
            print(line.format(name, size[spec.unit], r["requests"], r["p50_ms"], r["p95_ms"],
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
    for name in spec.pages:
        for query in sizes["full"]["queries"][name]["slowest_queries"][:2]:
            print(f"  {name:32} {query['mean_ms']:6.1f} ms x{query['per_request']:g} "
                  f"{_short(query['sql'], 100)}")  # fmt: skip


def write(spec: Spec, args, sizes: dict, found: dict, started: float, **extra) -> None:
    result = {
        "benchmark": spec.name,
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "seconds": round(time.perf_counter() - started, 1),
        "config": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
        "sizes": sizes,
        "verdicts": found,
        **extra,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"\nwrote {args.out}")


def run(spec: Spec, args, note: str = "") -> None:
    """Measure both sizes, print the summary (after ``note``), write the JSON."""
    workers = Workers("sync", args.workers, 1)
    started = time.perf_counter()
    with scratch_folder(f"proeftuin-bench-{spec.name}-", args.keep) as scratch:
        sizes = measure(spec, args, scratch, workers)
    found = verdicts(spec, args, sizes["baseline"], sizes["full"])
    if note:
        print(note)
    print_summary(spec, args, sizes, found, workers)
    write(spec, args, sizes, found, started)


def main(spec: Spec, doc: str) -> None:
    run(spec, arguments(spec, doc.split("\n\n")[0]))
