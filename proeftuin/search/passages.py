"""Passages as search stores them: drafts numbered from what an app wrote for an object.

Each searchable kind writes the passages of its objects (``core.searchable.SearchText``; a
case gives its summary, theme sections, lessons, outcomes and barriers). A long text, such
as an uploaded document, is split by :func:`split_text` into groups of paragraphs about
``DOCUMENT_PASSAGE_CHARS`` long.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from proeftuin.core.service import SearchText

from .analysis import analyze
from .models import PassageKind

DOCUMENT_PASSAGE_CHARS = 1200
MAX_PASSAGE_CHARS = 8000


@dataclass(frozen=True)
class Draft:
    kind: str
    label: str
    text: str
    position: int
    context: str = ""  # indexed with the passage but not shown: organisation names

    @property
    def text_hash(self) -> str:
        return hashlib.sha256(f"{self.label}\n{self.text}\n{self.context}".encode()).hexdigest()

    @property
    def terms(self) -> str:
        return " ".join(analyze(f"{self.label}\n{self.text}\n{self.context}"))

    @property
    def embedding_text(self) -> str:
        return f"{self.label}: {self.text}" if self.label else self.text


def drafts_of(texts: Iterable[SearchText]) -> list[Draft]:
    """The passages an app wrote for one object (``core.searchable.SearchText``), numbered;
    empty ones left out."""
    return _numbered(Draft(t.kind, t.label, t.text, 0, t.context) for t in texts if t.text.strip())


def split_text(text: str) -> list[SearchText]:
    """A long text (a document's normalised text) as passages: paragraphs packed up to
    ``DOCUMENT_PASSAGE_CHARS``, for apps whose objects are long texts."""
    return [SearchText(d.kind, d.label, d.text) for d in document_drafts(text)]


def document_drafts(text: str) -> list[Draft]:
    """Passages of a document's normalised text: paragraphs packed up to a size limit."""
    drafts, buffer = [], []
    for paragraph in text.split("\n\n"):
        if buffer and sum(len(p) for p in buffer) + len(paragraph) > DOCUMENT_PASSAGE_CHARS:
            drafts.append(_document_draft(buffer))
            buffer = []
        if paragraph.strip():
            buffer.append(paragraph.strip())
    if buffer:
        drafts.append(_document_draft(buffer))
    return _numbered(drafts)


def _document_draft(paragraphs: list[str]) -> Draft:
    return Draft(PassageKind.DOCUMENT, "", "\n".join(paragraphs), 0)


def _numbered(drafts) -> list[Draft]:
    return [
        Draft(d.kind, d.label[:200], d.text[:MAX_PASSAGE_CHARS], i, d.context)
        for i, d in enumerate(drafts)
    ]
