"""Step "people": named persons with their role (personal data: shown for review only).

Read from, strongest evidence first:

- author lines and bylines: "Auteur(s): ...", "Opgesteld door ...", "Tekst: ...", a line
  opening with "door ..." at the start of the document; the names are read as a list
  ("A, B en C", or names one after the other), each with the organisation in brackets
  after it ("Mark Jansen (VNG)"); role "auteur" (or "redactie", "contactpersoon");
- contact lines: a name followed by an e-mail address, or after "Contactpersoon:";
- the structure reader's authors (``doc.front.authors``) when it provides them;
- quotes and appositions: "vertelt X, projectleider bij Y", "Hans Weggemans,
  programmamanager ...", "gemeentesecretaris Geert Heiminge", "Rika Pot burgemeester werd",
  with ``lexicon.ROLES``; a role followed by a bare surname is resolved to the full name
  when the case spells it out elsewhere.

A name is one or more capitalised words on one line (particles like "van der", "in 't"
allowed), never a word that starts sentences or headings ("Vraagstelling De", "Migratie
Hoe" are no names), never a role word or an organisation word.
"""

from __future__ import annotations

import re

from proeftuin.ingestion.extraction.lexicon import ORGANISATION_WORDS, ROLES, SENTENCE_STARTERS
from proeftuin.ingestion.extraction.registry import extracted, step
from proeftuin.ingestion.extraction.text import fold, lines_between, snap
from proeftuin.ingestion.types import Extracted, NormalisedDocument, Segment

