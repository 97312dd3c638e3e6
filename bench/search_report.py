"""The printed summary of ``search.py``."""

from __future__ import annotations

MODES = ("keyword", "vector", "hybrid")
SCOPES = ("facets", "public")
BASELINE = {"embedded": "substring scan (Python `in`)", "postgres": "ILIKE scan"}
ROW = "{:9} {:7} {:9} {:>9} {:>9} {:>9} {:>8} {:>6} {:>9} {:>9}"


def _mb(n: float) -> str:
    return f"{n / 1e6:,.0f} MB"


def _corpus(result: dict) -> None:
    c, v = result["corpus"], result["vector_index"]
    s = c["seconds"]
    cfg = result["config"]
    print(
        f"\n== Search: {cfg['cases']:,} cases, {cfg['passages']:,} passages, "
        f"{cfg['queries']} queries per mode, {result['machine']['cpus']} cores =="
    )
    print(
        "Vectors are SYNTHETIC (384 dims, 2,000 topic clusters, passages of a case near each\n"
        "other): this measures the indexes, not the model. The real model embeds a few\n"
        "passages per second on this machine (bench/embed.py), so embedding 1M passages is a\n"
        "background job of days, not part of the build times below."
    )
    print(
        f"corpus: texts {s['generate_texts']} s, vectors {s['generate_vectors']} s; "
        f"{c['mean_words_per_passage']} words -> {c['mean_terms_per_passage']} terms per "
        f"passage; {c['public_cases_share']:.0%} of cases public"
    )
    print(
        f"analysis (part of every build): {s['analyse_wall']} s on "
        f"{c['analysis_processes']} processes = {c['analysed_passages_per_s_wall']:,} "
        f"passages/s ({c['analysed_passages_per_s_per_core']:,} per core)"
    )
    print(
        f"vector index (both backends; pgvector is not available): {v['kind']}, "
        f"{v['lists'] or '-'} lists, nprobe {v['nprobe']}, built in {v['seconds']} s "
        f"({v['threads']} thread), {_mb(v['memory_bytes'])} by memory_bytes(), process RSS "
        f"+{_mb(v['rss_growth_bytes'])} (peak +{_mb(v['peak_rss_growth_bytes'])})"
    )


def _builds(result: dict) -> None:
    backends = result["backends"]
    if "embedded" in backends:
        k = backends["embedded"]["keyword_index"]
        print(
            f"embedded keyword index (tantivy): {k['seconds']} s for {k['documents']:,} "
            f"documents, {_mb(k['size_bytes'])} on disk, process RSS +"
            f"{_mb(k['rss_growth_bytes'])}"
        )
    if "postgres" in backends:
        p, z = backends["postgres"], backends["postgres"]["sizes"]
        load = p["load"]
        print(
            f"postgres: migrate {p['seconds_migrate']} s; COPY cases {load['cases']} s, facet "
            f"rows {load['facet_values']} s, passages incl. generated tsvector "
            f"{load['passages_with_tsvector']} s; GIN index {load['gin_index']} s; VACUUM "
            f"ANALYZE {load['vacuum_analyze']} s"
        )
        print(
            f"  search_passage {_mb(z['search_passage_total_bytes'])} in all (heap "
            f"{_mb(z['search_passage_heap_bytes'])}), GIN {_mb(z['gin_index_bytes'])}, "
            f"size_bytes() {_mb(z['backend_size_bytes'])}; shared_buffers {z['shared_buffers']},"
            f" work_mem {z['work_mem']}, parallel workers per gather "
            f"{z['max_parallel_workers_per_gather']}"
        )


def _ratio(value: float, base: float) -> str:
    return f"{value / base:.3f}" if base else "-"


def _latency_table(result: dict) -> None:
    print("\nLatency per query: scope building + engine.rank (limit 10, 100 candidates a side)")
    print(ROW.format("backend", "scope", "mode", "p50 ms", "p95 ms", "mean ms", "CPU ms",
                     "hits", "p50/base", "p95/base"))  # fmt: skip
    for name, run in result["backends"].items():
        for scope in SCOPES:
            base = run["baseline"][scope]
            for mode in MODES:
                r = run["latency"][f"{mode}/{scope}"]
                print(ROW.format(name, scope, mode, r["p50_ms"], r["p95_ms"], r["mean_ms"],
                                 r["cpu_ms_per_query"], r["mean_hits"],
                                 _ratio(r["p50_ms"], base["p50_ms"]),
                                 _ratio(r["p95_ms"], base["p95_ms"])))  # fmt: skip
            print(ROW.format(name, scope, "baseline", base["p50_ms"], base["p95_ms"],
                             base["mean_ms"], base["cpu_ms_per_query"], "", "1", "1"))  # fmt: skip
    print("(baseline: " + "; ".join(f"{k}: {v}" for k, v in BASELINE.items())
          + f", {result['config']['baseline_queries']} queries, top 10 by words found, same "
          "scope; CPU ms: this process plus the PostgreSQL backend serving it)")  # fmt: skip


def _notes(result: dict, target_ms: float) -> None:
    backends = result["backends"]
    shares = [r["passages_in_scope_share"] for run in backends.values()
              for key, r in run["latency"].items() if key.endswith("/facets")]  # fmt: skip
    if shares:
        print(f"two facets (province + theme) leave {shares[0]:.2%} of the passages in scope "
              "on average")  # fmt: skip
    if "postgres" in backends:
        for key, r in backends["postgres"].get("rank_functions", {}).items():
            print(f"postgres keyword with {key:18} p50 {r['p50_ms']:8.2f} ms, "
                  f"p95 {r['p95_ms']:8.2f} ms ({r['queries']} queries)")  # fmt: skip
    if "embedded" in backends:
        latency = backends["embedded"]["latency"]
        for scope in SCOPES:
            p95 = latency[f"hybrid/{scope}"]["p95_ms"]
            verdict = "met" if p95 <= target_ms else "MISSED"
            print(f"embedded hybrid p95 ({scope}) {p95} ms, target <= {target_ms:g} ms: {verdict}")
    other = [r["other_processes_cores"] for run in backends.values()
             for r in [*run["latency"].values(), *run["baseline"].values()]]  # fmt: skip
    if other:
        print(f"other processes on the machine used {min(other)}-{max(other)} of the "
              f"{result['machine']['cpus']} cores while measuring (noise; 0 on a quiet "
              "machine; PostgreSQL parallel workers count here too)")  # fmt: skip


def report(result: dict, target_ms: float) -> None:
    _corpus(result)
    _builds(result)
    _latency_table(result)
    _notes(result, target_ms)
