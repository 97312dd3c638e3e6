"""Raw page text -> clean text with blocks (headings, paragraphs, bullets) and page spans.

The repairs, in order:

1. Page furniture (``structure.furniture``): lines that are only a page number ("12",
   "- 12 -", "pagina 3 van 9"; years such as "2014" stay) go, and so do running headers and
   footers: lines among the first or last three of at least 40% of the pages (4 pages or
   more), compared with digits masked (lines ending a sentence are never taken for
   furniture, nor a line set large: the cover's title repeated as the running header, nor
   a line with the same text beside it on every page: sections that start alike).
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
   without a final stop. In a PDF the font decides first (``structure.layout``): lines set
   clearly larger than the body, or bold, short and title-like, are headings with a level
   from their size; a change of font size ends a paragraph; a body-size line in the regular
   weight is a heading only when numbered, in capitals or at most three words.
6. Tables of contents become blocks of kind ``"toc"`` (one per entry), and in a slide deck
   every slide starts a new block and its title is a heading (``structure.layout``).

Offsets are exact: ``doc.text[b.start:b.end] == b.text`` for every block, and page spans
cover the text without gaps, split where the first line of each page landed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from proeftuin.ingestion.structure import layout
from proeftuin.ingestion.structure.furniture import drop_furniture
from proeftuin.ingestion.types import Block, NormalisedDocument, PageSpan, ParsedDocument

BULLET_START = re.compile(r"^(?:[•●▪■◦‣∙¶\uf0b7\uf0a7\uf0d8]\s*|[-*+]\s+)")
BULLET_GLYPH = re.compile(r"\s*[•●▪■◦‣¶\uf0b7\uf0a7]\s*")
SENTENCE_END = re.compile(r"[.!?][’”\"')\]]*(?:\d{1,3})?[\s’”\"')\]]*$")
GLYPH = re.compile(r"[•●▪■◦‣¶\uf0b7\uf0a7]")
SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,;:!?])")
MARKER_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
NUMBER_FIRST = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+\w")
NUMBERED_TITLE = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+[A-ZÀ-Ý]")
NUMBER_LAST = re.compile(r"(?<=\D)\s*(\d{1,2}(?:\.\d{1,2})+)(?:\s+\d{1,3})?\s*$")
PUNCTUATION = re.compile(r"[.,;:!?()\[\]{}‘’“”\"'«»–—…*•●▪¶/]")
LEADING_WORD = re.compile(r"[^\W\d_]+")
SPACES = re.compile(r"\s+")
COVER_WORDS = 80
LABEL_LINE = re.compile(  # colophon lines: never a heading, never joined to each other
    r"^(?:opdrachtgever|in opdracht van|datum|versie|status|auteurs?|auteur\(s\)|tekst|"
    r"redactie|samenstelling|uitgave|uitgegeven door|contact(?:persoon)?|kenmerk|telefoon|"
    r"e-mail|vormgeving|fotografie|druk|foto's)\s*:",
    re.IGNORECASE,
)
DATE_LINE = re.compile(
    r"^\d{1,2}\s+(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober"
    r"|november|december)\s+\d{4}$",
    re.IGNORECASE,
)
PLACE_DATE_LINE = re.compile(
    r"^(?:[A-Z][\w'’-]*(?: [\w'’-]+){0,2},\s+)?(?:\d{1,2}\s+)?(?:januari|februari|maart|april|mei|"
    r"juni|juli|augustus|september|oktober|november|december)\s+\d{4}$",
    re.IGNORECASE,
)
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
    size: float = 0.0  # font size relative to the body text (0.0 unknown)
    bold: bool = False
    toc: bool = False  # an entry (or the heading) of a table of contents
    slide_title: bool = False
    cover: bool = False  # on a title page: every line stands alone


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
    kind: str  # "plain", "bullet", "heading" (a parser marker), "styled" (font), "toc"
    level: int
    lines: list[Line] = field(default_factory=list)


@dataclass
class _Layout:
    """What the fonts say, for one document."""

    known: bool = False  # the parser gave font sizes
    bold: bool = False  # bold marks headings in this document
    recurring: list[float] = field(default_factory=list)  # heading sizes, largest first
    slides: bool = False


def normalise(parsed: ParsedDocument) -> NormalisedDocument:
    mode = parsed.metadata.get("structure", "wrapped")
    pages = [page.replace("\r\n", "\n").replace("\r", "\n").split("\n") for page in parsed.pages]
    styles = layout.relative_styles(parsed.metadata, pages)
    running: dict[str, str] = {}
    if mode == "wrapped":
        pages, styles = drop_furniture(pages, styles, running)
    slides = bool(parsed.metadata.get("slides"))
    lines = _lines(pages, styles, slides)
    if mode == "wrapped":
        _mark_cover(lines)
    found = _layout(lines, slides)
    vocabulary = _Vocabulary(parsed.pages)
    width = _typical_width(lines)
    guess = mode == "wrapped"
    groups = _group(lines, mode, width, found)
    blocks = [_block(g, vocabulary, guess, found) for g in groups]
    document = _assemble(parsed, blocks, len(pages))
    document.metadata["running_lines"] = list(running.values())
    return document


def _layout(lines: list[Line], slides: bool) -> _Layout:
    layout.mark_toc(lines)
    known = any(line.size for line in lines)
    if slides:
        layout.mark_slide_titles(lines)
    bold = known and layout.bold_is_signal(lines)
    recurring = layout.size_levels(layout.collect_sizes(lines, bold)) if known else []
    return _Layout(known, bold, recurring, slides)


# -- 2. lines and groups -----------------------------------------------------------------------


def _lines(pages: list[list[str]], styles: list[list], slides: bool = False) -> list[Line]:
    lines: list[Line] = []
    blanks, spaced = 0, False
    for number, (page, page_styles) in enumerate(zip(pages, styles, strict=True), 1):
        for raw, (size, bold) in zip(page, page_styles, strict=True):
            text = raw.strip()
            if "  " in text or "\t" in text or "\xa0" in text:
                text = SPACES.sub(" ", text)
            if not text:
                blanks, spaced = blanks + 1, spaced or bool(raw.strip("\n\f"))
                continue
            new_page = bool(lines) and lines[-1].page != number
            hard = blanks > 1 or spaced or (slides and new_page)
            gap = "hard" if hard else "soft" if blanks or new_page else ""
            lines.append(Line(text, number, gap, size, bold))
            blanks, spaced = 0, False
    return lines


def _mark_cover(lines: list[Line]) -> None:
    """A first page of three or more lines with little text, followed by a page that does
    not continue its last sentence, is a title page: its lines (title, date, authors,
    commissioner) are not joined into paragraphs."""
    first = [line for line in lines if line.page == 1]
    if len(first) < 3 or len(first) == len(lines) or _lower(lines[len(first)].text):
        return  # a page that runs on into the next is no title page
    if sum(len(ln.text.split()) for ln in first) > COVER_WORDS:
        return
    for line in first:
        line.cover = True
    lines[len(first)].gap = "hard"


def _typical_width(lines: list[Line]) -> int:
    lengths = sorted(len(line.text) for line in lines)
    return lengths[int(len(lengths) * 0.9)] if lengths else 80


def _group(lines: list[Line], mode: str, width: int, found: _Layout) -> list[Group]:
    groups: list[Group] = []
    for line in lines:
        current = groups[-1] if groups else None
        if line.toc:
            line.text = layout.MARKER.sub("", line.text)
            if current and current.kind == "toc" and layout.wraps(current.lines[-1].text):
                current.lines.append(line)  # an entry wrapped over two lines
            else:
                groups.append(Group("toc", 0, [line]))
            continue
        kind, level, text = _line_kind(line.text, mode)
        line.text = text
        if kind == "plain" and (line.slide_title or layout.heading_style(line, found.bold)):
            if current and current.kind == "styled" and _same_heading(current, line):
                current.lines.append(line)
            else:
                groups.append(Group("styled", 0, [line]))
        elif kind == "plain" and current and _continues(current, line, mode, width):
            current.lines.append(line)
        else:
            groups.append(Group(kind, level, [line]))
    return groups


def _same_heading(group: Group, line: Line) -> bool:
    """The next line of a heading set over two or three lines in one font."""
    prev = group.lines[-1]
    if len(group.lines) >= 3 or line.gap == "hard" or line.page != prev.page:
        return False
    if prev.slide_title != line.slide_title or prev.bold != line.bold:
        return False
    return abs(prev.size - line.size) <= 0.05 and not NUMBERED_TITLE.match(line.text)


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
    if group.kind in ("heading", "styled", "toc") or mode == "markers" or line.gap == "hard":
        return False
    if line.cover:
        return False
    if line.size and group.lines[-1].size and abs(line.size - group.lines[-1].size) > 0.1:
        return False  # another font size: another paragraph
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
    if LABEL_LINE.match(text) and LABEL_LINE.match(group.lines[-1].text):
        return False  # "Datum: ..." under "Opdrachtgever: ...": a list of labels
    if PLACE_DATE_LINE.match(text) or PLACE_DATE_LINE.match(prev):
        return False  # "Den Haag, maart 2019" on a title page or under a letter stands alone
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
    if DATE_LINE.match(text) or LABEL_LINE.match(text):
        return False
    core = text.rstrip("\"”’')»")  # a quotation that ends a sentence: 'beter."'
    if len(text) > 90 or len(words) > 12 or not core or core[-1] in ".,;:-":
        return False
    if words[-1] in FUNCTION_WORDS:
        return False
    if text[-1] == "?" and len(words) > 8:
        return False
    return text[0].isupper() or bool(NUMBER_FIRST.match(text))


# -- 3-5. block text ---------------------------------------------------------------------------


def _block(
    group: Group, vocabulary: _Vocabulary, guess_headings: bool, found: _Layout
) -> tuple[str, str, int, list[tuple[int, int]], Line]:
    """(kind, text, level, [(page, offset in text) per line], first line)."""
    text, starts = group.lines[0].text, [(group.lines[0].page, 0)]
    for line in group.lines[1:]:
        text, joiner = _join(text, line.text, vocabulary)
        starts.append((line.page, len(text) + len(joiner)))
        text += joiner + line.text
    first = group.lines[0]
    if group.kind == "styled":
        return _styled_block(group, text, starts, found)
    if group.kind != "plain":
        return group.kind, text, group.level, starts, first
    if guess_headings and _is_heading(group, text) and _font_allows(group, text, found):
        text, level = _numbered(group, text)
        return "heading", text, level, [(page, 0) for page, _ in starts], first
    return "paragraph", text, 0, starts, first


def _styled_block(group: Group, text: str, starts, found: _Layout):
    """A group set like a heading: a heading unless it reads as a sentence."""
    first = group.lines[0]
    if (text[-1] in ".;," and not first.slide_title) or len(text) > 200:
        return "paragraph", text, 0, starts, first
    text, level = _numbered(group, text)
    if not NUMBER_FIRST.match(text):
        level = 1 if found.slides else layout.level_for(first.size, first.bold, found.recurring)
    return "heading", text, level, [(page, 0) for page, _ in starts], first


def _font_allows(group: Group, text: str, found: _Layout) -> bool:
    """With fonts known, a line in the body's font is a heading only when numbered, in
    capitals or very short (the text alone would take many a short sentence for one)."""
    first = group.lines[0]
    if not found.known or not 0 < first.size < layout.LARGE or found.slides:
        return True
    return bool(NUMBERED_TITLE.match(text)) or _caps(text) or len(text.split()) <= 3


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
    for kind, text, level, starts, line in blocks:
        if parts:
            offset += 2
        for page, at in starts:
            first.setdefault(page, offset + at)
        block = Block(
            kind, text, offset, offset + len(text), starts[0][0], level, line.size, line.bold
        )
        out.append(block)
        parts.append(text)
        offset += len(text)
    text = "\n\n".join(parts)
    title = parsed.title or next((b.text for b in out if b.kind == "heading"), "")
    spans = _spans(first, page_count, len(text))
    metadata = {k: v for k, v in parsed.metadata.items() if k != "styles"}
    metadata["parser_title"] = parsed.title
    return NormalisedDocument(parsed.format, text, out, spans, title, metadata)


def _spans(first: dict[int, int], page_count: int, end: int) -> list[PageSpan]:
    starts = [0] * (page_count + 1)
    following = end
    for number in range(page_count, 0, -1):
        following = first.get(number, following)
        starts[number - 1] = following
    starts[0], starts[page_count] = 0, end
    return [PageSpan(n, starts[n - 1], starts[n]) for n in range(1, page_count + 1)]
