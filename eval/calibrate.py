"""Fit the confidence calibration of the extraction steps on the gold sets.

Run: ``.venv/bin/python eval/calibrate.py`` (no database needed; about a minute). Runs the
evaluation of the sets developed against (corpus and realdocs, NEVER the held-out set) with
``PROEFTUIN_RAW_CONFIDENCE=shown``, so every judged suggestion carries its step's raw score
(and suggestions under ``MIN_RAW``, never shown, are not there to be paired with the gold),
and fits per field a monotone step function from raw score to the share of suggestions
that were right: isotonic regression (pool adjacent violators), each block's rate shrunk
towards one half as (right + 1) / (n + 2), never higher than a block above it, and never
above ``calibration.CEILING`` (0.95): the sets are a handful of documents whose suggestions
are not independent, so a field never wrong there (111 of 111) has not earned 0.99. Writes
``proeftuin/ingestion/extraction/calibration.json``, which ``calibration.calibrate`` reads.

Options: ``--dry-run`` prints the table without writing; ``--min N`` (default 5) is the
fewest judged suggestions a field needs to be fitted (fields with fewer keep raw scores).
Re-run after changing what a step scores, and commit the JSON with the change.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

from ingest_eval.evaluate import evaluate_set  # noqa: E402

from proeftuin.ingestion.extraction.calibration import (  # noqa: E402
    CEILING,
    DATA,
    MIN_RAW,
    field_key,
)

SETS = ("corpus", "realdocs")  # never "heldout"
# Record names of the evaluation that stand for a calibrated field.
ALIASES = {"outcomes (any quantity)": "outcomes"}


def pool_adjacent_violators(pairs: list[tuple[float, bool]]) -> list[dict]:
    """Blocks of consecutive raw scores whose rate of right answers increases (blocks of
    equal rate are pooled, so small blocks do not each pay for their size)."""
    groups: dict[float, list[int]] = defaultdict(lambda: [0, 0])
    for raw, right in pairs:  # one group per raw score first: ties are never split
        groups[raw][0] += 1
        groups[raw][1] += int(right)
    blocks: list[dict] = []
    for raw in sorted(groups):
        blocks.append({"start": raw, "n": groups[raw][0], "right": groups[raw][1]})
        while len(blocks) > 1 and _rate(blocks[-2]) >= _rate(blocks[-1]):
            last = blocks.pop()
            blocks[-1]["n"] += last["n"]
            blocks[-1]["right"] += last["right"]
    return blocks


def _rate(block: dict) -> float:
    return block["right"] / block["n"]


def fit(pairs: list[tuple[float, bool]]) -> list[dict]:
    """Blocks with their shrunk, monotone confidence."""
    blocks = pool_adjacent_violators(pairs)
    for block in blocks:
        block["confidence"] = min(round((block["right"] + 1) / (block["n"] + 2), 3), CEILING)
    for index in range(len(blocks) - 2, -1, -1):  # never above a block with higher scores
        blocks[index]["confidence"] = min(
            blocks[index]["confidence"], blocks[index + 1]["confidence"]
        )
    return blocks


def judged() -> dict[str, list[tuple[float, bool]]]:
    """(raw score, right) per calibration key, from the sets developed against."""
    os.environ["PROEFTUIN_RAW_CONFIDENCE"] = "shown"  # raw scores of what a reviewer sees
    pairs: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    for name in SETS:
        for record in evaluate_set(name)["records"]:
            key = field_key(ALIASES.get(record["field"], record["field"]))
            raw = float(record["confidence"])
            if raw < MIN_RAW.get(key, 0.0):
                continue  # not shown at all, so not part of what the confidence means
            pairs[key].append((raw, bool(record["matched"])))
    return pairs


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--min", type=int, default=5)
    args = parser.parse_args(argv)
    fields = {}
    for key, pairs in sorted(judged().items()):
        if len(pairs) < args.min:
            print(f"{key}: {len(pairs)} judged suggestions, too few: raw scores kept")
            continue
        blocks = fit(pairs)
        fields[key] = {
            "points": [[b["start"], b["confidence"]] for b in blocks],
            "blocks": [[b["start"], b["n"], b["right"]] for b in blocks],
        }
        shown = ", ".join(
            f"{b['start']:.2f}+ -> {b['confidence']:.2f} ({b['right']}/{b['n']})" for b in blocks
        )
        print(f"{key}: {shown}")
    if args.dry_run:
        return 0
    data = {
        "about": "Fitted by eval/calibrate.py on the sets " + ", ".join(SETS) + "; "
        "points: [lowest raw score of a block, calibrated confidence]; "
        "blocks: [lowest raw score, judged suggestions, right].",
        "fields": fields,
    }
    DATA.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written: {DATA.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
