"""Partners listed under a heading of participants (slides and reports).

Slides and short reports often name the parties of a pilot as a list under a heading such
as "Wie deden er mee?", "Deelnemende organisaties", "Partners" or "Betrokken partijen",
one organisation per item (also under a label line such as "Gezamenlijke proef:"; "A +
B" and "A /B" are two), often with its part after a colon ("HydroSense B.V.: levering
van de sensoren") or a sub-unit after a comma ("Hogeschool X, lectoraat Y"). Slides write
the organisations short: a municipality by its place name ("Stadskanaal"), two merged
municipalities as "A /B". A bare name that the document names nowhere else becomes
"Gemeente X" when the heading speaks of municipalities, or the document does (gemeenten)
and the list holds other governments (a province, a water board).
"""

from __future__ import annotations

import re

from proeftuin.ingestion.extraction.lexicon import ORGANISATION_WORDS
from proeftuin.ingestion.extraction.text import fold, lines_between
from proeftuin.ingestion.types import NormalisedDocument, Segment

# General Dutch wording of a heading over the parties of a project (folded).
PARTICIPANT_HEADING = re.compile(
    r"^(?:wie (?:deden|doen|werkten|werken) (?:er )?mee|deelnemende (?:organisaties|partijen"
    r"|partners|gemeenten)|(?:project|samenwerkings|keten)?partners|(?:de )?partijen"
    r"|betrokken (?:partijen|organisaties)|samenwerkende (?:partijen|organisaties)"
    r"|consortium(?:partners)?|in samenwerking met|met dank aan)\b"
)
# A label line over the parties, ending in a colon ("Gezamenlijke proef:", "Partners:",
# "In samenwerking met:").
PARTIES_LABEL = re.compile(
    r"^(?:gezamenlijk\w*|samenwerking\w*|in samenwerking met|consortium|partners?|partijen"
    r"|deelnemers|deelnemende \w+|betrokken \w+|samen met)\b[^:]{0,40}:$"
)
CONNECTORS = {"van", "voor", "de", "der", "den", "het", "en", "op", "in", "aan", "te", "&"}
GOVERNMENT = re.compile(r"\b(?:gemeente|provincie|waterschap|hoogheemraadschap)\b")
COMPANY = re.compile(r"\b(?:B\.?V\.?|N\.?V\.?|U\.?A\.?)$")
MAX_ITEMS = 15


def listed_partners(doc: NormalisedDocument, segment: Segment) -> list[tuple[str, int, int, float]]:
    """(name, start, end, raw) of the organisations listed under a participants heading."""
    lines = lines_between(doc, segment.start, segment.end)
    municipal = "gemeenten" in fold(doc.text)
    found = []
    for index, line in enumerate(lines):
        key = fold(line.text).strip()
        heading = line.kind == "heading" and PARTICIPANT_HEADING.match(key)
        if not (heading or PARTIES_LABEL.match(key)):
            continue
        items = []
        for item in lines[index + 1 : index + 1 + MAX_ITEMS]:
            if item.kind == "heading":
                break
            items.append(item)
        # bare place names are municipalities when the heading says so, or when the
        # document speaks of gemeenten and the list holds other governments too
        governments = any(GOVERNMENT.search(fold(item.text)) for item in items)
        council = "gemeente" in key or (municipal and governments)
        for item in items:
            for name in _names(item.text):
                at = doc.text.find(name, item.start, item.end + 1)
                at = item.start if at < 0 else at
                found.append(_as_found(doc.text, name, at, council))
    return [f for f in found if f]


def _names(item: str) -> list[str]:
    """The organisations an item names: the part before a colon, before a comma, without
    a bracket; "A /B" is two."""
    head = item.split(":")[0] if ":" in item else item
    head = re.sub(r"\([^)]*\)", " ", head.split(",")[0])
    names = []
    for part in re.split(r"\s*[/+]\s*", head):
        part = " ".join(part.split()).strip(" .;-–")
        if _is_name(part):
            names.append(part)
    return names


def _is_name(text: str) -> bool:
    words = text.split()
    if not words or len(words) > 7 or not text[:1].isupper() or text[:1].isdigit():
        return False
    return all(
        w[:1].isupper() or w.lower() in CONNECTORS or COMPANY.search(w) or _org_word(w)
        for w in words
    )


def _org_word(word: str) -> bool:
    return any(fold(word).startswith(w) for w in ORGANISATION_WORDS if " " not in w)


def _as_found(text: str, name: str, at: int, municipal: bool):
    bare = (len(name.split()) == 1 or ("-" in name and " " not in name)) and not (
        name.isupper() or any(w in fold(name) for w in ORGANISATION_WORDS)
    )
    if bare and municipal and len(re.findall(rf"\b{re.escape(name)}\b", text)) == 1:
        return ("Gemeente " + name, at, at + len(name), 0.6)  # a place named for its council
    return (name, at, at + len(name), 0.7 if not bare else 0.6)
