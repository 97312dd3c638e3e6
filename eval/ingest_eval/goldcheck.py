"""Check the gold against its document: every verbatim text (anchor, lesson, barrier,
outcome or figure quote, key phrase, person's name) must occur in the normalised text,
compared folded and with collapsed white space. Items marked ``paraphrase: true`` are
skipped."""

from __future__ import annotations

import re

from .documents import GoldDocument, run
from .match import fold


def squash(text: str) -> str:
    text = fold(text).replace("“", '"').replace("”", '"')
    return re.sub(r"[\W_]+", " ", text).strip()


def verbatim_items(case: dict):
    if case.get("anchor"):
        yield "anchor", case["anchor"]
    for phrase in (case.get("summary") or {}).get("key_phrases") or []:
        yield "key phrase", phrase
    for name in ("lessons", "barriers"):
        for item in case.get(name) or []:
            if not item.get("paraphrase"):
                yield name, item["text"]
    for item in case.get("outcomes") or []:
        if item.get("quote"):
            yield "outcome quote", item["quote"]
    for item in case.get("figures") or []:  # the corpus gold
        yield "figure quote", item["quote"]
    for person in case.get("people") or []:
        yield "person", person["name"]


def check(gold: GoldDocument) -> list[str]:
    """The gold texts not found in the document (empty when all are found)."""
    text = squash(run(gold.path).document.text)
    missing = []
    for case in gold.data.get("cases") or []:
        for kind, value in verbatim_items(case):
            # a hyphen at a line break is joined in the text ("6-\ntal" -> "6tal")
            if squash(value) not in text and squash(value.replace("-", "")) not in text:
                missing.append(f"{kind}: {value!r}")
    return missing
