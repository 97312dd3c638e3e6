"""Queries that should find nothing, and the calibration of the meaning cut-off.

Used by eval/search.py. ``eval/search/nomatch.yaml`` holds nonsense, English and absent-topic
queries, each in the "tune" or the "heldout" half (split when the file was written, before
any was run). A query passes when the product's hybrid search returns no result at all.

``calibrate`` sweeps the meaning cut-offs (``engine.Weights.meaning_floor`` and
``unmatched_floor``) over a grid and prints, per pair, the hybrid's nDCG on the judged tuning
queries and the share of the "tune" half that returns nothing: the held-out queries and the
held-out half are never used.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import yaml

NOMATCH = Path(__file__).resolve().parent / "search" / "nomatch.yaml"
SPLITS = ("tune", "heldout")
QUERY_GRID = tuple(round(0.800 + 0.005 * i, 3) for i in range(7))  # 0.800 .. 0.830
UNMATCHED_GRID = tuple(round(0.820 + 0.005 * i, 3) for i in range(9))  # 0.820 .. 0.860
TARGET = 0.90  # share of nonsense and English queries that must return nothing
NONSENSE = ("mash", "random", "english")  # what the target is about; "dutch" is reported beside


def load(path: Path = NOMATCH) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]


def empty_share(rank, queries: list[dict]) -> dict:
    """Per split and kind: (queries that returned nothing, queries); and the failures."""
    counts: dict[tuple[str, str], list[int]] = {}
    failed = []
    for q in queries:
        found = rank(q["text"], 10)
        cell = counts.setdefault((q["split"], q["kind"]), [0, 0])
        cell[0] += not found
        cell[1] += 1
        if found:
            failed.append((q["split"], q["id"], q["text"], len(found)))
    return {"counts": counts, "failed": failed}


def share(result: dict, split: str, kinds=NONSENSE) -> tuple[int, int]:
    cells = [v for (s, k), v in result["counts"].items() if s == split and k in kinds]
    return sum(c[0] for c in cells), sum(c[1] for c in cells)


def report(before: dict, after: dict) -> list[str]:
    """Lines: share returning nothing per split and kind, before and after the cut-off."""
    kinds = sorted({k for _, k in after["counts"]}, key=lambda k: (k not in NONSENSE, k))
    lines = [f"== {NOMATCH.name}: share of queries that return NO result (hybrid)"]
    lines.append(f"{'split':<8} {'kind':<18} {'before':>9} {'after':>9}")
    for split in SPLITS:
        rows = [(k, (k,)) for k in kinds] + [("nonsense+english", NONSENSE)]
        for name, chosen in rows:
            b, a = share(before, split, chosen), share(after, split, chosen)
            if a[1]:
                lines.append(f"{split:<8} {name:<18} {_pct(b):>9} {_pct(a):>9}")
        done, total = share(after, split)
        passed = total and done / total >= TARGET
        lines.append(f"{'PASS' if passed else 'FAIL'} {split}: nonsense and English queries "
                     f"with no result {done}/{total} >= {TARGET:.0%}")  # fmt: skip
    for split, qid, text, n in after["failed"]:
        lines.append(f"  still found ({split}) {qid} {text!r}: {n} hits")
    return lines


def _pct(pair: tuple[int, int]) -> str:
    done, total = pair
    return f"{done}/{total}" if total else "-"


COLUMNS = (("keyword", "nDCG"), ("paraphrase", "nDCG"), ("all", "nDCG"), ("all", "MRR"),
           ("all", "recall"))  # fmt: skip
HEADER = ("cut-off", "no word", "nDCG kw", "nDCG par", "nDCG all", "MRR all", "rec all",
          "none:n+en", "none:nl")  # fmt: skip


def calibrate(search, config, judged: list[dict], evaluate, k: int) -> list[str]:
    """The hybrid over the grid of cut-offs on the tuning sets only."""
    tune = [q for q in load() if q["split"] == "tune"]
    lines = [
        f"meaning cut-off grid: {len(judged)} judged tuning queries, {len(tune)} nomatch "
        "'tune' queries (held-out sets not used)",
        " ".join(f"{h:>9}" for h in HEADER),
    ]
    pairs = [(0.0, 0.0)] + [(q, u) for q in QUERY_GRID for u in UNMATCHED_GRID if u >= q]
    for floor, unmatched in pairs:
        weights = replace(config.weights, meaning_floor=floor, unmatched_floor=unmatched)
        rank = search.ranker("hybrid", replace(config, weights=weights))
        r = evaluate(rank, judged, k)
        empty = empty_share(rank, tune)
        cells = [f"{floor:.3f}", f"{unmatched:.3f}"]
        cells += [f"{r[kind][m]:.3f}" for kind, m in COLUMNS]
        cells += [_pct(share(empty, "tune")), _pct(share(empty, "tune", ("dutch",)))]
        lines.append(" ".join(f"{c:>9}" for c in cells))
    return lines