PEOPLE = "people"
_ = r"[ \t]+"
CAP = r"[A-ZÀ-Þ][a-zà-ÿ]+(?:-[A-ZÀ-Þ][a-zà-ÿ]+)?"
INITIALS = r"(?:[A-Z]\.){1,4}"
PARTICLE = (
    r"(?:van der|van den|van de|van 't|van|de|der|den|ter|ten|in ['’]t|op de|te|le|la"
    r"|el|al|ben|bin|abu|da|di|dos)"  # lower-case particles of Arabic and Romance names
)
PARTICLE_WORDS = {"van", "de", "der", "den", "ter", "ten", "in", "op", "te", "le", "la", "el"}
# Capitalised surname particles of Dutch, Belgian, Moroccan, Turkish and other names that
# are followed by the rest of the surname ("Fatima El Idrissi", "Karim Ben Ali", "Jan Van
# Damme"); a name never ends in one.
CAP_PARTICLE = r"(?:El|Al|Ben|Bin|Ait|Aït|Abou|Abu|Ou|Van|Von|Da|Di|Du|Del|Dos|Mac|Ter|Ten)"
FULL_NAME = rf"(?:{CAP}|{INITIALS})(?:{_}{PARTICLE})?(?:{_}{CAP_PARTICLE}(?={_}[A-ZÀ-Þ]))?{_}{CAP}"
ROLE = "(?i:" + "|".join(sorted((re.escape(r) for r in ROLES), key=len, reverse=True)) + ")"
ROLE_WORD = rf"(?P<role>(?:{ROLE})(?:s|en|e|ster)?)\b"
ROLE_PHRASE = rf"(?:toenmalig\w*{_}|voormalig\w*{_}|zijn{_}|haar{_})?{ROLE_WORD}"
APPOSITION = re.compile(
    rf"(?P<name>{FULL_NAME}),{_}(?:[a-z]+{_}){{0,4}}?{ROLE_PHRASE}(?P<rest>[^,.;:“”\"\n]{{0,60}})"
)
ROLE_FIRST = re.compile(
    rf"\b{ROLE_PHRASE}(?P<rest>(?:{_}van{_}{CAP}(?:{_}{CAP})*)?){_}(?P<name>{FULL_NAME}|{CAP})\b"
)
NAME_ROLE = re.compile(rf"(?P<name>{FULL_NAME}){_}{ROLE_WORD}")
# A speaker introduced by the organisation they come from, in conference reports and news:
# "Edo de Vries van Bureau Noord toonde ...", "A en B van de gemeente X kwamen aan het
# woord", "Menno Smit van Oosterbeek organisatieadvies". The organisation is a run of
# capitalised words (a leading organisation word may be lower case) and is followed by a
# lower-case word (the verb) or punctuation, never by a further name.
ORG_WORD = "(?i:" + "|".join(re.escape(w) for w in ORGANISATION_WORDS) + ")"
ORG_CAP = r"[A-ZÀ-Þ][\w&’'-]*"
SPEAKER = re.compile(
    rf"(?<![\w-])(?P<names>{FULL_NAME}(?:(?:,{_}|{_}en{_}){FULL_NAME})*){_}van{_}(?:de{_}|het{_})?"
    rf"(?P<org>(?:{ORG_WORD}{_})?{ORG_CAP}(?:{_}{ORG_CAP}){{0,4}}"
    r"(?:\s+[a-z]*(?:advies|onderzoek|bureau|consult))?)(?=\s*[,.;:]|\s+[a-z])"
)
QUOTE = re.compile(
    rf"\b(?:vertelt|vertelde|zegt|zei|aldus|stelt|stelde|benadrukt|benadrukte|legt|legde"
    rf"|licht|lichtte|vindt|vond|weet|merkt|merkte){_}(?P<name>{FULL_NAME})"
    rf"(?:,{_}(?:[a-z]+{_}){{0,3}}?{ROLE_PHRASE}(?P<rest>[^,.;:“”\"\n]{{0,60}}))?"
)
CONTACT = re.compile(
    rf"(?:(?P<org>{CAP}(?:{_}{CAP}){{0,4}}):{_})?(?P<name>{FULL_NAME}),?{_}"
    # a function between name and address: "Anna Smit, projectleider a.smit@x.nl"
    r"(?:(?P<function>[a-z][^@\n,]{1,60}(?:,[^@\n,]{1,60}){0,2}?)[,—–-]?[ \t]+)?"
    r"\(?[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
)
AUTHOR_LABEL = re.compile(
    r"^(?P<label>auteurs?|auteur\(s\)|tekst|redactie|samenstelling|opgesteld door|geschreven"
    r" door|samengesteld door|uitgevoerd door|onderzoekers?|met medewerking van"
    r"|contactperso(?:on|nen)(?:\s+(?:opdrachtgever|namens\s+\S+|van\s+de\s+opdrachtgever))?|contact)"
    r"\s*:?\s*",
    re.I,
)
BYLINE = re.compile(r"^(?:[Tt]ekst\s+en\s+\w+\s+)?[Dd]oor\s+(?=[A-Z])")
EMAIL = re.compile(r"[,;:\s]*(?:\(?[\w.+-]+@[\w-]+(?:\.[\w-]+)+\)?)")
SEPARATOR = re.compile(r"\s*(?:,|;|&|\ben\b|\band\b|/)?\s*")
AFFILIATION = re.compile(r"\s*\((?P<org>[^()]{2,80})\)")
ROLE_SET = frozenset(ROLES)
# fmt: off
NOT_NAME = SENTENCE_STARTERS | {
    "onder", "zou", "binnenlandse", "economische", "gemeente", "provincie", "dienst",
    "ministerie", "bureau", "raad", "tot", "na", "vanaf", "sinds", "later", "nu", "heel",
    "alle", "wel", "zij", "hij", "ze", "we", "wij", "dan", "hier", "hoe", "waarom", "welke",
    "wie", "waar", "wanneer", "er", "zie", "vraag", "antwoord", "bijlage", "hoofdstuk",
    "figuur", "tabel", "stap", "fase", "casus", "cluster", "inhoud", "inleiding", "conclusie",
    "conclusies", "samenvatting", "aanleiding", "vraagstelling", "migratie", "positief",
    "negatief", "home", "zaken", "stichting", "universiteit", "vereniging", "kamer",
    "minister", "staatssecretaris", "burgemeester", "wethouder", "directeur", "mevrouw",
    "meneer", "heer", "dhr", "mevr", "drs", "dr", "prof", "ir", "mr", "ing",
    "netwerk", "team", "afdeling", "programma", "platform", "project", "college", "centrum",
    # the labels of a colophon, run together with the names in text from a PDF
    "tekst", "vormgeving", "fotografie", "redactie", "eindredactie", "druk", "colofon",
}
# A one-word "name" ending in a unit of an organisation ("Klantcontactcentrum") is none.
UNIT_ENDING = ("centrum", "loket", "team", "dienst", "zaken", "afdeling", "bureau", "punt")
# fmt: on
LABEL_ROLES = {
    "redactie": "redactie",
    "contact": "contactpersoon",
    "contactpersoon": "contactpersoon",
    "contactpersonen": "contactpersoon",
    "contactpersoon opdrachtgever": "contactpersoon opdrachtgever",
    "onderzoeker": "onderzoeker",
    "onderzoekers": "onderzoeker",
}
HEAD_PART = 0.2  # bylines count only in the first fifth of the document (or two pages)


