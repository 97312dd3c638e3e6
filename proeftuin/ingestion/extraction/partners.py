"""Step "partners": organisations that worked on the case, other than the lead one.

Candidates, strongest evidence first:

- the organisations in brackets after the authors of a byline ("Mark Jansen (VNG)"), the
  organisations a speaker comes from ("A van Bureau X vertelde") and
  the organisations that label contact persons ("Gemeente X: Anna de Vries, ...");
- the structure reader's organisations (``doc.front.organisations``) when it provides them;
- names after a cue of collaboration: "samen met (leverancier) X", "in samenwerking met",
  "in opdracht van", "met steun van", "partners: X, Y en Z";
- names with an organisation word ("gemeente X", "Universiteit van X", "Stichting X").

Never the lead organisation itself (compared with the organisation step's suggestion for
the case), never a municipality or province named only as a place ("komt voor in de
gemeente X"), never a fictitious or test organisation, and never a name cut off at a line
end or a particle.
"""

from __future__ import annotations

import re

from proeftuin.ingestion.extraction.lexicon import ORGANISATION_WORDS
from proeftuin.ingestion.extraction.partner_lists import listed_partners
from proeftuin.ingestion.extraction.people import affiliations, speakers
from proeftuin.ingestion.extraction.registry import extracted, step, steps
from proeftuin.ingestion.extraction.text import compact, fold, snap
from proeftuin.ingestion.types import Extracted, NormalisedDocument, Segment

