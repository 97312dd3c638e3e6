"""Page furniture: page numbers and running headers and footers (``normalise`` step 1).

Lines that are only a page number ("12", "- 12 -", "pagina 3 van 9"; years such as "2014"
stay) go, and so do running headers and footers: lines among the first or last three of at
least 40% of the pages (4 pages or more), compared with digits masked. A line ending a
sentence is never furniture, nor a line set large (``layout.LARGE``): the cover's title
often returns as the running header on the other pages. Nor is a line whose pages go on
alike: a running header sits above text that differs from page to page, while a heading
("Casus 3", digits masked) above a paragraph worded like the other sections' is repeated
only because the sections start alike, and stays.
"""

from __future__ import annotations

import re
from collections import Counter

from proeftuin.ingestion.structure.layout import LARGE

PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*)?(?:(pagina|page|blz\.?|p\.)\s*)?(\d{1,4})(?:\s*(?:/|van|of)\s*\d{1,4})?"
    r"(?:\s*[-–—])?$",
    re.IGNORECASE,
)
SPACES = re.compile(r"\s+")


def drop_furniture(
    pages: list[list[str]], styles: list[list], running: dict[str, str]
) -> tuple[list, list]:
    """Pages (and their styles) without furniture; ``running`` is filled with one example
    of each running header or footer (its title and date can be all a document says)."""
    repeated = _running_lines(pages) if len(pages) >= 4 else set()
    kept_pages, kept_styles = [], []
    for page, page_styles in zip(pages, styles, strict=True):
        large = {i for i, (size, _) in enumerate(page_styles) if size >= LARGE}
        kept = _page_without_furniture(page, repeated, large)
        kept_pages.append([page[i] for i in kept])
        kept_styles.append([page_styles[i] for i in kept])
        for i in set(range(len(page))) - set(kept):
            if _mask(page[i]) in repeated:
                running.setdefault(_mask(page[i]), page[i].strip())
    return kept_pages, kept_styles


def _page_without_furniture(page: list[str], repeated: set[str], large=frozenset()) -> list[int]:
    """Indexes of the lines that are not page numbers or running headers/footers. A line set
    large is never furniture: the title on the cover often returns as the running header."""
    edges = (_edges(page) - set(large)) if repeated else set()
    return [
        i
        for i, line in enumerate(page)
        if not _page_number(line) and not (i in edges and _mask(line) in repeated)
    ]


def _page_number(line: str) -> bool:
    if len(line) > 24:
        return False
    match = PAGE_NUMBER.match(line.strip())
    return bool(match) and bool(match.group(1) or not 1900 <= int(match.group(2)) <= 2099)


def _edges(page: list[str]) -> set[int]:
    filled = [i for i, line in enumerate(page) if line.strip()]
    return set(filled[:3] + filled[-3:])


def _mask(text: str) -> str:
    return SPACES.sub(" ", re.sub(r"\d+", "#", text.lower())).strip()


def _running_lines(pages: list[list[str]]) -> set[str]:
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({_mask(page[i]) for i in _edges(page)})
    threshold = max(3, 0.4 * len(pages))
    found = {key for key, count in counts.items() if count >= threshold and _header_like(key)}
    return {key for key in found if _varied_inside(key, pages, found)}


def _varied_inside(key: str, pages: list[list[str]], found: set[str]) -> bool:
    """Whether the first other lines around ``key`` (below it and above it, passing other
    running lines and page numbers) differ from page to page, as the body under a running
    header or above a footer does; the same text there every time means that the
    sections themselves start (or end) alike."""
    below, above = [], []
    for page in pages:
        texts = [_mask(line) for line in page if line.strip() and not _page_number(line)]
        if key in texts[:3] or key in texts[-3:]:
            at = texts.index(key)
            below.append(_first_other(texts[at + 1 :], found))
            above.append(_first_other(texts[:at][::-1], found))
    return _varied(below) and _varied(above)


def _varied(inside: list[str | None]) -> bool:
    seen = [text for text in inside if text is not None]
    return not seen or len(set(seen)) >= max(2, len(seen) / 2)


def _first_other(texts: list[str], found: set[str]) -> str | None:
    return next((text for text in texts if text not in found), None)


def _header_like(key: str) -> bool:
    return len(key) <= 100 and key[-1] not in ".?!" and any(ch.isalpha() for ch in key)
