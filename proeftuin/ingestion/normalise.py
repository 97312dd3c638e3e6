"""Raw page text -> clean text with blocks (headings, paragraphs, bullets) and page spans.

The repairs, in order:

1. Page furniture: lines that are only a page number ("12", "- 12 -", "pagina 3 van 9"; years
   such as "2014" stay) go, and so do running headers and footers: lines among the first or
   last three of at least 40% of the pages (4 pages or more), compared with digits masked
   (lines ending a sentence are never taken for furniture).
2. Blocks: hard-wrapped lines are joined into paragraphs. A blank line is a *soft* break that
   a sentence may run across (the corpus puts one between every line of some paragraphs); two
   blank lines or a line of only spaces (the corpus's " \\n \\n") are *hard* breaks. A line
   continues the previous one unless that ended a sentence and looks like a paragraph end,
   or is heading-like; across a soft break only when the sentence is clearly unfinished.
3. Bullets: lines that start with ●, •, ▪, ¶, "-" or "*" (and lines where the extraction put
   the bullet glyph behind the text, "Lessen.•  Tekst") become ``bullet`` blocks.
4. Hyphens at line ends are resolved word by word: "luid-/ruchtig" -> "luidruchtig", but
   "Noord-/Holland", "prestatie-/indicator" (vowels that would read as one), "wet-/en
   regelgeving" and any hyphenated form the document itself uses elsewhere keep their hyphen.
5. Headings: parser markers ("## Title" from DOCX/ODT/HTML/Markdown), ALL-CAPS lines
   (joined when split over two lines), numbered titles ("3.2 Titel"; a number the layout
   put behind the title, "Inleiding14.1", is moved to the front) and short title-like lines
   without a final stop.

Offsets are exact: ``doc.text[b.start:b.end] == b.text`` for every block, and page spans
cover the text without gaps, split where the first line of each page landed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from proeftuin.ingestion.types import Block, NormalisedDocument, PageSpan, ParsedDocument

BULLET_START = re.compile(r"^(?:[•●▪■◦‣∙¶\uf0b7\uf0a7\uf0d8]\s*|[-*+]\s+)")
BULLET_GLYPH = re.compile(r"\s*[•●▪■◦‣¶\uf0b7\uf0a7]\s*")
SENTENCE_END = re.compile(r"[.!?][’”\"')\]]*(?:\d{1,3})?[\s’”\"')\]]*$")
GLYPH = re.compile(r"[•●▪■◦‣¶\uf0b7\uf0a7]")
SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,;:!?])")
MARKER_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*)?(?:(pagina|page|blz\.?|p\.)\s*)?(\d{1,4})(?:\s*(?:/|van|of)\s*\d{1,4})?"
    r"(?:\s*[-–—])?$",
    re.IGNORECASE,
)
NUMBER_FIRST = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+\w")
NUMBERED_TITLE = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+[A-ZÀ-Ý]")
NUMBER_LAST = re.compile(r"(?<=\D)\s*(\d{1,2}(?:\.\d{1,2})+)(?:\s+\d{1,3})?\s*$")
PUNCTUATION = re.compile(r"[.,;:!?()\[\]{}‘’“”\"'«»–—…*•●▪¶/]")
LEADING_WORD = re.compile(r"[^\W\d_]+")
SPACES = re.compile(r"\s+")
_FUNCTION_WORDS = "de het een van en in op te met voor aan door bij naar om of als dat die is zijn"
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split()) | {"tot", "uit", "over"}
OPENERS = "‘’“”\"'(«["
COORDINATORS = {"en", "of", "als", "tot", "noch", "and", "or", "to"}
# Vowel pairs that would read as one sound; "ie", "ea", "ia" are left out: syllable breaks such
# as "seri-/euze", "ide-/aal" or "initi-/ator" are far more common than such compounds.
VOWEL_CLASHES = {"aa", "ae", "ai", "au", "ee", "ei", "eu", "ii", "oe", "oi", "oo", "ou", "ui", "uu"}


@dataclass(slots=True)
class Line:
    text: str
    page: int
    gap: str  # break before the line: "" none, "soft" one blank line, "hard" more


class _Vocabulary:
    """The document's own words (hyphenated ones included), read only when first asked."""

    def __init__(self, pages: list[str]):
        self._pages = pages
        self._words: set[str] | None = None

    def __contains__(self, word: object) -> bool:
        if self._words is None:
            text = PUNCTUATION.sub(" ", "\n".join(self._pages).lower())
            self._words = set(text.split())
        return word in self._words


@dataclass
class Group:
    kind: str  # "plain", "bullet" or "heading" (a parser marker)
    level: int
    lines: list[Line] = field(default_factory=list)


