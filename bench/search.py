"""Benchmark: keyword, vector and hybrid search over a large synthetic corpus.

    .venv/bin/python bench/search.py                      # 100,000 cases, 1,000,000 passages
    .venv/bin/python bench/search.py --cases 2000 --passages 20000 --queries 100   # quick look
    .venv/bin/python bench/search.py --backend embedded   # or postgres; default both

Generates the corpus (Dutch words, compounds, facets, synthetic 384-dimensional vectors),
analyses it with the app's analysis, builds the embedded indexes (tantivy + the in-memory
vector index) and/or loads a scratch PostgreSQL database, and times ``engine.rank`` for
keyword, vector and hybrid queries, with two facets applied and without, against a naive
substring scan measured in the same run. Writes bench/results/search-<timestamp>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np
import search_corpus as sc
import search_embedded as se
from server import ROOT

HERE = Path(__file__).resolve().parent
MODES = ("keyword", "vector", "hybrid")
SCOPES = {"facets": True, "public": False}  # two facets applied / public cases only


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--passages", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=300, help="measured queries per mode")
    parser.add_argument("--baseline-queries", type=int, default=50, help="for the naive scans")
    parser.add_argument("--warmup", type=int, default=30, help="unmeasured queries first")
    parser.add_argument("--backend", choices=["embedded", "postgres", "both"], default="both")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1, help="analysis")
    parser.add_argument("--vector-threads", type=int, default=1, help="faiss training (app: 1)")
    parser.add_argument("--nprobe", type=int, default=16, help="as SEARCH_VECTOR_NPROBE")
    parser.add_argument("--target-ms", type=float, default=50, help="hybrid p95, embedded")
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
        help="a database to connect to for creating and dropping the scratch database",
    )
    parser.add_argument("--database", default="proeftuin_bench_search", help="scratch database")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database and index")
    parser.add_argument("--out", type=Path, default=None, help="default results/search-*.json")
    return parser.parse_args()


def _say(message: str) -> None:
    print(message, flush=True)


def _corpus(args) -> tuple[sc.Corpus, list[sc.Query], list[sc.Query], dict]:
    rng = np.random.default_rng(args.seed)
    started = time.perf_counter()
    vocabulary = sc.Vocabulary.make(rng)
    corpus = sc.cases(rng, args.cases, args.passages)
    sc.texts(corpus, vocabulary, rng)
    _say(f"  texts generated in {corpus.seconds['generate_texts']:.0f} s; analysing ...")
    sc.analyse(corpus, args.processes)
    centres = sc.centroids(rng)
    sc.vectors(corpus, centres, rng)
    queries = sc.queries(corpus, vocabulary, centres, args.queries + args.warmup, rng)
    words = [len(t.split()) for t in corpus.texts[:100_000]]
    terms = [len(t.split()) for t in corpus.terms[:100_000]]
    info = {
        "seconds": {k: round(v, 1) for k, v in corpus.seconds.items()},
        "seconds_total": round(time.perf_counter() - started, 1),
        "analysis_processes": args.processes,
        "analysed_passages_per_s_wall": round(args.passages / corpus.seconds["analyse_wall"]),
        "analysed_passages_per_s_per_core": round(args.passages / corpus.seconds["analyse_cpu"]),
        "mean_words_per_passage": round(float(np.mean(words)), 1),
        "mean_terms_per_passage": round(float(np.mean(terms)), 1),
        "public_cases_share": round(float(corpus.public[1:].mean()), 3),
        "example_passage": corpus.texts[0][:200],
        "example_queries": [q.text for q in queries[:5]],
    }
    return corpus, queries[: args.warmup], queries[args.warmup :], info


def _latencies(corpus, warmup, queries, keyword, vectors, extra_cpu=lambda: 0.0) -> dict:
    results = {}
    for scope, faceted in SCOPES.items():
        for mode in MODES:
            run = {"keyword": keyword, "vectors": vectors, "mode": mode, "faceted": faceted}
            se.latencies(corpus, warmup, **run, extra_cpu=extra_cpu)
            results[f"{mode}/{scope}"] = se.latencies(corpus, queries, **run, extra_cpu=extra_cpu)
            r = results[f"{mode}/{scope}"]
            _say(f"    {mode:7} {scope:6} p50 {r['p50_ms']:8.2f} ms  p95 {r['p95_ms']:8.2f} ms")
    return results


def _embedded(args, corpus, warmup, queries, vectors, scratch: Path) -> dict:
    _say("[embedded] tantivy index ...")
    keyword, build = se.build_keyword(corpus, scratch / "tantivy")
    _say(f"  built in {build['seconds']} s, {build['size_bytes'] / 1e6:.0f} MB; queries ...")
    result = {"keyword_index": build, "latency": _latencies(corpus, warmup, queries, keyword,
                                                            vectors)}  # fmt: skip
    _say("  substring baseline ...")
    lowered = [text.lower() for text in corpus.texts]
    sample = queries[: args.baseline_queries]
    result["baseline"] = {
        scope: se.substring_baseline(corpus, lowered, sample, faceted)
        for scope, faceted in SCOPES.items()
    }
    result["rss_after_queries_bytes"] = se.rss_bytes()
    return result


def _rank_functions(corpus, queries, vectors, extra_cpu) -> dict:
    """ts_rank against ts_rank_cd, keyword mode, on the same queries."""
    from proeftuin.search.backends import postgres

    backend, default, found = postgres.PostgresBackend(), postgres.COVER_DENSITY, {}
    try:
        for cover_density in (False, True):
            postgres.COVER_DENSITY = cover_density
            name = "ts_rank_cd" if cover_density else "ts_rank"
            for scope, faceted in SCOPES.items():
                run = {"keyword": backend, "vectors": vectors, "mode": "keyword"}
                r = se.latencies(corpus, queries, **run, faceted=faceted, extra_cpu=extra_cpu)
                found[f"{name}/{scope}"] = r
                _say(f"    {name:10} {scope:6} p50 {r['p50_ms']:8.2f} p95 {r['p95_ms']:8.2f}")
    finally:
        postgres.COVER_DENSITY = default
    return found


def _postgres(args, corpus, warmup, queries, vectors, scratch: Path) -> dict:
    import search_postgres as sp

    url = sp.database_url(args.postgres_url, args.database)
    _say(f"[postgres] scratch database {args.database} ...")
    sp.create_database(args.postgres_url, args.database)
    sp.setup_django(url, args.database, scratch / "data")
    try:
        from proeftuin.search.backends.postgres import PostgresBackend

        result = {"seconds_migrate": sp.migrate()}
        result["load"] = sp.load(corpus)
        sp.check_facets(corpus)
        result["sizes"] = sp.sizes()
        _say(f"  loaded: {result['load']}; queries ...")
        cpu = sp.backend_cpu()
        keyword = PostgresBackend()
        result["latency"] = _latencies(corpus, warmup, queries, keyword, vectors, cpu)
        _say("  ts_rank against ts_rank_cd ...")
        result["rank_functions"] = _rank_functions(corpus, queries[:100], vectors, cpu)
        _say("  ILIKE baseline ...")
        sample = queries[: args.baseline_queries]
        result["baseline"] = {
            scope: sp.ilike_baseline(corpus, sample, faceted, cpu)
            for scope, faceted in SCOPES.items()
        }
    finally:
        if args.keep:
            _say(f"kept database {args.database}")
        else:
            sp.drop_database(args.postgres_url, args.database)
    return result


def main() -> None:
    args = _args()
    started = time.perf_counter()
    scratch = Path(tempfile.mkdtemp(prefix="proeftuin-bench-search-"))
    _say(f"corpus: {args.cases:,} cases, {args.passages:,} passages (seed {args.seed}) ...")
    corpus, warmup, queries, info = _corpus(args)
    _say(f"  analysed in {info['seconds']['analyse_wall']} s; vectors ...")
    vectors, vector_build = se.build_vectors(corpus, args.vector_threads, args.nprobe)
    _say(f"  vector index built in {vector_build['seconds']} s ({vector_build['kind']})")
    result = {"corpus": info, "vector_index": vector_build, "backends": {}}
    try:
        if args.backend in ("embedded", "both"):
            run = _embedded(args, corpus, warmup, queries, vectors, scratch)
            result["backends"]["embedded"] = run
        if args.backend in ("postgres", "both"):
            run = _postgres(args, corpus, warmup, queries, vectors, scratch)
            result["backends"]["postgres"] = run
    finally:
        if args.keep:
            _say(f"kept {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    result.update(_meta(args, started))
    import search_report

    search_report.report(result, args.target_ms)
    out = args.out or HERE / "results" / f"search-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, default=_plain), encoding="utf-8")
    _say(f"\nwrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")


def _meta(args, started: float) -> dict:
    return {
        "benchmark": "search",
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "seconds": round(time.perf_counter() - started, 1),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "config": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
    }


def _plain(value):
    return value.item() if isinstance(value, np.generic) else str(value)


if __name__ == "__main__":
    main()
