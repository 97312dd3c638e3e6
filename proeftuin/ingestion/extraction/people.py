"""Steps "people" and "partners": named persons with their role, and partner organisations.

People: a Dutch name (first name, optional particles like "van", "van der", "in 't",
surname) next to a role word from ``lexicon.ROLES`` - "Hans Weggemans, programmamanager
...", "gemeentesecretaris Geert Heiminge", "Rika Pot burgemeester werd", "minister van
Binnenlandse Zaken Remkes". A role followed by a bare surname is resolved to the full name
when the case spells it out elsewhere. Partners: "gemeente X", "Universiteit van X" and
similar names other than the lead organisation.
"""

from __future__ import annotations

import re

from proeftuin.ingestion.extraction.lexicon import ORGANISATION_WORDS, ROLES, SENTENCE_STARTERS
from proeftuin.ingestion.extraction.registry import extracted, step
from proeftuin.ingestion.extraction.text import fold
from proeftuin.ingestion.types import Extracted, NormalisedDocument, Segment

PEOPLE, PARTNERS = "people", "partners"
CAP = r"[A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?"
PARTICLE = r"(?:van der|van den|van de|van|de|der|den|ter|ten|in ['’]t|op de|te)"
FULL_NAME = rf"{CAP}(?:\s+{PARTICLE})?\s+{CAP}"
ROLE = "(?i:" + "|".join(sorted((re.escape(r) for r in ROLES), key=len, reverse=True)) + ")"
ROLE_PHRASE = rf"(?:toenmalig\w*\s+|voormalig\w*\s+|zijn\s+|haar\s+)?(?P<role>(?:{ROLE})\w*)"
APPOSITION = re.compile(
    rf"(?P<name>{FULL_NAME}),\s+(?:[a-z]+\s+){{0,4}}?{ROLE_PHRASE}"
    r"(?P<rest>[^,.;:“”\"]{0,60})"
)
ROLE_FIRST = re.compile(
    rf"\b{ROLE_PHRASE}(?P<rest>(?:\s+van\s+{CAP}(?:\s+{CAP})*)?)\s+"
    rf"(?P<name>{FULL_NAME}|{CAP})\b"
)
NAME_ROLE = re.compile(rf"(?P<name>{FULL_NAME})\s+(?P<role>(?:{ROLE})\w*)\b")
NOT_FIRST = SENTENCE_STARTERS | {
    "onder",
    "zou",
    "binnenlandse",
    "economische",
    "gemeente",
    "provincie",
    "dienst",
    "ministerie",
    "bureau",
    "raad",
    "tot",
    "na",
    "vanaf",
    "sinds",
    "later",
    "nu",
    "heel",
    "alle",
    "wel",
    "zij",
    "hij",
    "ze",
    "we",
    "wij",
    "dan",
    "hier",
}
ORG = re.compile(
    r"\b(?P<kw>(?i:" + "|".join(re.escape(w) for w in ORGANISATION_WORDS) + r"))"
    rf"(?P<name>(?:[ \t]+(?:van|voor|de|der|het)[ \t]+|[ \t]+){CAP}(?:[ \t]+{CAP})*)"
)


def _valid(name: str) -> bool:
    words = name.split()
    return fold(words[0]) not in NOT_FIRST and not any(
        fold(w) in ("zaken", "gemeente", "provincie") for w in words
    )


@step(PEOPLE, "1")
def people(doc: NormalisedDocument, segment: Segment) -> list[Extracted]:
    """Named persons with their role (personal data: shown for review only)."""
    body = doc.text[segment.start : segment.end].replace("\n", " ")
    found: dict[str, tuple[str, int, int]] = {}
    for pattern in (APPOSITION, ROLE_FIRST, NAME_ROLE):
        for match in pattern.finditer(body):
            name = " ".join(match.group("name").split())
            if not _valid(name):
                continue
            name = _full_name(name, body)
            role = " ".join((match.group("role").lower() + (_rest(match))).split())
            if name not in found:
                found[name] = (role, match.start(), match.end())
    return [
        extracted(
            PEOPLE,
            {"name": name, "role": role},
            segment.start + s,
            segment.start + e,
            0.7 if " " in name else 0.5,
            PEOPLE,
        )
        for name, (role, s, e) in sorted(found.items(), key=lambda item: item[1][1])
    ]


def _rest(match: re.Match) -> str:
    rest = match.groupdict().get("rest") or ""
    return " " + rest.strip() if rest.strip() and len(rest.split()) <= 6 else ""


def _full_name(name: str, body: str) -> str:
    """A bare surname ("Pot") as the full name the case uses elsewhere ("Rika Pot")."""
    if " " in name:
        return name
    match = re.search(rf"\b{CAP}(?:\s+{PARTICLE})?\s+{re.escape(name)}\b", body)
    return " ".join(match.group(0).split()) if match and _valid(match.group(0)) else name


@step(PARTNERS, "1")
def partners(doc: NormalisedDocument, segment: Segment) -> list[Extracted]:
    """Organisations named in the case other than the lead one (from the title)."""
    body = doc.text[segment.start : segment.end]
    lead = fold(segment.title)
    seen, results = set(), []
    for match in ORG.finditer(body):
        name = " ".join(match.group(0).split())
        if not match.group("name").strip() or len(name.split()) > 7:
            continue
        key = fold(name)
        if key in seen or fold(match.group("name")).strip() in lead:
            continue
        seen.add(key)
        start = segment.start + match.start()
        results.append(
            extracted(
                PARTNERS,
                {"name": name[0].upper() + name[1:]},
                start,
                start + len(match.group(0)),
                0.5,
                PARTNERS,
            )
        )
    return results