PARTNERS = "partners"
SPACE = r"(?:[ \t]+|[ \t]*\n(?!\s*\n)[ \t]*)"  # a single line break may fall inside a name
CAP = r"[A-ZÀ-Þ][\w’'&-]*(?:/[A-Z][\w&-]*)?"
CONNECT = r"(?:van|voor|de|der|het|en|op|in|aan|te)"
# Kinds of organisation that are partners in Dutch public-sector work but never the lead
# government itself (so they stay out of the organisation step's lexicon).
PARTNER_KINDS = ("woningcorporatie", "woningbouwcorporatie", "bibliotheek", "zorgverzekeraar")
ORG = re.compile(
    r"\b(?P<kw>(?i:" + "|".join(re.escape(w) for w in (*PARTNER_KINDS, *ORGANISATION_WORDS)) + r"))"
    rf"(?P<name>(?:{SPACE}(?:van|voor|de|der|het){SPACE}|[ \t]+){CAP}"
    rf"(?:(?:{SPACE}(?:van|voor|de|der|het|en))*{SPACE}{CAP})*)"
)
# A lowercase word naming the kind of organisation before its name ("welzijnsorganisatie
# Kwartier Sterk", "zorgverzekeraar X", "leverancier X").
TYPE_WORD = (
    r"(?-i:[a-zà-ÿ-]*(?:organisatie|verzekeraar|corporatie|bedrijf|bureau|instelling|leverancier"
    r"|stichting|vereniging|dienst|partner|gemeente|provincie|waterschap|school|universiteit"
    r"|marktpartij)(?:s|en|n)?\s+)?"  # also plural: "samen met de gemeenten X en Y"
)
CUE = re.compile(
    r"\b(?:(?:werk\w*|werkt|werkten)\s+samen\s+met|samen\s+met|in\s+samenwerking\s+met"
    r"|samenwerking\s+met|in\s+opdracht\s+van|met\s+(?:steun|ondersteuning|subsidie|hulp)"
    r"\s+van|gefinancierd\s+door|mogelijk\s+gemaakt\s+door|partners?\s*:|"
    r"samenwerkingspartners?\s*:?|ketenpartners?\s*:"
    # standard Dutch wording of agreements and suppliers ("maakte afspraken met", "een
    # convenant met", "gebouwd door", "huurde ... in bij")
    r"|afspraken\s+(?:gemaakt\s+)?met|convenant\s+met|(?:gebouwd|geleverd)\s+door"
    # the closing line of a news item: "het project is uitgevoerd door X samen met Y"
    r"|(?:uitgevoerd|ge[eë]valueerd)\s+door"
    r"|(?:ingehuurd|ingekocht)\s+bij|huurde\w*\b[^.\n]{0,60}?\bin\s+bij"
    # a colon after taking part: "namen drie ketenpartners deel: de X, de Y en het Z"
    r"|(?:namen|nemen|deden|doen)\b[^.:\n]{0,60}?\b(?:deel|mee)\s*:)\s+"
    r"(?:(?:de|het)\s+)?" + TYPE_WORD,
    re.I,
)
LEGAL_FORM = r"(?:[ \t]+(?:B\.V\.|N\.V\.|U\.A\.|BV|NV)(?![\w.]))?"  # "X B.V."
NAME_AT = re.compile(
    rf"{CAP}(?:(?:{SPACE}{CONNECT})*{SPACE}(?![BN]\.V\.|U\.A\.){CAP})*{LEGAL_FORM}"
)
CONTACT = re.compile(
    rf"(?:^|\n|\s)(?P<org>{CAP}(?:[ \t]+{CAP}){{0,4}}):[ \t]*"
    r"(?=[A-Z][a-z]+(?:[ \t]+[a-z]{1,3})*[ \t]+[A-Z][a-z]+,?[ \t]*[\w.+-]+@)"
)
CONTRACTOR = re.compile(
    rf"\bheeft{SPACE}(?P<name>{CAP}(?:{SPACE}{CAP})*){SPACE}(?:gevraagd|opdracht gegeven"
    r"|ingeschakeld|ingehuurd)\b"
)
APPOSITION = re.compile(
    rf"(?P<name>{CAP}(?:{SPACE}{CAP})*),{SPACE}(?:een|de){SPACE}(?:\w+{SPACE})?(?:organisatie"
    r"|stichting|vereniging|bureau|bedrijf|leverancier|coöperatie|cooperatie|samenwerkingsverband"
    r"|kennisinstelling|netwerk)\b"
)
# A unit of a knowledge institution names the institution as partner: "het lectoraat
# Watertechnologie van Hogeschool X", "de onderzoeksgroep Y van de Universiteit Z".
UNIT_OF = re.compile(
    r"\b(?:lectoraat|kenniscentrum|faculteit|onderzoeksgroep|leerstoel|vakgroep|instituut)"
    rf"(?:{SPACE}{CAP}){{0,4}}{SPACE}van{SPACE}(?:de{SPACE})?(?P<name>{CAP}(?:{SPACE}{CAP}){{0,4}})"
)
# Organisations that took a seat or part, named as the subject (also in a bullet): "Het
# Leerwerkloket X en de gemeente Y schoven eens per maand aan", "Bureau X en Stichting Y
# deden mee".
JOINED = re.compile(
    r"(?:^|(?<=[.!?:]\s)|(?<=\n))(?P<list>[^.!?\n]{3,120}?)\s+(?:schoven|schoof|schuiven"
    r"|sloten|sloot|sluiten|deden|deed|doen|namen|nam|nemen|zaten"
    # partners who refer people: "Thuiszorg X en de Seniorenraad Y melden inwoners aan"
    r"|melden|meldden|meldt|meldde)\b[^.!?\n]{0,60}?\b(?:aan|mee|deel)\b"
)
JOINED_ITEM = re.compile(
    rf"(?:(?:[Hh]et|[Dd]e)\s+)?(?P<name>(?:[a-z]+\s+)?{CAP}(?:\s+{CAP}){{0,3}})"
)
FICTIONAL = re.compile(r"\b(test\w*|fictie\w*|fictief|fictieve|voorbeeld\w*|dummy|demo)\b")
PLACE_BEFORE = re.compile(
    r"\b(?:in|uit|naar|rond|nabij|binnen|buiten|bij)\s+(?:de\s+)?(?:stad\s+|regio\s+)?$", re.I
)
PLACE_CLAUSE = re.compile(
    r"\b(komt|kwam|komen|voor|aanwezig|woont|wonen|gevestigd|ligt|gelegen|terug te zien)\b"
)
COLLABORATION = re.compile(
    r"\b(samen|samenwerk\w*|partner\w*|betrokken|deelgenomen|meegewerkt|opdracht|leverancier"
    r"|consortium|convenant|gesprek\w*|geinterviewd|interview\w*|deed mee|doet mee|deden mee"
    r"|doen mee|meedoen|aangesloten|evalueerde\w*|onderzocht\w*|schoof aan|schoven aan)\b"
)
TRAILING = re.compile(rf"(?:{SPACE}{CONNECT})+$")
PLACE_NAMED = {"gemeente", "provincie", "stadsdeel", "waterschap", "stadsregio"}
GENERIC = {"gemeente", "provincie", "ministerie", "stichting", "dienst", "bureau", "politie"}


@step(PARTNERS, "2")
def partners(doc: NormalisedDocument, segment: Segment) -> list[Extracted]:
    """Organisations that worked on the case other than the lead one."""
    lead = _lead_keys(doc, segment)
    found: dict[str, tuple[str, int, int, float]] = {}
    for name, start, end, raw in _candidates(doc, segment):
        name = re.sub(r"^(?:de|het)\s+(?=[A-Z])", "", _clean(name))  # "het Waterschap X"
        name = name[:1].upper() + name[1:]
        key = compact(name)
        if not key or key in lead or _bare(key) in lead or key in {_bare(k) for k in lead}:
            continue
        if fold(name) in GENERIC or FICTIONAL.search(fold(name)) or _fictional(doc.text, start):
            continue
        if _part_of_lead(doc.text, end, lead):
            continue  # "het UX-lab van de gemeente X": a team of the lead organisation
        if len(name.split()) > 8 or len(name) < 2:
            continue
        last = name.split()[-1]
        end = max(doc.text.find(last, start, end + 1) + len(last), start + len(last))
        best = found.get(key)
        if best is None or raw > best[3]:
            found[key] = (name, start, end, raw + (0.05 if best else 0.0))
        else:
            found[key] = (*best[:3], min(1.0, best[3] + 0.05))  # named again
    return [
        extracted(PARTNERS, {"name": name}, *snap(doc.text, start, end), raw, PARTNERS)
        for key, (name, start, end, raw) in sorted(found.items(), key=lambda item: item[1][1])
        if not _short_form(key, name, found)
    ]


