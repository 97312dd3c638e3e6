"""Step "organisation.name": the lead organisation's name as printed.

For a report about one innovation ("whole-document") the title page and colophon come
first (``doc.front``): the commissioner ("in opdracht van X", "Opdrachtgever: X"), else the
first organisation the title page or byline names ("Gemeente Tilburg" under the title,
"door A (VNG), B (GGD)"); then a commissioning sentence in the text ("Logius heeft X
gevraagd ...", "in opdracht van X"); then the organisation under the signature that ends
the foreword ("Menno Spaan" / "Bureau X advies"). A well-known abbreviation is given its full name
(``structure.names.KNOWN``). Places used as an area ("Kwetsbaarheid in de provincie
Utrecht") are never the organisation.

A case in a collection with a meta line under its heading ("Gemeente X | Zorg | 2021-2023",
see ``structure.meta``) takes the organisation that line names; a case whose heading names
a place ("Samen aan zet in X") takes the organisation of that place the text names, also
when worded as an area ("van de gemeente X").

For a case opened by an upper-case heading the name is that heading, re-cased from the
case text when the text spells it (else Dutch title case), with a printing error repaired
when the text consistently spells a word one letter differently ("ZAANDSTAD" -> Zaanstad).
Otherwise the name comes from "gemeente X"-like mentions or capitalised phrases that share a
word with the case title. The match with the organisation registry happens later.
"""

from __future__ import annotations

import re
from collections import Counter

from proeftuin.ingestion.extraction.lexicon import SENTENCE_STARTERS
from proeftuin.ingestion.extraction.registry import extracted, step
from proeftuin.ingestion.extraction.text import compact, fold, is_upper
from proeftuin.ingestion.structure import names
from proeftuin.ingestion.structure.meta import case_meta
from proeftuin.ingestion.types import Extracted, NormalisedDocument, Segment

NAME = "organisation.name"
PARTICLES = {
    "van",
    "de",
    "der",
    "den",
    "voor",
    "en",
    "het",
    "in",
    "op",
    "te",
    "ten",
    "ter",
    "aan",
    "bij",
    "uit",
    "of",
}
BRACKETED_ABBREVIATION = re.compile(r"\([A-Z][A-Z0-9&-]{1,7}\)[,.;:]?")
ABBREVIATION = re.compile(r"\s*\(([A-Z][A-Za-z0-9&-]{1,10})\)\s*$")
ORG = re.compile(
    r"\b(?P<kw>[Gg]emeente|[Pp]rovincie|[Ww]aterschap|[Hh]oogheemraadschap|[Vv]eiligheidsregio"
    r"|[Ss]tadsregio|[Mm]inisterie van)\s+(?P<name>[A-Z][\w’'-]+(?:[ \t]+(?:[A-Z][\w’'-]+|aan|"
    r"den|de|der))*)"
)
CAPITALISED = re.compile(r"\b[A-Z][\w’'-]+(?:[ \t]+[A-Z][\w’'-]+)+")
STOP_START = SENTENCE_STARTERS
FOREWORD = {"voorwoord", "ten geleide", "woord vooraf"}
# an organisation's name under a signature: two to six words, the first capitalised, no
# sentence ("Haagse Beek organisatieadvies", "Gemeente X, afdeling Y")
SIGNATURE = re.compile(r"^[A-Z][\w&'’.-]*(?:[ ,]+[\w&'’.-]+){1,5}$")
ACTOR = r"(?P<org>[A-Z][\w/&'’-]*(?:[ \t]+(?:van|voor|de|der|[A-Z][\w/&'’-]*)){0,5})"
COMMISSIONING = re.compile(
    rf"\b{ACTOR}\s+(?:heeft|had|hebben)\s+(?:[\w/&'’-]+\s+){{1,5}}?"
    r"(?:gevraagd|opdracht gegeven|de opdracht gegeven|ingehuurd|verzocht)\b"
    r"|\bin opdracht van\s+(?:de\s+|het\s+)?(?P<by>[A-Z][\w/&'’-]*(?:[ \t]+(?:van|voor|de|der|"
    r"[A-Z][\w/&'’-]*)){0,5})"
)


@step(NAME, "2")
def organisation_name(doc: NormalisedDocument, segment: Segment) -> list[Extracted]:
    """The lead organisation of the case."""
    body = doc.text[segment.start : segment.end]
    if segment.kind == "whole-document":
        found = _from_front(doc) or _commissioner(doc, segment) or _foreword_signature(doc)
        if found:
            return found
    if is_upper(segment.title) and _heading_names_organisation(segment):
        last = segment.title.split()[-1]
        title_end = body.find(last) + len(last) if last in body else len(segment.title)
        name, _ = _from_heading(segment.title, body[title_end:])
        return [extracted(NAME, name, segment.start, segment.start + title_end, 0.9, NAME)]
    meta = case_meta(doc, segment.start, segment.end)
    if segment.kind != "whole-document" and meta.organisation is not None:
        value = meta.organisation
        name = names.KNOWN.get(value.text, value.value or value.text)
        confidence = 0.85 if meta.organisation_by_form else 0.7
        return [extracted(NAME, name, value.start, value.end, confidence, NAME)]
    found = _from_mentions(body, segment.title)
    if not found:
        return []
    name, offset, confidence = found
    start = segment.start + offset
    return [extracted(NAME, name, start, start + len(name), confidence, NAME)]


def _heading_names_organisation(segment: Segment) -> bool:
    """A case heading in capitals is the organisation in a casebook; a report's title in
    capitals only when it has an organisation's form ("GEMEENTE PROEFSTAD")."""
    if segment.kind != "whole-document":
        return True
    return names.is_organisation_line(dutch_title(segment.title)) is not None


