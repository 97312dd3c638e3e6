"""Calibrated confidence: a step's raw score (its evidence) mapped to how often such a
suggestion is right.

Each step scores its evidence (a heading found, a list item, a result stated, ...) as a raw
number between 0 and 1. ``calibration.json`` beside this module holds, per field, a
monotone step function fitted on the gold sets by ``eval/calibrate.py`` (isotonic
regression of "right" on the raw score, each block's rate shrunk towards one half:
(right + 1) / (n + 2)). A raw score maps to the rate of the block it falls in (the block
below when it falls between two; below the lowest block it keeps its raw score, at most
that block's rate), so a confidence of 0.8 means that about 8 in 10 such
suggestions were right. Fields the gold sets do not cover keep their raw score.

No confidence is ever above ``CEILING`` (0.95), fitted or raw: the gold sets are a handful
of documents, and the suggestions of one document are not independent of each other, so
even a field that was never wrong there (111 of 111 lessons) has not earned 0.99; the
Laplace rate alone would give (111 + 1) / (111 + 2) = 0.99.

Some raw scores are too weak to show at all: ``MIN_RAW`` drops them (an outcome without any
sign that a result is stated is a figure of context, not a result; an organisation named
once, without any sign of working on the case, is no partner).

``PROEFTUIN_RAW_CONFIDENCE=1`` switches the mapping and the dropping off (to see every
candidate); ``PROEFTUIN_RAW_CONFIDENCE=shown`` switches only the mapping off: the raw scores
of the suggestions a reviewer would see. The fitting script runs the pipeline that way, so
the evaluation pairs the gold with what is shown, not with a weak candidate of the same
value ("25 tot 30 casussen" taking the place of "ca. 30 gemeenten").
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from functools import cache
from pathlib import Path

from proeftuin.ingestion.types import Extracted

DATA = Path(__file__).with_name("calibration.json")
# Raw scores below which a suggestion is not made at all (see the module docstring).
MIN_RAW = {"outcomes": 0.35, "partners": 0.35}
# The highest confidence a suggestion is ever given (see the module docstring).
CEILING = 0.95


def field_key(field: str) -> str:
    """The calibration key of a field: "sections.openness" -> "sections"."""
    return "sections" if field.startswith("sections.") else field


@cache
def table() -> dict[str, list[tuple[float, float]]]:
    """Per field: [(lowest raw score of a block, calibrated confidence)], ascending."""
    if not DATA.exists():
        return {}
    data = json.loads(DATA.read_text(encoding="utf-8"))
    return {
        field: [(float(raw), float(conf)) for raw, conf in entry["points"]]
        for field, entry in data.get("fields", {}).items()
    }


def calibrate(field: str, raw: float) -> float:
    """The calibrated confidence of a raw score for ``field`` (the raw score when the
    field has no fitted table), never above ``CEILING``."""
    return lookup(table().get(field_key(field)) or [], raw)


def lookup(points: list[tuple[float, float]], raw: float) -> float:
    """A raw score on a fitted step function (raw, capped, when there is none)."""
    if not points:
        return min(raw, CEILING)
    confidence = min(raw, points[0][1])  # below every fitted block: nothing known better
    for start, value in points:
        if raw + 1e-9 < start:
            break
        confidence = value
    return round(min(confidence, CEILING), 3)


def raw_mode() -> bool:
    return os.environ.get("PROEFTUIN_RAW_CONFIDENCE", "") not in ("", "0")


def apply(items: list[Extracted]) -> list[Extracted]:
    """Drop suggestions below their field's ``MIN_RAW`` and give the rest their calibrated
    confidence (see ``PROEFTUIN_RAW_CONFIDENCE`` in the module docstring)."""
    mode = os.environ.get("PROEFTUIN_RAW_CONFIDENCE", "")
    if raw_mode() and mode != "shown":
        return items
    kept = [e for e in items if e.confidence >= MIN_RAW.get(field_key(e.field), 0.0)]
    if raw_mode():
        return kept
    return [replace(e, confidence=calibrate(e.field, e.confidence)) for e in kept]