def _short_form(key: str, name: str, found: dict) -> bool:
    """ "Wijkplatform" beside "Wijkplatform Noorderkwartier": the short form of a name found
    in full, or a name that joins two found names ("A en B")."""
    for other_key, other in found.items():
        if other_key == key:
            continue
        if other[0].startswith(name + " "):
            return True
        if name.startswith(other[0] + " en ") and len(split_and(name)) > 1:
            return True
    return False


def _candidates(doc: NormalisedDocument, segment: Segment) -> list[tuple[str, int, int, float]]:
    body = doc.text[segment.start : segment.end]
    return [
        *_bylines(doc, segment),
        *listed_partners(doc, segment),
        *_patterns(body, segment.start),
        *_front(doc, segment),
        *_cued(body, segment.start),
        *_with_org_word(body, segment.start),
    ]


def _bylines(doc: NormalisedDocument, segment: Segment) -> list[tuple[str, int, int, float]]:
    found = []
    for org, start, _ in affiliations(doc, segment):
        for part in _org_parts(org):
            offset = start + org.find(part)
            found.append((part, offset, offset + len(part), 0.85))
    body = doc.text[segment.start : segment.end]
    for _names, org, start, end in speakers(body):  # "A van Bureau X vertelde ..."
        if fold(org.split()[0]) not in ORGANISATION_WORDS or len(org.split()) > 1:
            found.append((org, segment.start + start, segment.start + end, 0.65))
    return found


def _patterns(body: str, base: int) -> list[tuple[str, int, int, float]]:
    found = []
    for pattern, raw in ((CONTACT, 0.8), (CONTRACTOR, 0.6), (APPOSITION, 0.6)):
        for match in pattern.finditer(body):
            name = match.group("org" if pattern is CONTACT else "name")
            found.append((name, base + match.start(), base + match.start() + len(name), raw))
    for match in UNIT_OF.finditer(body):
        found.append((match.group("name"), base + match.start("name"), base + match.end(), 0.6))
    return found + _joined(body, base)


def _joined(body: str, base: int) -> list[tuple[str, int, int, float]]:
    """The subjects of "A en de B schoven aan": each an organisation of two words or more
    (a lower-case one only an organisation word), never a clause with a verb."""
    found = []
    for match in JOINED.finditer(body):
        items = re.split(r"\s*,\s*|\s+en\s+", match.group("list").lstrip("-•* \t"))
        named = [JOINED_ITEM.fullmatch(item.strip()) for item in items]
        if not all(named):
            continue
        for item in named:
            name = item.group("name")
            first = name.split()[0]
            if len(name.split()) < 2 or (first.islower() and fold(first) not in ORGANISATION_WORDS):
                continue
            start = base + match.start("list") + match.group("list").find(name)
            found.append((name, start, start + len(name), 0.65))
    return found


def _cued(body: str, base: int) -> list[tuple[str, int, int, float]]:
    found = []
    for match in CUE.finditer(body):
        for name, start in _listed(body, match.end()):
            found.append((name, base + start, base + start + len(name), 0.7))
    return found


def _with_org_word(body: str, base: int) -> list[tuple[str, int, int, float]]:
    found = []
    for match in ORG.finditer(body):
        name = " ".join(match.group(0).split())
        if not match.group("name").strip() or _as_place(body, match.start(), match.end()):
            continue
        if fold(match.group("kw")) in PLACE_NAMED:  # "gemeente Tilburg en Acato"
            name = re.split(r"\s+en\s+", name)[0]
        name = split_and(name)[0]
        sentence = _sentence(body, match.start())
        raw = 0.45 if COLLABORATION.search(fold(sentence)) else 0.3
        found.append((name, base + match.start(), base + match.start() + len(name), raw))
    return found


def _lead_keys(doc: NormalisedDocument, segment: Segment) -> set[str]:
    names = []
    if "organisation.name" in steps:
        names = [e.value for e in steps["organisation.name"](doc, segment)]
    keys = {compact(n) for n in names if isinstance(n, str) and compact(n)}
    initials = {  # "Vereniging van Nederlandse Gemeenten" also leads as "VNG"
        "".join(w[0] for w in n.split() if w[:1].isupper()).lower()
        for n in names
        if isinstance(n, str) and len(n.split()) >= 2
    }
    return keys | {i for i in initials if len(i) >= 2}


