"""A case's meta line: the short line under a case's heading in a collection.

Casebooks and collections of practices often print, right under each case's title, one line
that says who did it, on what and when: "Gemeente Kleidorp | Zorg en welzijn | 2021-2023",
"Omgevingsdienst X · Toezicht · 2022-heden", "Provincie Y, 2019-2021". ``case_meta`` reads
that line (the first one or two short blocks after the case's heading, before its running
text or first sub-heading) into an organisation and a period.

- **Organisation**: the first field (fields are split at "|", "·", "•", " – ", ";" and ", ")
  that has an organisation's form (``names.is_organisation_line``); else, when the line has
  separated fields, its first field when that is a short capitalised name (the position
  casebooks give the organisation), not a period.
- **Period**: "2021-2023", "2021 – 2023", "2022-heden"/"2022-nu"/"sinds 2022"/"vanaf 2022"
  (an open end), or a single year.
- **Labelled lines** (a small profile under the heading) say the same: "Organisatie:
  Gemeente X", "Uitvoerder: ...", "Looptijd: 2021-2023", "Periode: ...", "Start: 2022".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from proeftuin.ingestion.structure import names
from proeftuin.ingestion.structure.front import Value
from proeftuin.ingestion.types import Block, NormalisedDocument

SEPARATOR = re.compile(r"\s+[|·•–—]\s+|\s*[|;]\s*|,\s+")
PERIOD = re.compile(
    r"\b(?P<a>(?:19|20)\d\d)\s*(?:-|–|—|/|t/m|tot)\s*(?:(?P<b>(?:19|20)\d\d)\b|"
    r"(?P<open>heden|nu|present|now|lopend|doorlopend)\b)"
    r"|\b(?:sinds|vanaf|since)\s+(?P<c>(?:19|20)\d\d)\b"
    r"|^(?P<y>(?:19|20)\d\d)$",
    re.IGNORECASE,
)
MAX_WORDS = 16
PARTICLES = {"van", "voor", "de", "der", "den", "het", "en", "op", "in", "aan", "'t"}
MAX_BLOCKS = 7  # the heading and up to six short lines under it
PERIOD_LABELS = {"looptijd", "periode", "projectperiode", "duur", "jaar", "jaren", "start",
                 "startdatum", "gestart", "sinds"}  # fmt: skip
LABELLED = re.compile(
    r"^(?P<label>organisatie|gemeente|provincie|waterschap|uitvoerder|uitgevoerd door|"
    r"initiatiefnemer|trekker|eigenaar|looptijd|periode|projectperiode|duur|jaar|jaren|start|"
    r"startdatum|gestart|sinds)\s*:\s*(?P<rest>\S.*)$",
    re.IGNORECASE,
)
FIELD = re.compile(r"\s+[|·•–—]\s+|\s*[|;]\s*|,\s+")
MAX_NAME_WORDS = 6


@dataclass(frozen=True)
class Period:
    start: int
    end: int | None  # None: open ("2022-heden") or unknown
    span: tuple[int, int]


@dataclass(frozen=True)
class CaseMeta:
    organisation: Value | None = None
    organisation_by_form: bool = False  # the name has an organisation's form
    period: Period | None = None


def case_meta(doc: NormalisedDocument, start: int, end: int) -> CaseMeta:
    """The meta line under the heading that opens ``doc.text[start:end]`` (see the module
    docstring); an empty ``CaseMeta`` when there is none."""
    organisation, by_form, period = None, False, None
    for block in _head_blocks(doc, start, end):
        meta = _labelled(block) or _read(block)
        if organisation is None and meta.organisation is not None:
            organisation, by_form = meta.organisation, meta.organisation_by_form
        period = period or meta.period
    return CaseMeta(organisation, by_form, period)


def _head_blocks(doc: NormalisedDocument, start: int, end: int) -> list[Block]:
    blocks = [b for b in doc.blocks if start <= b.start < end]
    if not blocks or blocks[0].kind != "heading":
        return []
    out = []
    for block in blocks[1:MAX_BLOCKS]:
        text = block.text.strip()
        if len(text.split()) > MAX_WORDS or text.endswith((".", "?", "!", ":")):
            break
        if block.kind == "heading" and not LABELLED.match(text) and len(out) >= 1:
            break  # the case's first sub-heading
        out.append(block)
    return out


def _labelled(block: Block) -> CaseMeta | None:
    """ "Organisatie: Gemeente X", "Looptijd: 2021-2023" (a profile under the heading)."""
    match = LABELLED.match(block.text)
    if not match:
        return None
    rest, at = match.group("rest").strip(), block.start + match.start("rest")
    if match.group("label").lower() in PERIOD_LABELS:
        return CaseMeta(None, False, _period(rest, at))
    found = names.is_organisation_line(FIELD.split(rest, maxsplit=1)[0])
    if found is not None:
        where = at + max(rest.lower().find(found.text.lower()), 0)
        return CaseMeta(Value(found.text, where, where + len(found.text), found.value), True)
    name = FIELD.split(rest, maxsplit=1)[0].strip()
    if _name_like(name):
        return CaseMeta(Value(name, at, at + len(name), name), False)
    return None


def _read(block: Block) -> CaseMeta:
    text = block.text
    fields = [(m.start(), m.group(0)) for m in re.finditer(r"[^|;·•,–—]+", text)]
    fields = [(at + len(f) - len(f.lstrip()), f.strip()) for at, f in fields if f.strip()]
    period = _period(text, block.start)
    separated = len(fields) >= 2 and bool(SEPARATOR.search(text))
    for at, field in fields:
        found = names.is_organisation_line(field)
        if found is not None:
            where = block.start + at + max(field.lower().find(found.text.lower()), 0)
            value = Value(found.text, where, where + len(found.text), found.value)
            return CaseMeta(value, True, period)
    if separated and _name_like(fields[0][1]):
        at, name = fields[0]
        value = Value(name, block.start + at, block.start + at + len(name), name)
        return CaseMeta(value, False, period)
    return CaseMeta(None, False, period)


def _name_like(text: str) -> bool:
    """A short capitalised name; not a period, a byline ("Door A. Jansen") or a person."""
    words = text.split()
    if not 1 <= len(words) <= MAX_NAME_WORDS or PERIOD.search(text):
        return False
    if words[0].lower() in ("door", "by", "tekst", "auteur") or names.persons(text):
        return False
    # a proper name: every word capitalised but particles ("Zorg en welzijn" is a theme)
    return all(w[0].isupper() or w in PARTICLES for w in words) and words[0][0].isupper()


def _period(text: str, offset: int) -> Period | None:
    match = PERIOD.search(text)
    if not match:
        return None
    first = int(match.group("a") or match.group("c") or match.group("y"))
    last = int(match.group("b")) if match.group("b") else None
    if match.group("y"):
        last = first
    if last is not None and not first <= last <= first + 15:
        return None
    return Period(first, last, (offset + match.start(), offset + match.end()))
