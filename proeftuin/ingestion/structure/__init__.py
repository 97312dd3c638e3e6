"""A document's structure, read before anything is extracted from it.

``analyse(doc)`` (used through ``doc.structure``, computed once per document) returns a
``Structure``:

- ``front`` (``FrontMatter``, also ``doc.front``): what the title page and colophon say:
  ``title`` (with ``title_start``/``title_end`` and ``title_source``: "title-page",
  "heading", "metadata" or ""), ``subtitle``, ``organisations`` (list of ``Value``: ``text``
  as printed, ``start``/``end``, ``value`` the full name), ``commissioned_by`` (a ``Value`` or
  None: "in opdracht van", "Opdrachtgever"), ``authors`` (list of ``Person``: ``name``,
  ``start``, ``end``, ``organisation`` from the brackets after the name, ``role``), ``date``
  (a ``Value`` whose ``value`` is "2018-10-17", "2024-08" or "2024"), ``year``, ``version``,
  and ``start``/``end``: the span of the title page(s).
- ``toc`` (list of ``TocEntry``: ``number``, ``title``, ``page``, ``level``, offsets) and
  ``toc_span`` ((start, end) or None): the table of contents, never a section.
- ``outline`` (list of ``Heading``: ``text`` without number, ``number``, ``level``,
  ``start``, ``end`` of its section, ``page``, ``in_toc``, ``kind`` "front"/"body"/"back").
- ``body`` ((start, end)): the main text, without title page, table of contents, voorwoord
  and appendices. ``span`` ((start, end)): what one case over the whole report covers: the
  body, from the very start when there is no table of contents (the title is then part of
  the story), without surrounding white space.
- ``assessment`` (``genre.Assessment``): whether the document describes an innovation at all
  (``innovation``, ``code`` saying why not), its ``language`` ("nl"/"en"), ``words``.
- ``slides`` (a slide deck) and ``skipped_pages`` (pages without text, e.g. a scanned page).

Modules: ``layout`` (line level, used by ``normalise``: fonts, tables of contents, slide
titles), ``front`` (title page, colophon), ``outline`` (table of contents, headings, body),
``names`` (organisations and persons by their form), ``genre`` (innovation or not, language).
Nothing here knows particular documents; the signals are layout and the wording families of
Dutch reports.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from proeftuin.ingestion.structure.front import FrontMatter, Person, Value, cover_end, read_front
from proeftuin.ingestion.structure.genre import Assessment, assess
from proeftuin.ingestion.structure.outline import (
    Heading,
    TocEntry,
    body_span,
    is_back_heading,
    is_front_heading,
    outline,
    toc_entries,
)
from proeftuin.ingestion.types import NormalisedDocument

__all__ = [
    "Assessment",
    "FrontMatter",
    "Heading",
    "Person",
    "Structure",
    "TocEntry",
    "Value",
    "analyse",
]


@dataclass
class Structure:
    text: str = field(repr=False)  # the text it was read from (to notice a changed document)
    front: FrontMatter
    toc: list[TocEntry]
    toc_span: tuple[int, int] | None
    outline: list[Heading]
    body: tuple[int, int]
    span: tuple[int, int]
    assessment: Assessment
    slides: bool = False
    skipped_pages: list[int] = field(default_factory=list)

    def headings_in(self, start: int, end: int) -> list[Heading]:
        return [h for h in self.outline if start <= h.start < end]


def analyse(doc: NormalisedDocument) -> Structure:
    entries, toc_span = toc_entries(doc)
    heads = outline(doc, entries, toc_span)
    front_end = toc_span[0] if toc_span and toc_span[0] > 0 else cover_end(doc)
    front = read_front(doc, front_end)
    after = max(front_end, toc_span[1] if toc_span else 0)
    body = body_span(doc, heads, after)
    heads = [replace(h, kind=_kind(h, body)) for h in heads]
    metadata = doc.metadata or {}
    slides = bool(metadata.get("slides"))
    slide_words = [len(doc.text[p.start : p.end].split()) for p in doc.pages] if slides else None
    span = _span(doc.text, body, toc_span)
    return Structure(
        text=doc.text,
        front=front,
        toc=entries,
        toc_span=toc_span,
        outline=heads,
        body=body,
        span=span,
        assessment=assess(doc.text, span, slide_words),
        slides=slides,
        skipped_pages=list(metadata.get("pages_without_text", [])),
    )


def _span(text: str, body: tuple[int, int], toc_span) -> tuple[int, int]:
    start, end = (0 if toc_span is None else body[0]), body[1]
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _kind(heading: Heading, body: tuple[int, int]) -> str:
    if heading.start < body[0] or (is_front_heading(heading) and heading.start < body[0] + 1):
        return "front"
    if heading.start >= body[1] or (is_back_heading(heading) and heading.start >= body[1]):
        return "back"
    return "body"
