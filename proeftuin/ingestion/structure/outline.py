"""The table of contents, the outline of headings and the body of a document.

- **Table of contents**: the blocks ``normalise`` marked as ``"toc"``, read as entries
  (number, title, page). The entries are found back among the headings after the table, so
  the outline knows which headings the author listed and at what level; the table itself is
  never a heading.
- **Outline**: every heading block outside the table of contents, with its number, level
  and where its section ends. When a table of contents lists numbered headings, a numbered
  heading it does not list (a numbered question or list item set as a heading) is placed
  below the listed heading before it.
- **Body**: from the first heading after the title page and the table of contents that is
  no front matter ("Voorwoord", "Colofon", "Inhoud", "Leeswijzer") to the first top-level
  back matter heading ("Bijlage", "Bijlagen", "Literatuur", "Bronnen", "Colofon", ...) after
  which only back matter follows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from proeftuin.ingestion.structure.layout import DOT_LEADER, TOC_ENTRY, TOC_HEADING
from proeftuin.ingestion.structure.textforms import compact, fold
from proeftuin.ingestion.types import Block, NormalisedDocument

NUMBER = re.compile(
    r"^(?P<num>\d{1,2}(?:\.\d{1,2})*)\.?\s*(?=[^\W\d_])"
    r"|^(?P<word>bijlage|appendix|annex|hoofdstuk|deel)\s+(?P<wnum>[\dIVXA-Z]{1,4})\b[.:]?\s*",
    re.IGNORECASE,
)
FRONT_HEADING = re.compile(
    r"^(?:voorwoord|inhoud|inhoudsopgave|colofon|dankwoord|leeswijzer|ten geleide|"
    r"verantwoording van de uitgave)\b"
)
BACK_HEADING = re.compile(
    r"^(?:bijlage|bijlagen|appendix|appendices|annex|literatuur|literatuurlijst|bronnen|"
    r"bronvermelding|bronnenlijst|referenties|references|colofon|noten|eindnoten|"
    r"afkortingen|afkortingenlijst|lijst van afkortingen|begrippenlijst|woordenlijst|"
    r"verklarende woordenlijst|over de auteurs?|dankwoord)\b"
)


@dataclass(frozen=True)
class TocEntry:
    """One line of a table of contents: "2.1 Aanleiding ..... 5"."""

    number: str  # "2.1", "Bijlage 1", "" when unnumbered
    title: str
    page: int | None
    level: int
    start: int
    end: int


@dataclass(frozen=True)
class Heading:
    """A heading of the document. ``kind``: "front" (title page, voorwoord), "body" or
    "back" (appendices, literature). ``end`` is where its section ends."""

    text: str  # without its number
    number: str
    level: int
    start: int
    end: int
    page: int
    in_toc: bool = False
    kind: str = "body"
    guessed: bool = False  # neither numbered, listed nor styled: its level is a guess

    @property
    def line(self) -> str:
        return f"{self.number} {self.text}".strip()


def split_number(text: str) -> tuple[str, str]:
    """("2.1", "Aanleiding") for "2.1 Aanleiding"; ("Bijlage 1", "Titel"); ("", text)."""
    match = NUMBER.match(text)
    if not match:
        return "", text.strip()
    if match.group("num"):
        return match.group("num"), text[match.end() :].strip()
    number = f"{match.group('word').capitalize()} {match.group('wnum')}"
    return number, text[match.end() :].strip(" :.-–")


def number_level(number: str) -> int:
    if not number:
        return 0
    if number[0].isdigit():
        return number.count(".") + 1
    return 1


def toc_entries(doc: NormalisedDocument) -> tuple[list[TocEntry], tuple[int, int] | None]:
    """The document's table of contents: the first run of "toc" blocks, when it starts near
    the beginning (within the first pages); a list elsewhere that looks like one is not."""
    blocks = _first_run(doc)
    if not blocks:
        return [], None
    entries = []
    for block in blocks:
        text = " ".join(block.text.split())
        if TOC_HEADING.match(text):
            continue
        match = TOC_ENTRY.match(text)
        label = match.group("label") if match else text
        label = DOT_LEADER.sub(" ", label).strip(" .")
        number, title = split_number(label)
        page = int(match.group("page")) if match else None
        entries.append(
            TocEntry(number, title, page, number_level(number) or 1, block.start, block.end)
        )
    return entries, (blocks[0].start, blocks[-1].end)


TOC_PAGES = 6  # a table of contents starts on one of the first pages
TOC_SHARE = 0.2  # ... or in the first fifth of a document without pages


def _first_run(doc: NormalisedDocument) -> list[Block]:
    first_pages = doc.pages[min(TOC_PAGES, len(doc.pages)) - 1].end if doc.pages else 0
    limit = max(len(doc.text) * TOC_SHARE, first_pages)
    run: list[Block] = []
    gap = 0
    for block in doc.blocks:
        if block.kind == "toc":
            if not run and block.start > limit:
                return []
            run.append(block)
            gap = 0
        elif run:
            gap += 1
            if gap > 2:
                break
    return run


def outline(
    doc: NormalisedDocument, entries: list[TocEntry], toc_span: tuple[int, int] | None
) -> list[Heading]:
    after = toc_span[1] if toc_span else 0
    listed = _listed(doc, entries, after)
    heads: list[tuple[Block, str, str, int, bool]] = []
    for block in doc.blocks:
        if block.kind != "heading" and block.start not in listed:
            continue
        number, title = split_number(block.text)
        level = listed.get(block.start) or number_level(number) or block.level or 1
        heads.append((block, number, title or block.text, level, block.start in listed))
    if listed:
        heads = _fit_to_toc(heads)
    return _with_ends(doc, heads)


def _listed(doc: NormalisedDocument, entries: list[TocEntry], after: int) -> dict[int, int]:
    """Block start -> level for the headings the table of contents lists."""
    found: dict[int, int] = {}
    candidates = [b for b in doc.blocks if b.start >= after and b.kind in ("heading", "paragraph")]
    cursor = 0
    texts = [compact(b.text[:200]) for b in candidates]
    for entry in entries:
        keys = {compact(f"{entry.number} {entry.title}"), compact(entry.title)}
        keys.discard("")
        index = _exact(texts, keys, cursor)
        if index is None:
            long_keys = [key for key in keys if len(key) >= 12]
            index = next(
                (i for i in range(cursor, len(texts)) if any(map(texts[i].startswith, long_keys))),
                None,
            )
        if index is not None:
            found[candidates[index].start] = entry.level
            cursor = index + 1
    return found


def _exact(texts: list[str], keys: set[str], cursor: int) -> int | None:
    """The first block that is exactly the entry; a block that only starts with it (a table
    row, a sentence naming the chapter) is taken when no block is the entry itself."""
    return next((i for i in range(cursor, len(texts)) if texts[i] in keys), None)


def _fit_to_toc(heads):
    """Numbered headings the table does not list go below the listed heading before them."""
    out, last_listed = [], 0
    for block, number, title, level, in_toc in heads:
        if in_toc:
            last_listed = level
        elif number and last_listed:
            level = max(level, last_listed + 1)
        out.append((block, number, title, level, in_toc))
    return out


def _with_ends(doc: NormalisedDocument, heads) -> list[Heading]:
    result = []
    for index, (block, number, title, level, in_toc) in enumerate(heads):
        end = next((h[0].start for h in heads[index + 1 :] if h[3] <= level), len(doc.text))
        guessed = not (number or in_toc or block.level)
        result.append(
            Heading(title, number, level, block.start, end, block.page, in_toc, guessed=guessed)
        )
    return result


def is_front_heading(heading: Heading) -> bool:
    return bool(FRONT_HEADING.match(fold(heading.text))) and not heading.number[:1].isdigit()


def is_back_heading(heading: Heading) -> bool:
    key = fold(heading.line)
    return bool(BACK_HEADING.match(key)) or bool(BACK_HEADING.match(fold(heading.text)))


def body_span(doc: NormalisedDocument, heads: list[Heading], front_end: int) -> tuple[int, int]:
    """(start, end) of the body: see the module docstring."""
    after = [h for h in heads if h.start >= front_end]
    start = _body_start(doc, after, front_end)
    listed = any(h.in_toc for h in after)
    scan = [h for h in after if h.start > start and (h.in_toc or not listed or _appendix(h))]
    top = min((h.level for h in scan), default=1)
    end = len(doc.text)
    for head in reversed(scan):
        if _appendix(head):
            end = head.start
            continue
        if head.level > top or (head.guessed and not is_back_heading(head)):
            continue  # a sub-heading, or one whose level is only a guess, decides nothing
        if not is_back_heading(head):
            break
        end = head.start
    return start, max(end, start)


def _appendix(heading: Heading) -> bool:
    return heading.number.lower().startswith(("bijlage", "appendix", "annex"))


def _body_start(doc: NormalisedDocument, after: list[Heading], front_end: int) -> int:
    """The first heading that is no front matter; the end of the title page when running
    text comes before any heading."""
    skip_until = front_end
    for head in after:
        if head.start < skip_until:
            continue
        if is_front_heading(head):
            skip_until = head.end
            continue
        before = doc.text[skip_until : head.start]
        return skip_until if len(before.split()) >= 5 else head.start
    return skip_until
