"""Step "organisation.profile": the organisation's profile at the top of a case.

The profile is a short list of "Label: value" lines ("Aantal medewerkers: circa 1200",
"Bestuurslaag: Lokaal", "www.zaanstad.nl"); labels and wording are mapped to codes through
``lexicon``. When the name implies another type than the profile states ("Waterschap X"
profiled as "Uitvoeringsorganisatie"), both are returned.
"""

from __future__ import annotations

import re

from proeftuin.ingestion.extraction import lexicon
from proeftuin.ingestion.extraction.registry import extracted, step
from proeftuin.ingestion.extraction.text import Line, doc_lines, fold, lines_between
from proeftuin.ingestion.types import Extracted, NormalisedDocument, Segment

PROFILE = "organisation.profile"
LABEL = re.compile(r"^(?P<label>[A-Za-zÀ-ÿ][\w’' ]{1,30}?)\s*(?:\((?P<year>\d{4})\))?\s*:\s*")
WEBSITE = re.compile(r"\b(?:https?://)?www\.[\w.\s-]+?\.[a-z]{2,4}\b|https?://\S+", re.I)
NUMBER = r"\d{1,3}(?:\.\d{3})+|\d+"
STAFF = re.compile(
    rf"(?P<q>ruim|meer dan|circa|ca\.|ongeveer|bijna|minder dan|zo'n|±)?\s*(?P<a>{NUMBER})"
    rf"(?:\s*[-–]\s*(?P<b>{NUMBER}))?",
    re.I,
)
YEAR_LINE = re.compile(r"^(19|20)\d\d$")


@step(PROFILE, "1")
def profile(doc: NormalisedDocument, segment: Segment) -> list[Extracted]:
    """Staff, government layer, organisation type, domains and website from the profile."""
    lines = lines_between(doc, segment.start, segment.end)[:40]
    year = divider_year(doc, segment)
    results: list[Extracted] = []
    for index, line in enumerate(lines):
        if WEBSITE.match(line.text) and (line.bullet or len(line.text.split()) <= 3):
            results.append(_website(line))
            continue
        match = LABEL.match(line.text)
        field = lexicon.PROFILE_LABELS.get(fold(match.group("label"))) if match else None
        if field and (line.bullet or line.first):
            value, end = _value(lines, index, match.end())
            label_year = int(match.group("year")) if match.group("year") else year
            results.extend(_field(field, value, line.start, end, label_year))
    return results + _type_from_name(segment, results)


def _type_from_name(segment: Segment, found: list[Extracted]) -> list[Extracted]:
    """The type the name implies ("Waterschap X"), when the profile says something else."""
    code = first_code(lexicon.ORGANISATION_TYPES, segment.title) if found else None
    stated = {r.value for r in found if r.field == "organisation.organisation_type"}
    if code is None or code in stated:
        return []
    end = segment.start + len(segment.title)
    return [extracted("organisation.organisation_type", code, segment.start, end, 0.5, PROFILE)]


def _value(lines: list[Line], index: int, offset: int) -> tuple[str, int]:
    """The label's value with its continuation lines (lower case or in brackets)."""
    parts, end = [lines[index].text[offset:].strip()], lines[index].end
    for line in lines[index + 1 : index + 4]:
        if line.bullet or LABEL.match(line.text) or WEBSITE.match(line.text):
            break
        if parts[-1] and not (line.text[0].islower() or line.text[0] == "("):
            break
        parts.append(line.text)
        end = line.end
    return " ".join(p for p in parts if p), end


def _website(line: Line) -> Extracted:
    url = re.sub(r"\s*-\s*", "-", WEBSITE.match(line.text).group(0)).replace(" ", "")
    return extracted("organisation.website", url, line.start, line.end, 0.9, PROFILE)


def _field(field: str, value: str, start: int, end: int, year: int | None) -> list[Extracted]:
    parsed = parse_value(field, value, year)
    if parsed is None:
        return []
    return [extracted(f"organisation.{field}", parsed, start, end, 0.9, PROFILE)]


def parse_value(field: str, value: str, year: int | None = None):
    """Dutch profile wording -> the schema's value for that field (None when unknown)."""
    if field == "staff":
        return parse_staff(value, year)
    if field == "government_layer":
        return first_code(lexicon.LAYERS, value)
    if field == "organisation_type":
        return first_code(lexicon.ORGANISATION_TYPES, value)
    if field == "domains":
        return domains(value) or None
    return value.strip() or None


def parse_staff(text: str, year: int | None = None) -> dict | None:
    match = STAFF.search(text)
    if not match:
        return None
    a = int(match.group("a").replace(".", ""))
    qualifier = fold(match.group("q") or "")
    if match.group("b"):
        value = {"min": a, "max": int(match.group("b").replace(".", ""))}
    elif qualifier in ("ruim", "meer dan"):
        value = {"min": a}
    elif qualifier in ("bijna", "minder dan"):
        value = {"max": a}
    else:
        value = {"exact": a}
    return {**value, "year": year}


def first_code(table: list[tuple[str, tuple[str, ...]]], text: str) -> str | None:
    words = fold(text).replace("*", " ")
    for code, phrases in table:
        if any(re.search(rf"\b{re.escape(p)}", words) for p in phrases):
            return code
    return None


def domains(text: str) -> list[str]:
    words, found = fold(text), []
    for phrase in sorted(lexicon.DOMAINS, key=len, reverse=True):
        code = lexicon.DOMAINS[phrase]
        if re.search(rf"\b{re.escape(phrase)}", words) and code not in found:
            found.append(code)
            words = re.sub(rf"\b{re.escape(phrase)}\w*", " ", words)
    return found


def divider_year(doc: NormalisedDocument, segment: Segment) -> int | None:
    """The nearest year standing alone on a line before the case (a year divider page)."""
    before = [ln for ln in doc_lines(doc) if ln.start < segment.start and YEAR_LINE.match(ln.text)]
    return int(before[-1].text) if before else None