def _from_front(doc: NormalisedDocument) -> list[Extracted]:
    """The commissioner, else the first organisation on the title page or in the byline."""
    front = doc.front
    value = front.commissioned_by
    confidence = 0.85
    if value is None and front.organisations:
        value, confidence = front.organisations[0], 0.8
    if value is None:
        return []
    name = names.KNOWN.get(value.text, value.value or value.text)
    return [extracted(NAME, name, value.start, value.end, confidence, NAME)]


def _foreword_signature(doc: NormalisedDocument) -> list[Extracted]:
    """A foreword signed by a person and, on the line below, the organisation writing."""
    outline = doc.structure.outline
    for index, heading in enumerate(outline):
        if fold(heading.text).strip(" .:") not in FOREWORD:
            continue
        end = heading.end
        for after in outline[index + 1 : index + 3]:  # signature lines read as headings
            if len(after.text.split()) > 6 or after.end - after.start > 80:
                break
            end = after.end
        text = doc.text[heading.start : end]
        lines = [(m.start(), m.group(0).strip()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]
        if len(lines) < 3:
            return []
        (_, signer), (offset, line) = lines[-2], lines[-1]
        people = names.persons(signer)
        if not people or len(people[0].text) < 0.8 * len(signer) or not SIGNATURE.match(line):
            return []
        start = heading.start + offset + text[offset:].find(line)
        return [extracted(NAME, line, start, start + len(line), 0.7, NAME)]
    return []


def _commissioner(doc: NormalisedDocument, segment: Segment) -> list[Extracted]:
    """ "Logius heeft VKA gevraagd ...", "in opdracht van de Gemeente X" in the text."""
    for match in COMMISSIONING.finditer(doc.text, segment.start, segment.end):
        group = "by" if match.group("by") else "org"
        raw = _trim_name(match.group(group))
        if not raw or raw.split()[0].lower() in STOP_START:
            continue
        known = names.organisations(raw, areas=True)
        if not known and doc.text.count(raw) < 3:
            continue  # a one-off capitalised phrase is no organisation
        start = match.start(group)
        name = known[0].value if known else raw
        return [extracted(NAME, name, start, start + len(raw), 0.7, NAME)]
    return []


def _trim_name(text: str) -> str:
    words = text.split()
    while words and words[-1] in ("van", "voor", "de", "der"):
        words.pop()
    return " ".join(words)


def _from_heading(title: str, body: str) -> tuple[str, str]:
    match = ABBREVIATION.search(title)
    abbreviation = match.group(1) if match else ""
    bare = title[: match.start()] if match else title
    words = bare.split()
    repaired = [_repair(word, body) for word in words]
    if repaired != words and _spelled_in(repaired, body):
        words = repaired
    spelled = _spelled_in(words, body)
    return spelled or dutch_title(" ".join(words)), abbreviation


def _spelled_in(words: list[str], body: str) -> str | None:
    pattern = r"\b" + r"\s+".join(re.escape(w) for w in words) + r"\b"
    for match in re.finditer(pattern, body, flags=re.IGNORECASE):
        text = " ".join(match.group(0).split())
        if not is_upper(text):
            return text[0].upper() + text[1:]
    return None


def dutch_title(text: str) -> str:
    """ "CENTRAAL BUREAU VOOR DE STATISTIEK" -> "Centraal Bureau voor de Statistiek"."""
    out = []
    for index, word in enumerate(text.split()):
        lower = word.lower()
        if BRACKETED_ABBREVIATION.fullmatch(word):
            out.append(word)  # "(CBS)" stays an abbreviation
        elif index and lower in PARTICLES:
            out.append(lower)
        else:
            out.append("-".join(p[:1].upper() + p[1:] for p in lower.split("-")))
    return " ".join(out)


def _repair(word: str, body: str) -> str:
    """A heading word the text never uses, but spells one letter differently, often."""
    core = word.strip("(),.").lower()
    if len(core) < 6 or core in fold(body):
        return word
    counts = Counter(w.lower() for w in re.findall(r"[A-Za-zÀ-ÿ]{5,}", body))
    close = [w for w, n in counts.items() if n >= 2 and _one_edit(core, w)]
    return close[0].upper() if close else word


def _one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _from_mentions(body: str, title: str) -> tuple[str, int, float] | None:
    title_key = compact(title)
    matches = list(ORG.finditer(body))
    every = [(m.group("kw").capitalize() + " " + m.group("name"), m.start(), m.group("name"))
             for m in matches]  # fmt: skip
    orgs = [
        o
        for o, m in zip(every, matches, strict=True)
        if not names.area_use(body, m.start(), m.group("kw"))
    ]
    # the heading names the place ("Samen aan zet in X"): "van de gemeente X" is its owner,
    # however the text words it
    in_title = [o for o in every if compact(o[2]) in title_key]
    if in_title:
        return _most_common(in_title, 0.7)
    phrases = [
        (m.group(0), m.start(), m.group(0))
        for m in CAPITALISED.finditer(body)
        if m.group(0).split()[0].lower() not in STOP_START
    ]
    titled = [p for p in phrases if set(fold(p[0]).split()) & set(fold(title).split())]
    if titled and Counter(p[0] for p in titled).most_common(1)[0][1] >= 2:
        return _most_common(titled, 0.5)
    return _most_common(orgs, 0.4) if orgs else None


def _most_common(candidates, confidence: float) -> tuple[str, int, float]:
    counts = Counter(name for name, _, _ in candidates)
    best = counts.most_common(1)[0][0]
    offset = next(start for name, start, _ in candidates if name == best)
    return best, offset, confidence
