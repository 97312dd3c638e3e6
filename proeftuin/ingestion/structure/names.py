"""Names on title pages, in colophons and bylines: organisations and persons.

Organisations are recognised by their form, not by a list of documents: a type word and a
name ("Gemeente Tilburg", "Ministerie van Binnenlandse Zaken", "GGD-regio Utrecht",
"Stichting X", "X B.V."), or one of the well-known Dutch public bodies and umbrella
organisations in ``KNOWN`` (a general list of national agencies, with the full name for
those usually written as an abbreviation). A place used as an area ("Kwetsbaarheid in de
provincie Utrecht", "inwoners van de gemeente X") is not an organisation: see ``area_use``.

Persons: capitalised given names or initials, optional particles ("van", "van der", "de",
"ter"), a capitalised surname. ``split_names`` cuts a run of names without separators
("Frans van Basten Fred van Blommestein") into persons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

PARTICLES = ("van der", "van den", "van de", "van 't", "in 't", "op de", "van", "de", "der",
             "den", "ter", "ten", "te", "le", "la", "du")  # fmt: skip
TYPE_WORDS = (
    r"[Gg]emeente|[Pp]rovincie|[Ww]aterschap|[Hh]oogheemraadschap|[Vv]eiligheidsregio|"
    r"[Oo]mgevingsdienst|[Ss]tadsregio|[Rr]egio|GGD(?:-regio)?|[Ss]tichting|[Vv]ereniging|"
    r"[Ii]nspectie|[Rr]ijksdienst voor|[Aa]utoriteit|[Uu]niversiteit(?: van)?|[Hh]ogeschool|"
    r"[Dd]ienst|[Rr]aad voor|[Pp]olitie|[Gg]emeenschappelijke [Rr]egeling|[Kk]enniscentrum|"
    r"[Ss]amenwerkingsverband|"
    r"[Mm]unicipality of|[Pp]rovince of|[Mm]inistry of"  # a report in English
)
NAME_WORD = r"(?:[A-Z][\w'’&-]*|'s-[A-Z][\w-]+)"
ORG = re.compile(
    rf"\b(?P<kw>{TYPE_WORDS})\s+(?P<name>{NAME_WORD}(?:[ \t]+{NAME_WORD}"
    rf"|[ \t]+(?:aan|den|de|der|van|voor|op)(?=[ \t]+{NAME_WORD}))*)"
    r"|\b(?P<ministry>[Mm]inisterie van [A-Z][\w-]+(?:(?:,\s|\sen\s|\s)[A-Z][\w-]+)*)"
    r"|\b(?P<company>[A-Z][\w&.-]*(?:\s[A-Z][\w&.-]*){0,3}\s(?:B\.V\.|BV|N\.V\.))"
)
# Well-known public bodies (a general list, not of particular documents): the name as
# usually written -> the full name.
KNOWN: dict[str, str] = {
    "Logius": "Logius",
    "ICTU": "ICTU",
    "Geonovum": "Geonovum",
    "Kadaster": "Kadaster",
    "Rijkswaterstaat": "Rijkswaterstaat",
    "Belastingdienst": "Belastingdienst",
    "Staatsbosbeheer": "Staatsbosbeheer",
    "ProRail": "ProRail",
    "RIVM": "Rijksinstituut voor Volksgezondheid en Milieu",
    "KNMI": "Koninklijk Nederlands Meteorologisch Instituut",
    "CBS": "Centraal Bureau voor de Statistiek",
    "RVO": "Rijksdienst voor Ondernemend Nederland",
    "RDW": "RDW",
    "UWV": "UWV",
    "SVB": "Sociale Verzekeringsbank",
    "DUO": "Dienst Uitvoering Onderwijs",
    "CJIB": "Centraal Justitieel Incassobureau",
    "IND": "Immigratie- en Naturalisatiedienst",
    "COA": "Centraal Orgaan opvang asielzoekers",
    "NVWA": "Nederlandse Voedsel- en Warenautoriteit",
    "ILT": "Inspectie Leefomgeving en Transport",
    "CAK": "CAK",
    "BKWI": "Bureau Keteninformatisering Werk en Inkomen",
    "RINIS": "RINIS",
    "JustID": "Justitiële Informatiedienst",
    "DJI": "Dienst Justitiële Inrichtingen",
    "TNO": "TNO",
    "VNG": "Vereniging van Nederlandse Gemeenten",
    "VNG Realisatie": "VNG Realisatie",
    "IPO": "Interprovinciaal Overleg",
    "UvW": "Unie van Waterschappen",
    "Unie van Waterschappen": "Unie van Waterschappen",
    "Het Waterschapshuis": "Het Waterschapshuis",
    "Kiesraad": "Kiesraad",
    "Nationale Politie": "Nationale Politie",
    "Zorginstituut Nederland": "Zorginstituut Nederland",
    "Kamer van Koophandel": "Kamer van Koophandel",
    "KvK": "Kamer van Koophandel",
    "Tweede Kamer": "Tweede Kamer der Staten-Generaal",
    "BZK": "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
    "SZW": "Ministerie van Sociale Zaken en Werkgelegenheid",
    "VWS": "Ministerie van Volksgezondheid, Welzijn en Sport",
    "EZK": "Ministerie van Economische Zaken en Klimaat",
    "IenW": "Ministerie van Infrastructuur en Waterstaat",
    "OCW": "Ministerie van Onderwijs, Cultuur en Wetenschap",
    "JenV": "Ministerie van Justitie en Veiligheid",
}
KNOWN_NAME = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(re.escape(k) for k in sorted(KNOWN, key=len, reverse=True))
    + r")(?![\w-])"
)
ACRONYM = re.compile(r"(?<![\w-])[A-Z]{2,6}(?![\w])")
NAME_WORD_RUN = r"[A-Z][\w'’&-]*"
NAME_RUN = re.compile(
    rf"(?<![\w-]){NAME_WORD_RUN}(?:[ \t]+(?:van|voor|de|der|den|en|het|op|{NAME_WORD_RUN})){{1,7}}"
)
BRACKET_ABBREVIATION = re.compile(r"\s*\(([A-Z][A-Za-z]{1,7})\)")
LEADING_WORDS = {"De", "Het", "Een", "Deze", "Die", "Dit", "Dat", "In", "Op", "Bij", "Door",
                 "Met", "Voor", "Van", "Naar", "Ook", "En", "Of", "Als", "Wat", "Wie"}  # fmt: skip
# Names of laws, registers, standards and systems are abbreviated too ("Algemene Verordening
# Gegevensbescherming", "Basisregistratie Personen"); they are no bodies.
NOT_A_BODY = re.compile(
    r"(?:wet|wetgeving|verordening|besluit|regeling|registratie|register|standaard|stelsel|"
    r"systeem|methode|model|monitor|richtlijn|index|protocol|norm)\b",
    re.IGNORECASE,
)
AREA_BEFORE = re.compile(
    r"(?:\bin|\bbinnen|\buit|\bover|\bnaar|\brond|\bvan|\bvoor|\bheel|\bgeheel)"
    r"(?:\s+(?:de|het|deze|die|hele|gehele))?\s*$",
    re.IGNORECASE,
)
PLACE_KEYWORDS = re.compile(r"^(?:[Pp]rovincie|[Gg]emeente|[Rr]egio|[Ss]tadsregio)$")
# A given name has at most twelve letters ("Bartholomeus"), a surname at most fourteen; a
# longer capitalised word is a compound noun ("Terugmeldvoorziening Waterketenkaart",
# "Evaluatie Buurtbudget Noorderkwartier" are titles, not persons).
GIVEN = r"(?:[A-Z][a-zà-ÿ]{1,11}(?![a-zà-ÿ])(?:-[A-Z][a-zà-ÿ]+)?|(?:[A-Z]\.\s?){1,4})"
SURNAME = r"[A-Z][a-zà-ÿ’']{1,13}(?![a-zà-ÿ’'])(?:-[A-Z][a-zà-ÿ’']+)?"  # at most 14 letters
PARTICLE = "(?:" + "|".join(re.escape(p) for p in PARTICLES) + ")"
PERSON = re.compile(rf"{GIVEN}(?:\s+{GIVEN})?(?:\s+{PARTICLE})*\s+{SURNAME}")
NOT_NAME_WORDS = {
    "gemeente", "provincie", "ministerie", "rapport", "versie", "datum", "inhoud", "bijlage",
    "auteur", "auteurs", "opdrachtgever", "colofon", "pagina", "hoofdstuk", "regio",
}  # fmt: skip


@dataclass(frozen=True)
class Found:
    """A name with its offsets (absolute, in ``doc.text``) and, for organisations, the
    full name (``value``) and whether it is a type-word match ("Gemeente X")."""

    text: str
    start: int
    end: int
    value: str


def organisations(
    text: str, offset: int = 0, *, areas: bool = False, defined: frozenset[str] = frozenset()
) -> list[Found]:
    """Organisation names in ``text``, in order; places used as areas left out unless
    ``areas``; ``defined``: names the document defines (``defined_names``) count too.
    Offsets are ``offset`` plus the position in ``text``."""
    found: list[Found] = []
    for name in defined:
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            end = offset + match.end()
            found.append(Found(name, offset + match.start(), end, name))
    for match in ORG.finditer(text):
        name = _clean(match.group(0))
        if not areas and area_use(text, match.start(), match.group("kw") or ""):
            continue
        value = _full(name)
        found.append(Found(name, offset + match.start(), offset + match.start() + len(name), value))
    found = _without_overlaps(found)
    taken = [(f.start - offset, f.end - offset) for f in found]
    for match in KNOWN_NAME.finditer(text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        name = match.group(0)
        found.append(Found(name, offset + match.start(), offset + match.end(), KNOWN[name]))
    return sorted(found, key=lambda f: f.start)


def _without_overlaps(found: list[Found]) -> list[Found]:
    """The longest of overlapping names, in order."""
    kept: list[Found] = []
    for item in sorted(found, key=lambda f: (f.start, -(f.end - f.start))):
        if not kept or item.start >= kept[-1].end:
            kept.append(item)
    return kept


@lru_cache(maxsize=4)  # the title page and segmentation ask for the same document
def defined_names(text: str) -> frozenset[str]:
    """Names the document itself defines as a body: a capitalised phrase whose initials the
    text also uses as a word ("Gegevens Knooppunt Groningen" beside "GKG"), or one followed
    by its abbreviation in brackets ("Belastingsamenwerking Polderland (BSP)"). Every word
    is capitalised except particles ("Vereniging van Nederlandse Gemeenten")."""
    acronyms = set(ACRONYM.findall(text))
    out: set[str] = set()
    for match in NAME_RUN.finditer(text):
        words = match.group(0).split()
        after = text[match.end() : match.end() + 12]
        bracket = BRACKET_ABBREVIATION.match(after)
        for first in range(len(words) - 1):
            if not words[first][0].isupper() or words[first] in LEADING_WORDS:
                continue
            for last in range(len(words), first + 1, -1):
                part = words[first:last]
                if not part[-1][0].isupper():
                    continue
                initials = "".join(w[0] for w in part if w[0].isupper())
                abbreviation = bracket.group(1) if bracket and last == len(words) else ""
                if initials in acronyms or abbreviation[:1] == initials[:1] != "":
                    out.add(" ".join(part))
    return frozenset(n for n in out if not NOT_A_BODY.search(n))


def _clean(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[-1].lower() in {"en", "van", "voor", "op", "in", "de", "den"}:
        words.pop()
    return " ".join(words)


def _full(name: str) -> str:
    """ "gemeente Tilburg" -> "Gemeente Tilburg"; known abbreviations stay as written."""
    return name[0].upper() + name[1:]


def area_use(text: str, start: int, keyword: str) -> bool:
    """A "provincie X"/"gemeente X"/"regio X" after "in (de)", "binnen", "uit", "van de"...:
    the place, not the organisation."""
    if not PLACE_KEYWORDS.match(keyword.split()[0] if keyword else ""):
        return False
    return bool(AREA_BEFORE.search(text[max(0, start - 20) : start]))


def is_organisation_line(text: str, defined: frozenset[str] = frozenset()) -> Found | None:
    """The line is (nearly) only an organisation's name: "Gemeente Tilburg", "Logius"."""
    text = text.strip(" ,.;:()")
    if text.isupper() and len(text) > 4:
        text = " ".join(w if len(w) <= 4 else w.capitalize() for w in text.split())
    for found in organisations(text, areas=True, defined=defined):
        if len(found.text) >= 0.8 * len(text):
            return found
    return None


