"""Steps "themes.headings" and "themes.classifier": passages per theme (sections.<key>).

A theme passage runs from a theme heading ("Openheid", "Intern leervermogen", ...; see
``lexicon.THEME_HEADINGS``) to the next theme heading, an upper-case heading or the end of
the case. A heading that the normaliser glued to its paragraph ("Openheid Jeugdbescherming
...") is found too. When a case has no theme headings, an installed ``ThemeClassifier``
(trained on accepted and rejected codings) may label its longer paragraphs instead.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

from proeftuin.ingestion.extraction.classifier import ThemeClassifier
from proeftuin.ingestion.extraction.lexicon import THEME_HEADINGS
from proeftuin.ingestion.extraction.registry import extracted, step
from proeftuin.ingestion.extraction.text import (
    Line,
    flat,
    fold,
    heading_key,
    heading_like,
    is_upper,
    lines_between,
)
from proeftuin.ingestion.types import Extracted, NormalisedDocument, Segment

HEADINGS, CLASSIFIER = "themes.headings", "themes.classifier"
STOP_HEADINGS = {"thema's", "themas", "thema"}


class _Installed:
    """The classifier in use, read like a dict (``"model" in _installed``): the one set
    for the current context by ``theme_classifier`` (a job uses its own organisation's
    model, whatever another thread's job uses), else the one installed for the process."""

    def __init__(self) -> None:
        self.process: dict[str, tuple[ThemeClassifier, float]] = {}
        self.scoped: ContextVar[dict | None] = ContextVar("theme_classifier", default=None)

    def _current(self) -> dict:
        scoped = self.scoped.get()
        return self.process if scoped is None else scoped

    def __contains__(self, key: str) -> bool:
        return key in self._current()

    def __getitem__(self, key: str) -> tuple[ThemeClassifier, float]:
        return self._current()[key]

    def __setitem__(self, key: str, value: tuple[ThemeClassifier, float]) -> None:
        self.process[key] = value

    def clear(self) -> None:
        self.process.clear()


_installed = _Installed()


def theme_heading(line: Line) -> tuple[str, int] | None:
    """(theme key, offset where the passage starts) when the line opens a theme."""
    key = heading_key(line.text)
    for stop in STOP_HEADINGS:  # "Thema's Openheid": two headings joined on one line
        key = key.removeprefix(stop + " ")
    if key in THEME_HEADINGS and heading_like(line):
        return THEME_HEADINGS[key], line.end
    if not line.first or line.kind == "heading":
        return None
    folded = fold(line.text)
    for phrase, theme in THEME_HEADINGS.items():
        rest = line.text[len(phrase) :].lstrip()
        if folded.startswith(phrase + " ") and rest.lstrip("‘“'\"(")[:1].isupper():
            return theme, line.end - len(rest)
    return None


def _stops(line: Line) -> bool:
    return heading_key(line.text) in STOP_HEADINGS or (is_upper(line.text) and heading_like(line))


@step(HEADINGS, "1")
def theme_sections(doc: NormalisedDocument, segment: Segment) -> list[Extracted]:
    """One passage per theme heading (the longest when a theme is printed twice)."""
    lines = lines_between(doc, segment.start, segment.end)
    opened: list[tuple[str, int, float]] = []
    found: dict[str, tuple[int, int, float]] = {}
    for line in [*lines, None]:
        hit = theme_heading(line) if line else None
        if opened and (line is None or hit or _stops(line)):
            theme, start, confidence = opened.pop()
            end = _passage_end(lines, start, line.start if line else segment.end)
            _keep_longest(found, theme, (start, end, confidence))
        if hit:
            confidence = 0.9 if hit[1] == line.end else 0.7
            start = hit[1] if hit[1] < line.end else _next_start(lines, hit[1])
            opened.append((hit[0], start, confidence))
    return [
        extracted(f"sections.{theme}", flat(doc.text[s:e]), s, e, c, HEADINGS)
        for theme, (s, e, c) in sorted(found.items(), key=lambda item: item[1][0])
    ]


def _keep_longest(found: dict, theme: str, passage: tuple[int, int, float]) -> None:
    start, end, _ = passage
    old = found.get(theme)
    if end > start and (old is None or end - start > old[1] - old[0]):
        found[theme] = passage


def _next_start(lines: list[Line], offset: int) -> int:
    """The first non-space character at or after ``offset``."""
    return next((ln.start for ln in lines if ln.start >= offset), offset)


def _passage_end(lines: list[Line], start: int, stop: int) -> int:
    inside = [ln for ln in lines if ln.end > start and ln.start < stop]
    return min(inside[-1].end, stop) if inside else start


def install_theme_classifier(model: ThemeClassifier | None, threshold: float = 0.6) -> None:
    """Use ``model`` for cases without theme headings (``None`` switches it off)."""
    _installed.clear()
    if model is not None:
        _installed["model"] = (model, threshold)


@contextmanager
def theme_classifier(model: ThemeClassifier | None, threshold: float = 0.6):
    """Use ``model`` (``None``: none at all) only inside this block and this context."""
    token = _installed.scoped.set({"model": (model, threshold)} if model is not None else {})
    try:
        yield model
    finally:
        _installed.scoped.reset(token)


@step(CLASSIFIER, "1")
def classified_sections(doc: NormalisedDocument, segment: Segment) -> list[Extracted]:
    """Theme passages proposed by the installed classifier (only without theme headings)."""
    if "model" not in _installed or theme_sections(doc, segment):
        return []
    model, threshold = _installed["model"]
    best: dict[str, tuple[float, int, int]] = {}
    for block in doc.blocks:
        if block.start < segment.start or block.end > segment.end or len(block.text.split()) < 40:
            continue
        proba = model.predict_proba(block.text)
        label = max(proba, key=proba.get) if proba else None
        if label and proba[label] >= threshold and proba[label] > best.get(label, (0,))[0]:
            best[label] = (proba[label], block.start, block.end)
    return [
        extracted(f"sections.{label}", flat(doc.text[s:e]), s, e, p * 0.8, CLASSIFIER)
        for label, (p, s, e) in best.items()
    ]