def _part_of_lead(text: str, end: int, lead: set[str]) -> bool:
    following = re.match(r"\s+van\s+(?:de\s+|het\s+)?([^,.;:()\n]{2,60})", text[end : end + 70])
    if not following:
        return False
    key = compact(following.group(1))
    return any(key.startswith(k) or key.startswith(_bare(k)) for k in lead if len(k) > 2)


def _bare(key: str) -> str:
    """A compact name without its organisation word: "gemeentetilburg" -> "tilburg"."""
    for word in ORGANISATION_WORDS:
        short = compact(word)
        if key.startswith(short) and len(key) > len(short) + 2:
            return key[len(short) :].removeprefix("van").removeprefix("de")
    return key


def _front(doc: NormalisedDocument, segment: Segment) -> list[tuple[str, int, int, float]]:
    front = getattr(doc, "front", None)
    results = []
    if not _whole_document(doc, segment):
        return results  # the publisher of a collection is not a partner of each case
    for organisation in getattr(front, "organisations", None) or []:
        name = getattr(organisation, "value", "") or getattr(organisation, "text", "")
        name = name or getattr(organisation, "name", organisation)
        start = getattr(organisation, "start", None)
        if isinstance(name, str) and start is not None:
            results.append((name, start, getattr(organisation, "end", start + len(name)), 0.75))
    return results


def _whole_document(doc: NormalisedDocument, segment: Segment) -> bool:
    structure = getattr(doc, "structure", None)
    span = getattr(structure, "span", None) or (0, len(doc.text))
    return segment.end - segment.start >= 0.5 * max(span[1] - span[0], 1)


def _listed(body: str, at: int) -> list[tuple[str, int]]:
    """Names listed from ``at``: "X", "X, Y en Z" (each a run of capitalised words)."""
    names, cursor = [], at
    while True:
        match = NAME_AT.match(body, cursor)
        if not match:
            break
        for part in split_and(match.group(0)):
            names.append((part, match.start() + match.group(0).find(part)))
        tail = re.match(r"\s*(?:,|en\b|&)\s*(?:de\s+|het\s+)?" + TYPE_WORD, body[match.end() :])
        if not tail or not tail.group(0).strip():
            break
        cursor = match.end() + tail.end()
    return names


def split_and(name: str) -> list[str]:
    """ "A en B" as two names, unless it is one name with "en" inside: an organisation word
    and one name word before it and one capitalised word after ("Taalbureau Duidelijk en
    Dichtbij", "Waterschap Hunze en Aa's")."""
    parts = re.split(r"\s+en\s+", name)
    if len(parts) == 2:
        left, right = parts[0].split(), parts[1].split()
        typed = any(fold(left[0]).endswith(w) for w in TYPE_SUFFIXES)
        if typed and len(left) == 2 and len(right) == 1 and not right[0].isupper():
            return [name]
    return parts


TYPE_SUFFIXES = ("bureau", "schap", "stichting", "vereniging", "organisatie", "platform", "groep")


def _org_parts(text: str) -> list[str]:
    """The organisations in a bracket after a name: "VNG", "Volksgezondheid, gemeente
    Utrecht" -> the part with an organisation word when there is one."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    with_word = [p for p in parts if any(w in fold(p) for w in ORGANISATION_WORDS)]
    chosen = with_word or parts[:1]
    return [p for p in chosen if p[:1].isupper() or any(w in fold(p) for w in ORGANISATION_WORDS)]


def _as_place(body: str, start: int, end: int) -> bool:
    """A municipality or province named as the place where something is or happens."""
    if not re.match(r"(?i)gemeente|provincie|stadsdeel", body[start:end]):
        return False
    sentence = fold(_sentence(body, start))
    if COLLABORATION.search(sentence):
        return False
    return bool(
        PLACE_BEFORE.search(body[max(start - 30, 0) : start]) or PLACE_CLAUSE.search(sentence)
    )


def _sentence(body: str, at: int) -> str:
    left = max(body.rfind(". ", 0, at), body.rfind("\n\n", 0, at)) + 1
    right = min([i for i in (body.find(". ", at), body.find("\n\n", at)) if i != -1] or [len(body)])
    return body[left:right]


def _fictional(text: str, at: int) -> bool:
    left = text.rfind("\n\n", 0, at)
    return bool(re.search(r"\bfictie\w*|\bfictie", fold(text[left + 1 : at + 200])))


def _clean(name: str) -> str:
    name = " ".join(name.split()).strip(" ,.;:()")
    return TRAILING.sub("", name).strip()