def persons(text: str, offset: int = 0) -> list[Found]:
    """Person names in a byline or author list, split where separators are missing."""
    found = []
    for part in re.finditer(r"[^,;&\n]+", text):
        chunk = re.sub(r"\s*\(.*", "", part.group(0))
        for piece in re.split(r"\s+(?:en|and|&)\s+", chunk):
            at = text.find(piece, part.start()) if piece else -1
            if at >= 0:
                found.extend(_names_in(piece.strip(), offset + at + _lead(piece)))
    return found


def _lead(text: str) -> int:
    return len(text) - len(text.lstrip())


def split_names(text: str) -> list[tuple[int, int]]:
    """Spans of the persons in a run of names: "Frans van Basten Fred van Blommestein" ->
    two names. A name is a given name (or initials), then particles and a surname, or
    directly a surname."""
    tokens = [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"\S+", text)]
    if any(word.lower().strip(",.:") in NOT_NAME_WORDS for _, _, word in tokens):
        return []
    spans, index = [], 0
    while index < len(tokens):
        first = index
        index += 1
        while index < len(tokens) and _particle(tokens[index][2]):
            index += 1
        if index < len(tokens):
            index += 1  # the surname
        spans.append((tokens[first][0], tokens[index - 1][1]))
    return spans


def _particle(word: str) -> bool:
    return word.lower() in {"van", "de", "der", "den", "ter", "ten", "te", "'t", "in", "op"}


def _names_in(text: str, offset: int) -> list[Found]:
    if not text or not PERSON.fullmatch(text.strip()):
        spans = [(m.start(), m.end()) for m in PERSON.finditer(text)]
        if not spans:
            return []
    else:
        spans = split_names(text)
    out = []
    for start, end in spans:
        name = text[start:end]
        if PERSON.fullmatch(name) and not set(name.lower().split()) & NOT_NAME_WORDS:
            out.append(Found(name, offset + start, offset + end, name))
    return out
