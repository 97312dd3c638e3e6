"""The title page and colophon: title, organisations, commissioner, authors, date, version.

The title page is what comes before the table of contents; without one, the first page of a
paged document when it holds little text (a cover), else the first block and the short
blocks after it (a byline, a date) up to the first heading or running text.

- **Title**: the largest text on the title page (PDF font sizes; never a newsletter masthead
  "Nieuwsbrief X - nummer 2" or a genre label "INTERVIEW"), with a one-to-three word
  line set large just above it ("Gebruikersonderzoek") in front; without sizes the first
  heading, else the first short line. Never a date, a version, an organisation's name, a
  label ("Auteurs:") or a generic word ("Rapport", "Presentatie", "PowerPoint-presentatie",
  "Microsoft Word - ...", a file name). The file's own title (metadata) only when the page
  gives none, and never a generic one.
- **Organisations**: lines that are only an organisation's name, the organisations in a
  byline's brackets ("door A (VNG), B (GGD-regio Utrecht)"), "in opdracht van X" and
  "Opdrachtgever: X" (``commissioned_by``), "Uitgave: X"; then organisations named in a
  running header or footer (cited where the text names them).
- **Authors**: after "Auteur(s):", "Door:", "Tekst:", "Redactie:" or in a byline "door A,
  B en C", each with its offsets and, from the brackets after it, its organisation.
- **Date, year, version**: the first date on the title page (else the file's own date,
  ``metadata["published"]`` of a web page or Markdown file; else in the colophon, in a
  running header or footer, or near the start of the text): "17 oktober 2018", "augustus
  2024", "23-08-2024"; "Versie 1.0", "V 1.0".
- **Colophon**: label lines ("In opdracht van", "Auteur(s)", "Datum", "Versie",
  "Opdrachtgever") are read on the title page, in a "Colofon" section and on the last page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from proeftuin.ingestion.structure import names
from proeftuin.ingestion.structure.dates import DATE, MONTHS, YEAR_ONLY, iso
from proeftuin.ingestion.structure.layout import LARGE
from proeftuin.ingestion.structure.textforms import fold
from proeftuin.ingestion.types import Block, NormalisedDocument

VERSION = re.compile(
    r"\b(?:versie|version|v)\s?\.?\s?(?P<v>\d+(?:\.\d+){1,3}|\d+)(?![\w.])", re.IGNORECASE
)
LABEL = re.compile(
    r"^(?P<label>auteurs?|auteur\(s\)|door|tekst|samenstelling|redactie|geschreven door|"
    r"in opdracht van|opdrachtgever|uitgave|uitgegeven door|datum|versie|status)"
    r"\s*:?\s*(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
AUTHOR_LABELS = {"auteur", "auteurs", "auteur(s)", "door", "tekst", "samenstelling", "redactie",
                 "geschreven door"}  # fmt: skip
NEXT_LABEL = re.compile(r"\s+(?=[A-Z][\w()]*(?: [\w()]+)?:\s)")
COMMISSION = re.compile(r"\b(?:in opdracht van|op verzoek van)\s+(?:de\s+|het\s+)?", re.I)
GENERIC_TITLES = {
    "rapport", "eindrapport", "verslag", "presentatie", "powerpoint-presentatie",
    "powerpoint presentatie", "powerpoint presentation", "presentation", "document", "notitie",
    "memo", "handout", "brief", "titel", "title", "untitled", "naamloos", "inhoud", "concept",
    "dia 1", "slide 1", "report", "notulen", "agenda", "welkom", "programma", "opening",
    "dagprogramma",
    # the genre label a newsletter or magazine sets above an article
    "interview", "nieuws", "nieuwsbericht", "persbericht", "column", "achtergrond", "reportage",
    "nieuwsbrief", "in gesprek",
}  # fmt: skip
QUOTED = re.compile(r'^["“„‘\'][^"“”„]+["”’\']$')
# a report that states its own title in a sentence ("'X' is de titel van dit rapport", "de
# titel van deze publicatie is 'X'"): a common phrasing in forewords and introductions
QUOTE = r"[‘'\"“„]([^‘’'\"“”„\n]{5,90})[’'\"”]"
SELF_TITLE = re.compile(
    rf"{QUOTE}\s+is\s+de\s+titel\s+van\s+(?:dit|deze)\b"
    rf"|\bde\s+titel\s+van\s+(?:dit|deze)\s+\w+\s+(?:is\s+|luidt\s+)?:?\s*{QUOTE}",
    re.IGNORECASE,
)
SELF_TITLE_CHARS = 20_000
# a newsletter's or magazine's masthead: "Nieuwsbrief X - nummer 2, april 2024", "jaargang 3"
MASTHEAD = re.compile(r"\b(?:nummer|nr\.?|editie|jaargang|aflevering)\s*\d{1,3}\b", re.I)
GENERIC_PREFIX = re.compile(r"^(?:microsoft (?:word|powerpoint|excel)\s*-|untitled|naamloos)", re.I)
FILE_NAME = re.compile(
    r"\.(?:docx?|pdf|pptx?|odt|txt|html?)$|^\S*_\S*$|^[\w.-]*\d[\w.-]*-[\w.-]*$", re.IGNORECASE
)
MAX_COVER_WORDS = 120
FIELD_END = re.compile(r"\s+[|·•–—+&]\s+|\s*[|;]\s*|,\s+")
SECTION_NAMES = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s*)?(?:inleiding|samenvatting|managementsamenvatting|"
    r"management samenvatting|aanleiding|voorwoord|achtergrond|introductie|conclusies?)\b"
)
# "Den Haag, 2019", "Utrecht 2021", "Bergen op Zoom, maart 2020": a place is one or two words
# (three with a comma); "Evaluatie Buurtbudget Noorderkwartier 2023" is a title.
PLACE_DATE = re.compile(
    rf"^(?:[A-Z][\w'’-]*(?: [\w'’-]+){{0,2}},\s+)?(?:\d{{1,2}}\s+)?(?:{MONTHS})\s+\d{{4}}$",
    re.IGNORECASE,
)
PLACE_AND_YEAR = re.compile(
    r"^(?:[\w'’-]+(?: [\w'’-]+)?|[\w'’-]+(?: [\w'’-]+){0,2},)\s+(?:19|20)\d\d$"
)


@dataclass(frozen=True)
class Value:
    """A value as printed (``text``, offsets in ``doc.text``) and normalised (``value``)."""

    text: str
    start: int
    end: int
    value: str = ""


@dataclass(frozen=True)
class Person:
    name: str
    start: int
    end: int
    organisation: str = ""  # from the brackets after the name, as printed
    role: str = "auteur"


@dataclass
class FrontMatter:
    """What the title page and colophon say. Offsets are in ``doc.text``; -1 when unknown."""

    start: int = 0
    end: int = 0  # the title page ends here (the table of contents or the body follows)
    title: str = ""
    title_start: int = -1
    title_end: int = -1
    title_source: str = ""  # "title-page", "heading", "metadata" or "" (none found)
    subtitle: str = ""
    organisations: list[Value] = field(default_factory=list)  # value: the full name
    commissioned_by: Value | None = None
    authors: list[Person] = field(default_factory=list)
    date: Value | None = None  # value: "2018-10-17", "2024-08" or "2024"
    year: int | None = None
    version: str = ""


def read_front(doc: NormalisedDocument, region_end: int) -> FrontMatter:
    blocks = [b for b in doc.blocks if b.end <= region_end and b.kind != "toc"]
    front = FrontMatter(0, region_end)
    _title(doc, blocks, front)
    colophon = blocks + _colophon_blocks(doc, region_end)
    _labels(doc, colophon, front)
    _bylines(doc, blocks, front)
    _title_page_organisations(blocks, front, names.defined_names(doc.text))
    _running_organisations(doc, front)
    _commission(doc, colophon, front)
    _date(doc, blocks, colophon, front)
    if not front.version:
        found = next((m for b in blocks if (m := VERSION.search(b.text))), None)
        front.version = found.group("v") if found else ""
    return front


def cover_end(doc: NormalisedDocument) -> int:
    """End of the title page when there is no table of contents (see the module docstring)."""
    if not doc.blocks:
        return 0
    first_page = [b for b in doc.blocks if b.page == doc.blocks[0].page]
    words = sum(len(b.text.split()) for b in first_page)
    if len(doc.pages) > 1 and words <= MAX_COVER_WORDS and len(first_page) < len(doc.blocks):
        return first_page[-1].end
    if SECTION_NAMES.match(fold(doc.blocks[0].text)):
        return 0  # the text starts at once ("Inleiding"): no title page
    first = doc.blocks[0]
    if len(first.text.split()) > 25:
        return 0
    end, label = first.end, False
    for block in doc.blocks[1:6]:
        headline = label and len(block.text.split()) <= 20  # the line under "INTERVIEW"
        label = generic_title(block.text) and len(block.text.split()) <= 2
        if not (label or headline or _front_item(block)):
            break
        end = block.end
    return end


def _front_item(block: Block) -> bool:
    """A line of a title page: a date, a version, a label, a byline, names, an organisation."""
    text = block.text.strip()
    if len(text.split()) > 40:
        return False
    if block.kind == "heading":  # only a name or a date set apart: "Gemeente X", "maart 2019"
        return bool(PLACE_DATE.match(text) or names.is_organisation_line(text))
    if DATE.search(text) or VERSION.match(text) or LABEL.match(text):
        return True
    if text.lower().startswith(("door ", "geschreven door")) or PLACE_AND_YEAR.match(text):
        return True
    if names.is_organisation_line(text):
        return True
    people = names.persons(text)
    return bool(people) and sum(len(p.text) for p in people) >= 0.6 * len(text)


# -- title --------------------------------------------------------------------------------------


def generic_title(text: str) -> bool:
    key = fold(text).strip(" .:-")
    return (
        not key
        or key in GENERIC_TITLES
        or bool(GENERIC_PREFIX.match(key))
        or bool(FILE_NAME.search(text.strip()))
    )


def _candidate(block: Block) -> bool:
    text = block.text.strip()
    if block.kind not in ("heading", "paragraph") or len(text.split()) > 20 or len(text) < 3:
        return False
    if generic_title(text) or (DATE.search(text) and len(text) < 40) or YEAR_ONLY.match(text):
        return False
    if PLACE_AND_YEAR.match(text) or SECTION_NAMES.match(fold(text)):
        return False
    if MASTHEAD.search(text) and (DATE.search(text) or " - " in text or "|" in text):
        return False  # a masthead names the publication, not the article
    marked = block.size >= LARGE or (block.kind == "heading" and block.level == 1)
    if _only_names(text) and not marked:
        return False  # an author's name; two capitalised words set large are a title
    if DATE.search(text) and names.is_organisation_line(FIELD_END.split(text, maxsplit=1)[0]):
        return False  # "Gemeente X, afdeling Y — januari 2024": a byline
    if VERSION.match(text) or LABEL.match(text) or names.is_organisation_line(text):
        return False
    return not text.lower().startswith("door ")


def _only_names(text: str) -> bool:
    if any(ch.isdigit() for ch in text):
        return False
    people = names.persons(text)
    return bool(people) and sum(len(p.text) for p in people) >= 0.8 * len(text)


def _title(doc: NormalisedDocument, blocks: list[Block], front: FrontMatter) -> None:
    candidates = [b for b in blocks if _candidate(b)]
    if not candidates:  # a title page with only a name ("GEMEENTE PROEFSTAD") is titled by it
        candidates = [b for b in blocks[:1] if names.is_organisation_line(b.text)]
    main = _main_title(candidates)
    parser_title = doc.metadata.get("parser_title", "") if doc.metadata else doc.title
    weak = main is not None and not main.size and main.kind != "heading"
    if weak and parser_title and not generic_title(parser_title):
        main = None  # plain lines only: the file's own title says more
    if main is not None:
        start, text = main.start, main.text
        kicker = _kicker(blocks, main)
        if kicker is not None:
            start, text = kicker.start, f"{kicker.text} {main.text}"
        front.title, front.title_start, front.title_end = text.strip(), start, main.end
        if QUOTED.match(front.title):  # a quote as a headline: the words are the title
            front.title = front.title[1:-1].strip()
            front.title_start, front.title_end = start + 1, main.end - 1
        front.title_source = "title-page" if main.size or main.kind == "heading" else "heading"
        front.subtitle = _subtitle(candidates, main)
        return
    heading = next((b for b in doc.blocks if b.kind == "heading" and _candidate(b)), None)
    stated = SELF_TITLE.search(doc.text, 0, SELF_TITLE_CHARS)
    if stated and not (parser_title and not generic_title(parser_title)):
        group = 1 if stated.group(1) else 2
        front.title, front.title_source = stated.group(group).strip(), "heading"
        front.title_start, front.title_end = stated.start(group), stated.end(group)
    elif parser_title and not generic_title(parser_title):
        front.title, front.title_source = parser_title.strip(), "metadata"
        where = doc.text.find(front.title)
        if where >= 0:
            front.title_start, front.title_end = where, where + len(front.title)
    elif heading is not None:
        front.title, front.title_source = heading.text, "heading"
        front.title_start, front.title_end = heading.start, heading.end


def _main_title(candidates: list[Block]) -> Block | None:
    if not candidates:
        return None
    if any(b.size for b in candidates):
        page = candidates[0].page
        on_page = [b for b in candidates if b.page == page]
        best = max(on_page, key=lambda b: (round(b.size, 2), b.bold))
        return best if best.size >= LARGE or best.kind == "heading" else candidates[0]
    headings = [b for b in candidates if b.kind == "heading"]
    return min(headings, key=lambda b: (b.level or 9, b.start)) if headings else candidates[0]


def _kicker(blocks: list[Block], main: Block) -> Block | None:
    """A short line set large just above the title ("Gebruikersonderzoek")."""
    index = blocks.index(main)
    if not index:
        return None
    above = blocks[index - 1]
    words = above.text.split()
    if above.page != main.page or not above.size or above.size < LARGE or len(words) > 3:
        return None
    return above if _candidate(above) and not above.text.endswith(":") else None


def _subtitle(candidates: list[Block], main: Block) -> str:
    for block in candidates:
        if block.start <= main.start or fold(block.text) == fold(main.text):
            continue
        if block.kind == "heading" and len(block.text.split()) >= 3:
            return block.text
    return ""


# -- colophon, bylines, organisations --------------------------------------------------------------


def _colophon_blocks(doc: NormalisedDocument, region_end: int) -> list[Block]:
    """Blocks of a "Colofon" section and of the last page (where colophons often are)."""
    out: list[Block] = []
    inside = False
    for block in doc.blocks:
        if block.kind == "heading":
            inside = fold(block.text).startswith("colofon")
        elif inside and block.start >= region_end:
            out.append(block)
    if len(doc.pages) > 3:
        last = doc.pages[-1]
        out += [b for b in doc.blocks if b.start >= max(last.start, region_end) and b not in out]
    return [b for b in out if len(b.text) < 400]


def _labels(doc: NormalisedDocument, blocks: list[Block], front: FrontMatter) -> None:
    for index, block in enumerate(blocks):
        match = LABEL.match(block.text.strip())
        if not match:
            continue
        label = fold(match.group("label"))
        rest, start = match.group("rest").strip(), block.start + match.start("rest")
        rest = NEXT_LABEL.split(rest, maxsplit=1)[0]
        if label in AUTHOR_LABELS and not front.authors and label != "door":
            front.authors = _people(rest, start) if rest else _people_below(blocks[index + 1 :])
            continue
        if not rest and index + 1 < len(blocks):
            rest, start = blocks[index + 1].text, blocks[index + 1].start
        if label in ("in opdracht van", "opdrachtgever") and front.commissioned_by is None:
            front.commissioned_by = _organisation(rest, start)
        elif label in ("uitgave", "uitgegeven door"):
            found = _organisation(rest, start)
            if found and found.value not in {o.value for o in front.organisations}:
                front.organisations.append(found)
        elif label == "versie" and not front.version:
            version = re.match(r"\d+(?:\.\d+)*", rest)
            front.version = version.group(0) if version else ""
        elif label == "datum" and front.date is None:
            front.date = _date_in(rest, start)


def _people_below(blocks: list[Block]) -> list[Person]:
    """Names on the lines under an "Auteurs:" label, one or more per line."""
    people: list[Person] = []
    for block in blocks[:8]:
        found = _people(block.text, block.start)
        if not found or sum(len(p.name) for p in found) < 0.6 * len(block.text.split("(")[0]):
            break
        people += found
    return people


def _people(text: str, start: int) -> list[Person]:
    people = []
    for found in names.persons(text, start):
        after = text[found.end - start : found.end - start + 120]
        org = re.match(r"\s*\(([^)]*)\)", after)
        people.append(Person(found.text, found.start, found.end, org.group(1) if org else ""))
    return _shared_brackets(text, start, people)


def _shared_brackets(text: str, start: int, people: list[Person]) -> list[Person]:
    """ "Lisette Plantinga en Jacko de With (Volksgezondheid, gemeente Utrecht)": both."""
    out = list(people)
    for index in range(len(out) - 2, -1, -1):
        person, following = out[index], out[index + 1]
        between = text[person.end - start : following.start - start]
        joined = re.fullmatch(r"\s*(?:en|and|&)\s*", between)
        if joined and not person.organisation and following.organisation:
            out[index] = Person(person.name, person.start, person.end, following.organisation)
    return out


def _organisation(text: str, start: int) -> Value | None:
    found = names.organisations(text[:160], start, areas=True)
    if found:
        first = found[0]
        return Value(first.text, first.start, first.end, first.value)
    phrase = re.match(r"[A-Z][\w&'’-]*(?:\s+(?:van|de|der|voor|en|[A-Z][\w&'’-]*)){0,6}", text)
    if not phrase:
        return None
    words = phrase.group(0).split()
    while words and words[-1] in ("van", "de", "der", "voor", "en"):
        words.pop()
    name = " ".join(words)
    return Value(name, start, start + len(name), name) if name else None


def _bylines(doc: NormalisedDocument, blocks: list[Block], front: FrontMatter) -> None:
    """ "door Mark Gremmen (VNG), Ellen Tromp (GGD-regio Utrecht) en ..." on the title page."""
    for block in blocks:
        text = block.text.strip()
        match = re.match(r"(?:geschreven\s+)?door[:\s]+", text, re.IGNORECASE)
        if not match or len(text.split()) > 60:
            continue
        rest, start = text[match.end() :], block.start + match.end()
        if not front.authors:
            front.authors = _people(rest, start)
        for bracket in re.finditer(r"\(([^)]*)\)", rest):
            at = start + bracket.start(1)
            for found in names.organisations(bracket.group(1), at, areas=True):
                _add_organisation(front, Value(found.text, found.start, found.end, found.value))


def _title_page_organisations(blocks: list[Block], front: FrontMatter, defined) -> None:
    """Lines that are an organisation's name, or start with one before a separator
    ("Gemeente X, afdeling Y — januari 2024", "Provincie X | Team Y", "X + partners"); a
    name the document defines (``names.defined_names``: "Gegevens Knooppunt Groningen"
    beside "GKG") counts as one."""
    for block in blocks:
        if len(block.text) >= 120 or block.start == front.title_start:
            continue
        first = FIELD_END.split(block.text, maxsplit=1)[0]
        whole = len(block.text) < 80
        found = names.is_organisation_line(block.text, defined) if whole else None
        found = found or names.is_organisation_line(first, defined)
        if found is not None:
            at = max(block.text.lower().find(found.text.lower()), 0)
            start = block.start + at
            _add_organisation(front, Value(found.text, start, start + len(found.text), found.value))


def _running_organisations(doc: NormalisedDocument, front: FrontMatter) -> None:
    """An organisation named in a running header or footer (removed from the text), cited
    where the text names it."""
    for line in (doc.metadata or {}).get("running_lines", []):
        for found in names.organisations(line, areas=True):
            at = doc.text.lower().find(found.text.lower())
            if at >= 0:
                value = Value(doc.text[at : at + len(found.text)], at, at + len(found.text))
                _add_organisation(front, Value(value.text, at, value.end, found.value))


def _add_organisation(front: FrontMatter, value: Value) -> None:
    if value.value not in {o.value for o in front.organisations}:
        front.organisations.append(value)


def _commission(doc: NormalisedDocument, blocks: list[Block], front: FrontMatter) -> None:
    if front.commissioned_by is not None:
        return
    for block in blocks:
        match = COMMISSION.search(block.text)
        if match:
            found = _organisation(block.text[match.end() :], block.start + match.end())
            if found is not None:
                front.commissioned_by = found
                return


# -- date ------------------------------------------------------------------------------------------


def _date_in(text: str, start: int) -> Value | None:
    match = DATE.search(text)
    if not match:
        return None
    return Value(match.group(0), start + match.start(), start + match.end(), iso(match))


def _date(doc: NormalisedDocument, blocks: list[Block], colophon: list[Block], front) -> None:
    if front.date is None:
        front.date = next((d for b in blocks if (d := _date_in(b.text, b.start))), None)
    published = (doc.metadata or {}).get("published", "")
    if front.date is None and published:  # a web page's or Markdown file's own date
        at = max(front.title_start, 0)
        front.date = Value(published, at, at, published)
    if front.date is None:
        front.date = next((d for b in colophon if (d := _date_in(b.text, b.start))), None)
    if front.date is None:
        for line in doc.metadata.get("running_lines", []) if doc.metadata else []:
            match = DATE.search(line)
            if match:
                at = max(front.title_start, 0)
                front.date = Value(match.group(0), at, at, iso(match))
                break
    if front.date is None:
        head = doc.text[front.end : front.end + 1500]
        front.date = _date_in(head, front.end)
    if front.date is None:
        year = next((b for b in blocks if YEAR_ONLY.match(b.text.strip())), None)
        if year is not None:
            front.date = Value(year.text, year.start, year.end, year.text.strip())
    front.year = int(front.date.value[:4]) if front.date else None
