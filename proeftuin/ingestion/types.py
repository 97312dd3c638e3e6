"""The data that flows through ingestion: parsed pages, normalised text, segments, suggestions.

Plain dataclasses without Django, so parsers, normalisation, segmentation and extraction
steps can be developed and tested as pure functions. Offsets are character offsets into
``NormalisedDocument.text``; pages are 1-based as printed order in the file.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, Literal

# "toc": one entry of a table of contents (never a heading, never part of a case's text).
BlockKind = Literal["heading", "paragraph", "bullet", "toc"]

# Fields that hold many values per case (every suggestion adds one); all others hold one,
# so different suggestions for them are a conflict.
LIST_FIELDS = frozenset({"outcomes", "lessons", "barriers", "people", "partners"})


class IngestionError(Exception):
    """Bad input; ``message`` is a Dutch sentence for the user, ``code`` a stable key."""

    def __init__(self, code: str, message: str):
        self.code = code
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class ParsedDocument:
    """What a parser returns: raw text per page (one page for formats without pages)."""

    format: str  # "pdf" | "docx" | "odt" | "html" | "text" | "markdown"
    pages: list[str]
    title: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str
    start: int
    end: int
    page: int
    level: int = 0  # heading level when known (1 = top), else 0
    size: float = 0.0  # font size relative to the body text (PDF only; 0.0 = unknown)
    bold: bool = False  # set in bold (PDF only)


@dataclass(frozen=True)
class PageSpan:
    number: int
    start: int
    end: int


@dataclass
class NormalisedDocument:
    """Clean text with its blocks and page spans; every later value cites offsets in it.

    ``title`` is the parser's title (file metadata, else the first heading); the title a
    reader sees on the title page is ``structure.front.title``. ``metadata`` carries what the
    parser noticed (``slides``, ``pages_without_text``, ``body_size``). ``structure`` (title
    page, table of contents, outline, body) is read on first use; see
    ``proeftuin.ingestion.structure`` for its shape.
    """

    format: str
    text: str
    blocks: list[Block]
    pages: list[PageSpan]
    title: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)
    _structure: Any = field(default=None, repr=False, compare=False)

    @property
    def structure(self):
        """The document's structure (``proeftuin.ingestion.structure.Structure``), cached."""
        if self._structure is None or self._structure.text is not self.text:
            from proeftuin.ingestion.structure import analyse

            self._structure = analyse(self)
        return self._structure

    @property
    def front(self):
        """Shortcut for ``structure.front``: title, organisations, authors, date, version."""
        return self.structure.front

    def page_at(self, offset: int) -> int:
        starts = [p.start for p in self.pages]
        index = bisect_right(starts, offset) - 1
        return self.pages[max(index, 0)].number if self.pages else 1

    def quote(self, start: int, end: int) -> str:
        return self.text[start:end]


@dataclass(frozen=True)
class Segment:
    """One case inside a document (a finalist, an experiment, a case study, or the whole)."""

    title: str
    start: int
    end: int
    kind: str  # e.g. "casebook-profile", "experiment", "case-study", "whole-document"


@dataclass(frozen=True)
class Extracted:
    """One suggested value with its source. ``field`` uses the case's field paths:
    "title", "summary", "year_start", "year_end", "organisation.name",
    "organisation.staff" (value: {"exact"|"min"|"max": int, "year": int|None}),
    "organisation.government_layer", "organisation.organisation_type",
    "organisation.domains", "organisation.website", "sections.<theme key>",
    "outcomes" (value: dict like the Outcome model), "lessons" ({"kind", "text"}),
    "barriers" ({"category", "text"}), "people" ({"name", "role"}), "partners" ({"name"})."""

    field: str
    value: Any
    start: int
    end: int
    confidence: float
    step: str
    step_version: str