def normalise(parsed: ParsedDocument) -> NormalisedDocument:
    mode = parsed.metadata.get("structure", "wrapped")
    pages = [page.replace("\r\n", "\n").replace("\r", "\n").split("\n") for page in parsed.pages]
    if mode == "wrapped":
        pages = _drop_furniture(pages)
    lines = _lines(pages)
    vocabulary = _Vocabulary(parsed.pages)
    width = _typical_width(lines)
    guess = mode == "wrapped"
    blocks = [_block(g, vocabulary, guess) for g in _group(lines, mode, width)]
    return _assemble(parsed, blocks, len(pages))


# -- 1. page furniture -------------------------------------------------------------------------


def _drop_furniture(pages: list[list[str]]) -> list[list[str]]:
    repeated = _running_lines(pages) if len(pages) >= 4 else set()
    return [_page_without_furniture(page, repeated) for page in pages]


def _page_without_furniture(page: list[str], repeated: set[str]) -> list[str]:
    edges = _edges(page) if repeated else set()
    return [
        line
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
    return {key for key, count in counts.items() if count >= threshold and _header_like(key)}


def _header_like(key: str) -> bool:
    return len(key) <= 100 and key[-1] not in ".?!" and any(ch.isalpha() for ch in key)


# -- 2. lines and groups -----------------------------------------------------------------------


def _lines(pages: list[list[str]]) -> list[Line]:
    lines: list[Line] = []
    blanks, spaced = 0, False
    for number, page in enumerate(pages, 1):
        for raw in page:
            text = raw.strip()
            if "  " in text or "\t" in text or "\xa0" in text:
                text = SPACES.sub(" ", text)
            if not text:
                blanks, spaced = blanks + 1, spaced or bool(raw.strip("\n\f"))
                continue
            new_page = bool(lines) and lines[-1].page != number
            gap = "hard" if blanks > 1 or spaced else "soft" if blanks or new_page else ""
            lines.append(Line(text, number, gap))
            blanks, spaced = 0, False
    return lines


def _typical_width(lines: list[Line]) -> int:
    lengths = sorted(len(line.text) for line in lines)
    return lengths[int(len(lengths) * 0.9)] if lengths else 80


def _group(lines: list[Line], mode: str, width: int) -> list[Group]:
    groups: list[Group] = []
    for line in lines:
        kind, level, text = _line_kind(line.text, mode)
        line.text = text
        current = groups[-1] if groups else None
        if kind == "plain" and current and _continues(current, line, mode, width):
            current.lines.append(line)
        else:
            groups.append(Group(kind, level, [line]))
    return groups


def _line_kind(text: str, mode: str) -> tuple[str, int, str]:
    marker = MARKER_HEADING.match(text) if mode != "wrapped" else None
    if marker:
        return "heading", len(marker.group(1)), marker.group(2).strip()
    start = BULLET_START.match(text)
    if start and len(text) > start.end():
        return "bullet", 0, text[start.end() :]
    if mode == "wrapped" and GLYPH.search(text):
        cleaned = SPACE_BEFORE_PUNCT.sub(r"\1", BULLET_GLYPH.sub(" ", text)).strip()
        if cleaned:
            return "bullet", 0, cleaned
    return "plain", 0, text


def _continues(group: Group, line: Line, mode: str, width: int) -> bool:
    if group.kind == "heading" or mode == "markers" or line.gap == "hard":
        return False
    if mode == "markdown":
        return line.gap == ""
    prev, text = group.lines[-1].text, line.text
    if _split_word(prev):
        return True
    if _caps(prev) or _caps(text):
        return _caps(prev) and _caps(text) and line.gap == ""
    if NUMBERED_TITLE.match(text) and len(text) < 0.6 * width and _heading_like(text):
        return False
    if line.gap == "soft":
        return _unfinished(group, prev, text, width)
    return _wrapped(group, prev, text)


def _unfinished(group: Group, prev: str, text: str, width: int) -> bool:
    """Across a blank line: only a sentence that clearly runs on."""
    if prev[-1] == ";" or _ends_sentence(prev):
        return False
    if prev[-1] == ":":
        return group.kind == "bullet" and len(prev) < 40
    if len(group.lines) == 1 and _heading_like(prev) and not _lower(text):
        return False
    last_word = prev.rsplit(" ", 1)[-1].lower()
    return (
        _lower(text) or prev[-1] in ",(" or last_word in FUNCTION_WORDS or len(prev) >= 0.7 * width
    )


def _wrapped(group: Group, prev: str, text: str) -> bool:
    """Without a blank line: a hard-wrapped line, unless a paragraph or heading ended."""
    if _lower(text):
        return True
    reference = max([len(ln.text) for ln in group.lines[-4:]] + [len(text)])
    if _ends_sentence(prev) and (len(prev) < 0.75 * reference or len(text) < 0.5 * reference):
        return False
    if prev[-1] == ":" and group.kind != "bullet":
        return False
    return not (len(group.lines) == 1 and _heading_like(prev) and len(prev) <= 0.7 * len(text))


def _ends_sentence(text: str) -> bool:
    """Ends with . ! or ?, perhaps followed by a closing quote or a footnote number."""
    return bool(SENTENCE_END.search(text[-8:]))


def _lower(text: str) -> bool:
    """Starts with a lower-case letter, after any opening quote or bracket."""
    return text.lstrip(OPENERS)[:1].islower()


def _split_word(text: str) -> bool:
    """Ends with a hyphen straight after a letter or digit ("luid-", "2014-"), not a dash."""
    return text.endswith("-") and text[-2:-1].isalnum()


def _caps(text: str) -> bool:
    return len(text) <= 80 and text.isupper() and sum(ch.isalpha() for ch in text) >= 3


def _heading_like(text: str) -> bool:
    words = text.split()
    if len(text) > 90 or len(words) > 12 or text[-1] in ".,;:-" or words[-1] in FUNCTION_WORDS:
        return False
    if text[-1] == "?" and len(words) > 8:
        return False
    return text[0].isupper() or bool(NUMBER_FIRST.match(text))


# -- 3-5. block text ---------------------------------------------------------------------------


def _block(
    group: Group, vocabulary: _Vocabulary, guess_headings: bool
) -> tuple[str, str, int, list[tuple[int, int]]]:
    """(kind, text, level, [(page, offset in text) per line])."""
    text, starts = group.lines[0].text, [(group.lines[0].page, 0)]
    for line in group.lines[1:]:
        text, joiner = _join(text, line.text, vocabulary)
        starts.append((line.page, len(text) + len(joiner)))
        text += joiner + line.text
    if group.kind != "plain":
        return group.kind, text, group.level, starts
    if guess_headings and _is_heading(group, text):
        text, level = _numbered(group, text)
        return "heading", text, level, [(page, 0) for page, _ in starts]
    return "paragraph", text, 0, starts


def _join(left: str, right: str, vocabulary: _Vocabulary) -> tuple[str, str]:
    """The left text (minus a line-end hyphen that was a split) and the joiner."""
    if not _split_word(left):
        return left, " "
    head = LEADING_WORD.match(right)
    if not head:
        return left, ""  # 2014-/2017, opleidings-/, trainings-
    stem, tail = left[:-1].rsplit(" ", 1)[-1].lower(), head.group().lower()
    joined, hyphenated = f"{stem}{tail}" in vocabulary, f"{stem}-{tail}" in vocabulary
    if joined != hyphenated:
        return (left[:-1], "") if joined else (left, "")  # the document's own spelling
    if not right[0].islower():
        return left, ""  # Noord-/Holland
    if tail in COORDINATORS:
        return left, " "  # wet- en regelgeving
    if stem[-1:] + tail[0] in VOWEL_CLASHES:
        return left, ""  # prestatie-indicator: vowels that would read as one keep the hyphen
    return left[:-1], ""  # luid-/ruchtig


def _is_heading(group: Group, text: str) -> bool:
    if len(group.lines) > 3 or len(text) > 120:
        return False
    if _caps(text):
        return True
    return len(group.lines) <= 2 and _heading_like(text)


def _numbered(group: Group, text: str) -> tuple[str, int]:
    for line in group.lines:
        match = NUMBER_LAST.search(line.text)
        if match:
            number = match.group(1)
            if line.text in text:
                rest = text.replace(line.text, line.text[: match.start()], 1).strip()
                return f"{number} {rest}", number.count(".") + 1
    first = NUMBER_FIRST.match(text)
    if first:
        return text, text.split()[0].rstrip(".").count(".") + 1
    return text, 1 if _caps(text) else 0


# -- assembly ----------------------------------------------------------------------------------


def _assemble(parsed: ParsedDocument, blocks: list, page_count: int) -> NormalisedDocument:
    parts: list[str] = []
    out: list[Block] = []
    first: dict[int, int] = {}
    offset = 0
    for kind, text, level, starts in blocks:
        if parts:
            offset += 2
        for page, at in starts:
            first.setdefault(page, offset + at)
        out.append(Block(kind, text, offset, offset + len(text), starts[0][0], level))
        parts.append(text)
        offset += len(text)
    text = "\n\n".join(parts)
    title = parsed.title or next((b.text for b in out if b.kind == "heading"), "")
    return NormalisedDocument(parsed.format, text, out, _spans(first, page_count, len(text)), title)


def _spans(first: dict[int, int], page_count: int, end: int) -> list[PageSpan]:
    starts = [0] * (page_count + 1)
    following = end
    for number in range(page_count, 0, -1):
        following = first.get(number, following)
        starts[number - 1] = following
    starts[0], starts[page_count] = 0, end
    return [PageSpan(n, starts[n - 1], starts[n]) for n in range(1, page_count + 1)]
