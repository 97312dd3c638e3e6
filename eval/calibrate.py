"""Fit the confidence calibration of the extraction steps on the gold sets.

Run: ``.venv/bin/python eval/calibrate.py`` (no database needed; about a minute). Runs the
evaluation of every set with gold (round 3: corpus, realdocs, synthetic, blind, heldout) with
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
    lookup,
)

# Every set with gold (round 3: the held-out sets are spent and developed against too).
SETS = ("corpus", "realdocs", "synthetic", "blind", "heldout")
HIGH = 0.8  # the confidence above which suggestions must be right 9 times in 10
# Record names of the evaluation that stand for a calibrated field.
ALIASES = {"outcomes (any quantity)": "outcomes"}


PRIOR = 4  # the weight of the prior one half: each block's rate is (right + 2) / (n + 4)
PER_DOCUMENT = 10  # the most suggestions of one document a block counts as independent
DOMINANT = 0.25  # a document with more than this share of a block's evidence is left out once


def pool_adjacent_violators(pairs: list[tuple]) -> list[dict]:
    """Blocks of consecutive raw scores whose rate of right answers increases (blocks of
    equal rate are pooled, so small blocks do not each pay for their size). ``pairs``:
    (raw, right) or (raw, right, document)."""
    groups: dict[float, list] = defaultdict(lambda: [0, 0, defaultdict(lambda: [0, 0])])
    for raw, right, *doc in pairs:  # one group per raw score first: ties are never split
        group = groups[raw]
        group[0] += 1
        group[1] += int(right)
        if doc:
            group[2][doc[0]][0] += 1
            group[2][doc[0]][1] += int(right)
    blocks: list[dict] = []
    for raw in sorted(groups):
        n, right, docs = groups[raw]
        blocks.append({"start": raw, "n": n, "right": right, "docs": dict(docs)})
        while len(blocks) > 1 and _rate(blocks[-2]) >= _rate(blocks[-1]):
            last = blocks.pop()
            blocks[-1]["n"] += last["n"]
            blocks[-1]["right"] += last["right"]
            for doc, (n_doc, right_doc) in last["docs"].items():
                mine = blocks[-1]["docs"].setdefault(doc, [0, 0])
                mine[0] += n_doc
                mine[1] += right_doc
    return blocks


def _rate(block: dict) -> float:
    return block["right"] / block["n"]


def _shrunk(right: float, n: float) -> float:
    return (right + PRIOR / 2) / (n + PRIOR)


def _conservative(right: int, n: int, docs: dict) -> float:
    """The block's rate shrunk towards one half, counting at most ``PER_DOCUMENT``
    suggestions of each document (when the documents are known)."""
    if not docs:
        return _shrunk(right, n)
    effective = sum(min(n_doc, PER_DOCUMENT) for n_doc, _ in docs.values())
    return _shrunk(right / n * effective, effective) if n else 0.5


def fit(pairs: list[tuple]) -> list[dict]:
    """Blocks with their conservative, monotone confidence: the block's rate shrunk
    towards one half, and, when the documents are known, no higher than the shrunk rate
    without any one of its dominant documents (the suggestions of one document are not
    independent, so a block that one document makes look good is not trusted on it)."""
    blocks = pool_adjacent_violators(pairs)
    for block in blocks:
        block["confidence"] = _block_confidence(block)
    index = 0
    while index < len(blocks) - 1:  # a block above that is trusted less: pooled with it
        if blocks[index]["confidence"] > blocks[index + 1]["confidence"]:
            upper = blocks.pop(index + 1)
            _merge(blocks[index], upper)
            blocks[index]["confidence"] = _block_confidence(blocks[index])
            index = max(index - 1, 0)
        else:
            index += 1
    for block in blocks:
        del block["docs"]
    return blocks


def _merge(block: dict, other: dict) -> None:
    block["n"] += other["n"]
    block["right"] += other["right"]
    for doc, (n_doc, right_doc) in other["docs"].items():
        mine = block["docs"].setdefault(doc, [0, 0])
        mine[0] += n_doc
        mine[1] += right_doc


def _block_confidence(block: dict) -> float:
    docs = block["docs"]
    confidence = _conservative(block["right"], block["n"], docs)
    effective = sum(min(n_doc, PER_DOCUMENT) for n_doc, _ in docs.values())
    if len(docs) > 1:  # no higher than without any one of its dominant documents
        for doc, (n_doc, right_doc) in docs.items():
            if min(n_doc, PER_DOCUMENT) <= DOMINANT * effective:
                continue
            rest = {d: v for d, v in docs.items() if d != doc}
            without = _conservative(block["right"] - right_doc, block["n"] - n_doc, rest)
            confidence = min(confidence, without)
    return min(round(confidence, 3), CEILING)


def judged() -> dict[str, list[tuple[float, bool, str]]]:
    """(raw score, right, document) per calibration key, from the development sets."""
    os.environ["PROEFTUIN_RAW_CONFIDENCE"] = "shown"  # raw scores of what a reviewer sees
    pairs: dict[str, list[tuple[float, bool, str]]] = defaultdict(list)
    for name in SETS:
        for record in evaluate_set(name)["records"]:
            key = field_key(ALIASES.get(record["field"], record["field"]))
            raw = float(record["confidence"])
            if record["matched"] is None:
                continue  # unjudged (a name the gold ignores)
            if raw < MIN_RAW.get(key, 0.0):
                continue  # not shown at all, so not part of what the confidence means
            pairs[key].append((raw, bool(record["matched"]), f"{name}/{record['document']}"))
    return pairs


def fitted(judged_pairs: dict, minimum: int) -> dict[str, list[dict]]:
    """Blocks per field fitted on ``judged_pairs`` (fields with fewer than ``minimum``
    judged suggestions keep their raw scores)."""
    return {key: fit(pairs) for key, pairs in judged_pairs.items() if len(pairs) >= minimum}


def points(blocks: list[dict]) -> list[tuple[float, float]]:
    return [(b["start"], b["confidence"]) for b in blocks]


def leave_one_document_out(judged_pairs: dict, minimum: int) -> dict[str, list[tuple]]:
    """(confidence, right) per field, each document's suggestions calibrated by a fit on
    all the other documents: an out-of-sample estimate of what the confidence means."""
    documents = {doc for pairs in judged_pairs.values() for _, _, doc in pairs}
    scored: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    for left_out in sorted(documents):
        rest = {key: [p for p in pairs if p[2] != left_out] for key, pairs in judged_pairs.items()}
        tables = fitted(rest, minimum)
        for key, pairs in judged_pairs.items():
            for raw, right, doc in pairs:
                if doc == left_out:
                    scored[key].append((lookup(points(tables.get(key, [])), raw), right))
    return scored


def in_sample(judged_pairs: dict, minimum: int) -> dict[str, list[tuple]]:
    tables = fitted(judged_pairs, minimum)
    return {
        key: [(lookup(points(tables.get(key, [])), raw), right) for raw, right, _ in pairs]
        for key, pairs in judged_pairs.items()
    }


def reliability(title: str, scored: dict[str, list[tuple]]) -> None:
    """Print, per field, the suggestions at confidence >= 0.8 and how many were right."""
    print(f"\n{title}: suggestions with confidence >= {HIGH}, right / n")
    total = [0, 0]
    for key in sorted(scored):
        high = [right for confidence, right in scored[key] if confidence >= HIGH]
        total[0] += sum(high)
        total[1] += len(high)
        rate = f"{100 * sum(high) / len(high):5.1f}%" if high else "    -"
        print(f"  {key:32} {rate} ({sum(high)}/{len(high)}) of {len(scored[key])} judged")
    rate = f"{100 * total[0] / total[1]:5.1f}%" if total[1] else "-"
    print(f"  {'ALL':32} {rate} ({total[0]}/{total[1]})")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--min", type=int, default=5)
    args = parser.parse_args(argv)
    pairs = judged()
    tables = fitted(pairs, args.min)
    fields = {}
    for key in sorted(pairs):
        if key not in tables:
            print(f"{key}: {len(pairs[key])} judged suggestions, too few: raw scores kept")
            continue
        blocks = tables[key]
        fields[key] = {
            "points": [[b["start"], b["confidence"]] for b in blocks],
            "blocks": [[b["start"], b["n"], b["right"]] for b in blocks],
        }
        shown = ", ".join(
            f"{b['start']:.2f}+ -> {b['confidence']:.2f} ({b['right']}/{b['n']})" for b in blocks
        )
        print(f"{key}: {shown}")
    reliability("In sample (fitted on every document)", in_sample(pairs, args.min))
    reliability("Leave one document out", leave_one_document_out(pairs, args.min))
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