def valid_name(name: str) -> bool:
    """A person's name: no sentence or heading word, role word or organisation word."""
    words = name.replace(".", ". ").split()
    if not words or fold(words[0]).strip(".") in NOT_NAME:
        return False
    if any(fold(w) in NOT_NAME - SENTENCE_STARTERS for w in words[1:]):
        return False
    if len(words) == 1 and fold(words[0]).endswith(UNIT_ENDING):
        return False
    return fold(words[-1]) not in ROLE_SET


@step(PEOPLE, "2")
def people(doc: NormalisedDocument, segment: Segment) -> list[Extracted]:
    """Named persons with their role (personal data: shown for review only)."""
    found: dict[str, tuple[dict, int, int, float]] = {}
    for value, start, end, raw in [
        *_author_lines(doc, segment),
        *_contacts(doc, segment),
        *_front_authors(doc, segment),
        *_in_text(doc, segment),
    ]:
        key = fold(value["name"])
        known = found[key][0]["role"] if key in found else None
        if known is None or (known in value["role"] and len(value["role"]) > len(known)):
            found[key] = (value, start, end, raw)
    return [
        extracted(PEOPLE, value, *snap(doc.text, start, end), raw, PEOPLE)
        for value, start, end, raw in sorted(found.values(), key=lambda item: item[1])
    ]


# -- author lines, bylines and contacts -----------------------------------------------


def affiliations(doc: NormalisedDocument, segment: Segment) -> list[tuple[str, int, int]]:
    """(organisation, start, end) of every bracket after a name in an author line or byline."""
    found: list[tuple[str, int, int]] = []
    _author_lines(doc, segment, found)
    return found


def _author_lines(doc: NormalisedDocument, segment: Segment, orgs: list | None = None) -> list:
    head = max(
        doc.pages[min(1, len(doc.pages) - 1)].end if doc.pages else 0, HEAD_PART * len(doc.text)
    )
    lines = _front_lines(doc, segment) + lines_between(doc, segment.start, segment.end)
    results = []
    for index, line in enumerate(lines):
        label = AUTHOR_LABEL.match(line.text)
        byline = BYLINE.match(line.text) if line.first and line.start < head else None
        if not (label or byline):
            continue
        role = LABEL_ROLES.get(fold(label.group("label")), "auteur") if label else "auteur"
        offset = line.start + _raw_offset(doc, line, (label or byline).end())
        end = line.end
        if offset >= line.end and index + 1 < len(lines):  # "Auteurs:" on a line of its own
            offset, end = lines[index + 1].start, lines[index + 1].end
        raw = 0.9 if label and role == "auteur" else 0.8
        results.extend(_name_list(doc.text, offset, end, role, raw, orgs))
    return results


