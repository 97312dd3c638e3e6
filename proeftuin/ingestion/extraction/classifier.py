"""A small learnable theme classifier: multinomial naive Bayes over words, pure Python.

It learns from passages with a theme key, and from rejected codings given the label
``None`` (the "no theme" class), so accepted and rejected suggestions can both train it.
State is a plain dict (``to_dict``/``from_dict``) that can be stored anywhere.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

from proeftuin.ingestion.extraction.text import fold

NONE = "__none__"
_STOP_TEXT = (
    "aan als bij dan dat de deze die dit door een en er geen het hier hij hun ik in is je kan "
    "kunnen maar met meer niet nog of om ook op over te tot uit van veel voor was wat wel "
    "werd worden wordt zal ze zich zij zijn zo zoals naar onder na daarbij hierbij waarbij "
    "waarin hebben heeft had alle andere hoe waar wie haar hen mee omdat"
)
STOPWORDS = frozenset(_STOP_TEXT.split())
SUFFIXES = ("heden", "heid", "ingen", "ing", "en", "e", "s")


def tokens(text: str) -> list[str]:
    words = re.findall(r"[a-z]{3,}", fold(text))
    return [_stem(w) for w in words if w not in STOPWORDS]


def _stem(word: str) -> str:
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


class ThemeClassifier:
    """``fit(passages, labels)`` then ``predict(passages)`` or ``predict_proba(passage)``."""

    def __init__(self, alpha: float = 1.0):
        self.alpha = alpha
        self.class_counts: Counter[str] = Counter()
        self.word_counts: dict[str, Counter[str]] = {}
        self.vocabulary: set[str] = set()

    def fit(self, passages: Iterable[str], labels: Iterable[str | None]) -> ThemeClassifier:
        """Add examples (training is incremental: call again with new codings)."""
        for passage, label in zip(passages, labels, strict=True):
            key = label or NONE
            words = tokens(passage)
            self.class_counts[key] += 1
            self.word_counts.setdefault(key, Counter()).update(words)
            self.vocabulary.update(words)
        return self

    @property
    def labels(self) -> list[str]:
        return sorted(k for k in self.class_counts if k != NONE)

    def predict_proba(self, passage: str) -> dict[str | None, float]:
        """Probability per label (``None`` = no theme); empty before any ``fit``."""
        if not self.class_counts:
            return {}
        words = tokens(passage)
        total = sum(self.class_counts.values())
        scores = {key: self._log_score(key, words, total) for key in self.class_counts}
        top = max(scores.values())
        exp = {key: math.exp(score - top) for key, score in scores.items()}
        norm = sum(exp.values())
        return {(None if k == NONE else k): v / norm for k, v in exp.items()}

    def _log_score(self, key: str, words: list[str], total: int) -> float:
        counts = self.word_counts[key]
        size = sum(counts.values()) + self.alpha * (len(self.vocabulary) + 1)
        prior = math.log(self.class_counts[key] / total)
        return prior + sum(math.log((counts[w] + self.alpha) / size) for w in words)

    def predict(self, passages: Iterable[str]) -> list[str | None]:
        out = []
        for passage in passages:
            proba = self.predict_proba(passage)
            out.append(max(proba, key=proba.get) if proba else None)
        return out

    def to_dict(self) -> dict:
        return {
            "alpha": self.alpha,
            "classes": dict(self.class_counts),
            "words": {k: dict(v) for k, v in self.word_counts.items()},
        }

    @classmethod
    def from_dict(cls, data: dict) -> ThemeClassifier:
        model = cls(alpha=data.get("alpha", 1.0))
        model.class_counts = Counter(data.get("classes", {}))
        model.word_counts = {k: Counter(v) for k, v in data.get("words", {}).items()}
        model.vocabulary = {w for counts in model.word_counts.values() for w in counts}
        return model
