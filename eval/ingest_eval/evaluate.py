"""Evaluate one set: run the pipeline on each document, score it, and gather the figures."""

from __future__ import annotations

import dataclasses

from . import corpus
from .documents import SETS, load_gold, run
from .report import reliability, targets, totals
from .scoring import DocResult, score_document

CORPUS_SCORERS = {"casebook.yaml": corpus.casebook, "inaxis.yaml": corpus.inaxis}


def evaluate_set(name: str, only: str = "") -> dict:
    label, developed = SETS[name]
    docs: list[DocResult] = []
    for gold in load_gold(name):
        if only and only not in gold.document:
            continue
        if not gold.path.exists():
            docs.append(DocResult(gold.document, name, absent=True))
            continue
        if name == "corpus":
            docs.append(CORPUS_SCORERS[gold.gold_file](gold.data, name))
        else:
            docs.append(score_document(gold.data, name, run(gold.path)))
    records = [r for d in docs for r in d.records]
    fields = totals(docs)
    table = reliability(records)
    goals = corpus_targets(docs) if name == "corpus" else targets(docs, fields, table)
    return {
        "set": name,
        "label": label,
        "developed_against": developed,
        "documents": docs,
        "fields": fields,
        "targets": goals,
        "reliability": table,
        "records": records,
    }


def corpus_targets(docs: list[DocResult]) -> list[tuple]:
    """The corpus targets of the first ingestion issue (unchanged)."""
    out = []
    for doc in docs:
        if doc.absent:
            continue
        ok = doc.count_ok
        out.append(("PASS" if ok else "FAIL", f"{doc.name}: segments", f"{doc.segments}"))
        if "profile exact-match" in doc.extra:
            right, n = doc.extra["profile exact-match"]
            out.append(_goal(right / n >= 0.95, "profile fields exact-match rate", right, n))
            themes = doc.fields["sections (themes)"]
            out.append(
                _goal(themes.recall >= 0.90, "theme passage recall", themes.found, themes.gold)
            )
        if doc.name.startswith("cahier-inaxis"):
            lessons = doc.fields["lessons"]
            out.append(
                _goal(lessons.recall >= 0.90, "InAxis lesson recall", lessons.found, lessons.gold)
            )
    return out


def _goal(ok: bool, name: str, right: int, n: int) -> tuple:
    return ("PASS" if ok else "FAIL", name, f"{right / n:.1%} ({right}/{n})")


def as_json(result: dict) -> dict:
    """The set's figures in plain data (for ``--json``)."""
    out = dict(result)
    out["documents"] = [
        dataclasses.asdict(d) | {"count_ok": d.count_ok} for d in result["documents"]
    ]
    for doc in out["documents"]:
        doc.pop("records", None)
    out["fields"] = {
        k: dataclasses.asdict(v) | {"precision": v.precision, "recall": v.recall}
        for k, v in result["fields"].items()
    }
    out["targets"] = [{"status": s, "target": n, "value": v} for s, n, v in result["targets"]]
    return out