def _covers_document(doc: NormalisedDocument, segment: Segment) -> bool:
    span = getattr(getattr(doc, "structure", None), "span", None) or (0, len(doc.text))
    return segment.end - segment.start >= 0.5 * max(span[1] - span[0], 1)


def _front_lines(doc: NormalisedDocument, segment: Segment) -> list:
    """The title page and colophon before a case that covers the whole document: their
    "Auteurs", "Met medewerking van" and "Contactpersoon opdrachtgever" lines are the case's."""
    structure = getattr(doc, "structure", None)
    front = getattr(structure, "front", None)
    span = getattr(structure, "span", None)
    front_end = getattr(front, "end", None)
    if not span or not front_end or front_end > segment.start:
        return []
    if not _covers_document(doc, segment):
        return []
    return lines_between(doc, getattr(front, "start", 0) or 0, min(front_end, segment.start))


def _raw_offset(doc: NormalisedDocument, line, cleaned: int) -> int:
    """Offset in the raw line of position ``cleaned`` of ``line.text`` (same words)."""
    words = len(line.text[:cleaned].split())
    raw = doc.text[line.start : line.end]
    found = list(re.finditer(r"\S+", raw))
    return found[words - 1].end() if 0 < words <= len(found) else 0


def _name_list(text: str, start: int, end: int, role: str, raw: float, orgs=None) -> list:
    """Names one after the other from ``start``: "A (Org), B en C (Org)", "A B" (two
    names without separator), each with the organisation in brackets after it."""
    names, pending, cursor = [], [], start
    full = re.compile(FULL_NAME)
    while cursor < end:
        cursor += SEPARATOR.match(text, cursor, end).end() - cursor
        match = full.match(text, cursor, end)
        if not match or not valid_name(match.group(0)):
            break
        value = {"name": " ".join(match.group(0).split()), "role": role}
        names.append((value, match.start(), match.end(), raw))
        pending.append(value)
        cursor = match.end()
        email = EMAIL.match(text, cursor, end)
        if email:
            value["role"], cursor = "contactpersoon", email.end()
        affiliation = AFFILIATION.match(text, cursor, end)
        if affiliation and _is_role(affiliation.group("org")) and "," not in affiliation.group(0):
            value["role"], cursor = affiliation.group("org").strip(), affiliation.end()
            pending = []  # "Bart Zijlstra (projectleider)": a function, not an organisation
        elif affiliation:
            for person in pending:
                person["organisation_name"] = affiliation.group("org").strip()
            if orgs is not None:
                orgs.append((affiliation.group("org"), *affiliation.span("org")))
            pending, cursor = [], affiliation.end()
        elif text[cursor:end].lstrip().startswith(","):
            pending = []
    return names


def _is_role(text: str) -> bool:
    """Is a bracket after a name a function ("projectleider") rather than an organisation?"""
    words = fold(text).split()
    return bool(words) and (words[0] in ROLE_SET or words[0].rstrip("s") in ROLE_SET)


def _contacts(doc: NormalisedDocument, segment: Segment) -> list[tuple]:
    """Names followed by an e-mail address ("Org: Anna de Vries, anna@org.nl")."""
    body = doc.text[segment.start : segment.end]
    results = []
    for match in CONTACT.finditer(body):
        name = " ".join(match.group("name").split())
        before = fold(body[max(match.start("name") - 14, 0) : match.start("name")])
        if not valid_name(name) or before.rstrip().endswith(ORGANISATION_WORDS):
            continue  # "Stichting Publiek Vakmanschap, x@y.nl": an organisation's name
        value = {"name": name, "role": "contactpersoon"}
        if match.group("function"):
            value["role"] = " ".join(match.group("function").split()) + ", contactpersoon"
        if match.group("org"):
            value["organisation_name"] = " ".join(match.group("org").split())
        start = segment.start + match.start("name")
        results.append((value, start, start + len(match.group("name")), 0.8))
    return results


def _front_authors(doc: NormalisedDocument, segment: Segment) -> list[tuple]:
    """The title page's authors, for a case that covers the document (the editors of a
    collection are not people of each of its cases)."""
    front = getattr(doc, "front", None)
    results = []
    if not _covers_document(doc, segment):
        return results
    for author in getattr(front, "authors", None) or []:
        name = getattr(author, "name", author)
        start = getattr(author, "start", None)
        if not isinstance(name, str) or not valid_name(name) or start is None:
            continue
        value = {"name": name, "role": getattr(author, "role", "") or "auteur"}
        organisation = getattr(author, "organisation", "")
        if organisation and _is_role(organisation) and "," not in organisation:
            value["role"] = organisation  # "(projectleider)" after the name: a function
        elif organisation:
            value["organisation_name"] = organisation
        results.append((value, start, getattr(author, "end", start + len(name)), 0.85))
    return results


# -- quotes and appositions in the text -----------------------------------------------


def _in_text(doc: NormalisedDocument, segment: Segment) -> list[tuple]:
    body = doc.text[segment.start : segment.end]
    results = []
    for pattern, raw in ((QUOTE, 0.75), (APPOSITION, 0.7), (ROLE_FIRST, 0.6), (NAME_ROLE, 0.6)):
        for match in pattern.finditer(body):
            name = " ".join(match.group("name").split())
            if not valid_name(name) or fold(name.split()[0]) in ORGANISATION_WORDS:
                continue
            role_word = fold(match.groupdict().get("role") or "")
            if pattern is ROLE_FIRST and role_word not in ROLE_SET and role_word[-1:] in "sn":
                continue  # "onderzoekers van Hogeschool X": several people, not one named
            name = _full_name(name, body)
            role = (match.groupdict().get("role") or "").lower() + _rest(match)
            bracket = AFFILIATION.match(body, match.end())  # "wethouder X (Sociaal Domein)"
            if pattern is ROLE_FIRST and bracket and len(bracket.group("org").split()) <= 4:
                role += " " + bracket.group("org").strip()
            value = {"name": name, "role": " ".join(role.split())}
            confidence = raw if " " in name else raw - 0.2
            results.append(
                (value, segment.start + match.start(), segment.start + match.end(), confidence)
            )
    return results + _speakers(body, segment.start)


def speakers(body: str) -> list[tuple[list[re.Match], str, int, int]]:
    """(name matches, organisation, start, end) of every "A (en B) van Org" in ``body``."""
    found = []
    full = re.compile(FULL_NAME)
    for match in SPEAKER.finditer(body):
        names = [
            m
            for m in full.finditer(body, match.start("names"), match.end("names"))
            if valid_name(m.group(0)) and fold(m.group(0).split()[0]) not in ORGANISATION_WORDS
        ]
        org = " ".join(match.group("org").split())
        if names and fold(org.split()[0]) not in SENTENCE_STARTERS:
            found.append((names, org, *match.span("org")))
    return found


def _speakers(body: str, base: int) -> list[tuple]:
    results = []
    for names, org, _start, _end in speakers(body):
        for match in names:
            value = {"name": " ".join(match.group(0).split()), "role": org}
            value["organisation_name"] = org
            results.append((value, base + match.start(), base + match.end(), 0.6))
    return results


def _rest(match: re.Match) -> str:
    rest = match.groupdict().get("rest") or ""
    return " " + rest.strip() if rest.strip() and len(rest.split()) <= 6 else ""


def _full_name(name: str, body: str) -> str:
    """A bare surname ("Pot") as the full name the case uses elsewhere ("Rika Pot")."""
    words = name.split()
    if len(words) > 1 and fold(words[0]) not in PARTICLE_WORDS:
        return name
    surname = r"[ \t]+".join(re.escape(w) for w in words)
    match = re.search(rf"\b{CAP}(?:{_}{PARTICLE})?{_}(?i:{surname})\b", body)
    return " ".join(match.group(0).split()) if match and valid_name(match.group(0)) else name
