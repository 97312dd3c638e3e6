"""Step "outcomes": figures as typed facts (value, unit, what they measure, direction).

Recognised: percentages ("20%", "36 procent"), euros ("€ 300.000", "EUR 22 miljoen",
"200 duizend euro", "twee ton" where money is meant), fte, durations (hours to years) and
counts ("4.000 gezinnen", "tweehonderd gezinnen"). Years, dates, page and section numbers,
footnote references and the profile lines are skipped. Direction comes from words in the
clause (daling, minder, bespaard / stijging, meer, toegenomen) or from "van A naar B".
"""

from __future__ import annotations

import re

from proeftuin.ingestion.extraction.lexicon import DECREASE, INCREASE, WORD_NUMBERS
from proeftuin.ingestion.extraction.outcome_context import (
    baseline_reason,
    comparison,
    context_reason,
    head_words,
)
from proeftuin.ingestion.extraction.outcome_evidence import (
    SENTENCE_END,
    evidence,
    evidence_of_change,
    junk,
    sentence_bounds,
)
from proeftuin.ingestion.extraction.outcome_tables import table_outcomes
from proeftuin.ingestion.extraction.registry import extracted, step
from proeftuin.ingestion.extraction.sections import LEADERS, find_sections
from proeftuin.ingestion.extraction.text import Line, fold, heading_key, lines_between, snap
from proeftuin.ingestion.types import Extracted, NormalisedDocument, Segment

NAME = "outcomes"
DIGITS = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
WORDS = "|".join(sorted([*WORD_NUMBERS, "één"], key=len, reverse=True))
FOLDED_WORDS = "|".join(sorted([*WORD_NUMBERS, "een"], key=len, reverse=True))
NUMBER = re.compile(rf"(?<![\w.,/:])(?P<num>{DIGITS}|(?i:{WORDS}))(?![\w]|[.,:]\d)")
AFTER = re.compile(
    r"\s*(?:(?:[-–]|tot)\s*(?P<to>\d[\d.]*)\s*)?(?P<mult>miljoen|miljard|mln\.?|duizend|ton)?\s*"
    r"(?P<unit>%|procent\b|procentpunt\w*|euro\b|eur\b|fte\b|uur\b|uren\b|werkdagen\b|werkdag\b"
    r"|kalenderdagen\b|dagen\b|dag\b|weken\b"
    r"|week\b|maanden\b|maand\b|jaar\b|jaren\b|hectare\b|ha\b|kilometer\b|km\b|kwh\b|mwh\b"
    r"|minuten\b|minuut\b|seconden\b|seconde\b"
    r"|vierkante meter\b)?\s*(?P<noun>[A-Za-zÀ-ÿ][a-zà-ÿ-]{2,})?"
)
CURRENCY = re.compile(r"(?:€|\bEUR|\beuro)\s*$", re.I)
UNITS = {
    "%": "percent",
    "procent": "percent",
    "euro": "eur",
    "eur": "eur",
    "fte": "fte",
    "uur": "hours",
    "uren": "hours",
    "dag": "days",
    "dagen": "days",
    "werkdag": "days",
    "werkdagen": "days",
    "kalenderdagen": "days",
    "week": "weeks",
    "weken": "weeks",
    "maand": "months",
    "maanden": "months",
    "jaar": "years",
    "jaren": "years",
    "hectare": "other",
    "ha": "other",
    "kilometer": "other",
    "km": "other",
    "kwh": "other",
    "mwh": "other",
    "vierkante meter": "other",
    "minuten": "other",  # no unit of its own: a waiting or talking time in minutes
    "minuut": "other",
    "seconden": "other",
    "seconde": "other",
}
MULTIPLIERS = {"miljoen": 1e6, "mln": 1e6, "miljard": 1e9, "duizend": 1e3, "ton": 1e5}
MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
NOT_NOUNS = {
    "van",
    "en",
    "tot",
    "of",
    "op",
    "in",
    "per",
    "de",
    "het",
    "een",
    "met",
    "naar",
    "keer",
    "uit",
    "aan",
    "voor",
    "bij",
    "is",
    "zijn",
    "werd",
    "werden",
    "jaar",
    "als",
    "dat",
    "die",
    "te",
    "om",
    "door",
    "over",
    "mei",
    "nummer",
    "nr",
    *MONTHS,
    *(m[:3] for m in MONTHS),
    "sept",
    "mrt",
}
REFERENCE = re.compile(r"(?<![\w.,])\d{1,2}\s+[A-Z][^\n]{0,200}?\b(?:19|20)\d\d\.")
SCORE_BEFORE = re.compile(
    r"\b(scoort|scoorde|scoren|cijfer|rapportcijfer|waardering|gemiddeld)\s+"
    r"(een\s+)?"
    r"(ruime\s+|krappe\s+|gemiddeld\s+)?$",
    re.I,
)
GRADED = re.compile(
    r"\b(tevredenheid|klanttevredenheid|cijfer|rapportcijfer|waardering|score|beoordeling"
    r"|gemeten|meting|enquete|peiling|monitor)"
)
CLOCK_AFTER = re.compile(r"\s*uur\s+['‘’]s\s+(nachts|ochtends|middags|avonds)")
FRACTION = re.compile(r"\s*van\s+(?:de\s+|het\s+|alle\s+)?(?P<n>\d+)\s+(?P<noun>[a-zà-ÿ][\w-]{2,})")
STAFF_WORDS = ("medewerker", "ambtena", "mensen", "personeel", "werknemer", "fte")
# "het aantal volgers ... vertienvoudigd tot meer dan 100.000": what a bare number counts.
COUNTED = re.compile(r"\b(?:het|de|dit|dat)\s+aantal\s+(?P<noun>[a-zà-ÿ][\w-]{2,})", re.I)
CHANGE_TARGET = re.compile(
    r"\b(?:naar|tot)\s+(?:(?:ca\.|circa|ongeveer|bijna|ruim|slechts|maar|nog|meer dan"
    r"|minder dan)\s+)*$",
    re.I,
)


RESULT_SECTIONS = re.compile(
    r"(de |belangrijkste )?(resultaten|resultaat|opbrengst|effect|uitkomst|evaluatie|wat (heeft|"
    r"het) .*opgeleverd|wat is (wel )?gelukt|conclusie|bevindingen|impact|cijfers)"
)


@step(NAME, "2")
def outcomes(doc: NormalisedDocument, segment: Segment) -> list[Extracted]:
    """Figures that state a result, with the clause they measure; never a section,
    question or figure number, a time, a date, an age band, a frequency or a count of the
    people asked. The raw confidence is the evidence that a result is stated."""
    facts, tables = table_outcomes(doc, segment)
    results = [extracted(NAME, fact, start, end, raw, NAME) for fact, start, end, raw in facts]
    inside = _result_spans(doc, segment)
    for line in lines_between(doc, segment.start, segment.end):
        if any(a <= line.start < b for a, b in tables):
            continue  # a before/after table, read row by row above
        if (re.match(r"^[\w ]{2,30}:", line.text) and line.bullet) or LEADERS.search(line.text):
            continue  # a profile line, or a line of a table of contents
        references = [m.span() for m in REFERENCE.finditer(doc.text, line.start, line.end)]
        in_results = any(a <= line.start < b for a, b in inside)
        for match in NUMBER.finditer(doc.text, line.start, line.end):
            if any(a <= match.start() < b for a, b in references):
                continue
            fact = _fact(doc.text, match, line, in_results)
            if fact:
                value, start, end, raw = fact
                results.append(extracted(NAME, value, start, end, raw, NAME))
        results.extend(_fractions(doc.text, line, in_results))
    return _without_repeats(results)


# A change by a fraction in words: "steeg met een kwart", "nam met ruim een derde af".
FRACTIONS = {"een kwart": 25, "driekwart": 75, "drie kwart": 75, "een derde": 33.3,
             "twee derde": 66.7, "de helft": 50, "een vijfde": 20, "een tiende": 10}  # fmt: skip
FRACTION_CHANGE = re.compile(
    r"\bmet\s+(?:ruim\s+|bijna\s+|ongeveer\s+|circa\s+|zo'?n\s+)?(?P<fraction>"
    + "|".join(sorted(FRACTIONS, key=len, reverse=True))
    + r")\b",
    re.I,
)


def _took(clause: str) -> str:
    """ "nam af" / "nam toe": the direction of a change said with a separable verb."""
    found = re.search(r"\b(?:nam|namen|neemt|nemen)\b[^.;:]{0,60}?\b(af|toe)\b", fold(clause))
    return ("decrease" if found.group(1) == "af" else "increase") if found else ""


def _fractions(text: str, line: Line, in_results: bool) -> list[Extracted]:
    found = []
    for match in FRACTION_CHANGE.finditer(text, line.start, line.end):
        begin, finish = sentence_bounds(text, match.start())
        if not evidence_of_change(text[begin:finish]):
            continue
        start, end = _clause(text, match.start("fraction"), line)
        clause = " ".join(text[start:end].split())
        fraction = match.group("fraction")
        fact = {
            "measure": clause,
            "value": FRACTIONS[fraction.lower()],
            "unit": "percent",
            "direction": _took(clause) or _direction(clause, fraction, 0, None),
            "kind": _kind("percent", clause),
            "period": _period(clause),
            "baseline": "",
        }
        raw = evidence(text, match.start(), match.end(), "percent", clause, in_results)
        found.append(extracted(NAME, fact, start, end, raw, NAME))
    return found


def _without_repeats(results: list[Extracted]) -> list[Extracted]:
    """One suggestion per result: the same value and unit stated again in another clause
    about the same thing (a closing list repeating "3600 euro omlaag") is left out; the
    better-scored statement stays."""
    kept: list[Extracted] = []
    for item in sorted(results, key=lambda e: -e.confidence):
        if not any(_repeats(item, other) for other in kept):
            kept.append(item)
    return sorted(kept, key=lambda e: e.start)


def _repeats(item: Extracted, other: Extracted) -> bool:
    one, two = item.value, other.value
    if (one["value"], one["unit"]) != (two["value"], two["unit"]) or item.start == other.start:
        return False
    words = {w for w in re.findall(r"\w{6,}", fold(one["measure"]))}
    return bool(words & set(re.findall(r"\w{6,}", fold(two["measure"]))))


def _result_spans(doc: NormalisedDocument, segment: Segment) -> list[tuple[int, int]]:
    return [
        (s.body_start, s.end)
        for s in find_sections(doc, segment.start, segment.end)
        if RESULT_SECTIONS.match(heading_key(s.title))
    ]


def number_value(text: str) -> float | None:
    folded = text.lower()
    if folded in WORD_NUMBERS or folded == "één":
        return float(WORD_NUMBERS.get(folded, 1))
    if not re.fullmatch(DIGITS, text):
        return None
    return float(text.replace(".", "").replace(",", "."))


def _fact(text: str, match: re.Match, line: Line, in_results: bool) -> tuple | None:
    raw = match.group("num")
    after = AFTER.match(text, match.end(), line.end + 40)
    unit = _unit(text, match, after)
    word = not raw[0].isdigit()
    value = number_value(raw)
    noun = after.group("noun") if after else None
    share = FRACTION.match(text, match.end(), line.end)
    if share and unit is None:  # "3 van de 8 testpersonen": 3 testpersonen, of 8
        noun = share.group("noun")
    begin, finish = sentence_bounds(text, match.start())
    if unit is None and (noun is None or noun.lower() in NOT_NOUNS):
        noun = _counted(text, match.start(), begin) or noun
    if value is None or _skip(text, match, unit, noun, word, value):
        return None
    number = value
    value *= MULTIPLIERS.get((after.group("mult") or "").rstrip(".") if after else "", 1)
    if unit is None and after and after.group("mult") == "ton":
        return None
    if baseline_reason(text, match.start(), match.end(), begin):
        return None  # "van 52 fte naar ...", "tegenover 28%": the baseline of another figure
    start, end = _clause(text, match.start(), line)
    clause = " ".join(text[start:end].split())
    if junk(text, match.start(), match.end(), unit, noun, clause):
        return None
    sentence = fold(text[begin:finish])
    head = head_words(text, match.end())
    if context_reason(text, match.start(), match.end(), unit, head, sentence):
        return None  # a period, money put in, the organisations taking part, ...
    base = comparison(text, match.start(), match.end(), begin, finish)
    base_value = base.value if UNITS.get(base.unit, unit) == unit else None  # same unit only
    fact = {
        "measure": clause if unit else f"{noun} ({clause})" if noun else clause,
        "value": _round(value),
        "unit": unit or "count",
        "direction": _direction(clause, text[match.start() : match.end()], number, base_value),
        "kind": _kind(unit, clause),
        "period": _period(clause),
        "baseline": f"van {share.group('n')}"
        if share and unit is None
        else base.text or _baseline(clause, raw),
    }
    if after and after.group("to"):
        fact["value_max"] = _round(float(after.group("to").replace(".", "")))
    compared = base.value is not None
    raw = evidence(text, match.start(), match.end(), fact["unit"], clause, in_results, compared)
    return fact, start, end, raw


def _counted(text: str, start: int, begin: int) -> str | None:
    """The noun of "het aantal X" earlier in the sentence, for a number that a change
    ends at ("tot meer dan 100.000", "van zeven naar één")."""
    before = text[begin:start]
    if not CHANGE_TARGET.search(before):
        return None
    found = list(COUNTED.finditer(before))
    return found[-1].group("noun") if found else None


def _unit(text: str, match: re.Match, after: re.Match | None) -> str | None:
    if CURRENCY.search(text[max(match.start() - 5, 0) : match.start()]):
        return "eur"
    unit = (after.group("unit") or "").lower() if after else ""
    if unit and unit in UNITS and not unit.startswith("procent") and unit != "%":
        return UNITS[unit]  # "gemiddeld 4 uur", "gemiddeld 2.350 euro": the unit said
    if SCORE_BEFORE.search(text[max(match.start() - 40, 0) : match.start()]) and not unit:
        return "score"
    if not unit and _grade(text, match):
        return "score"
    if unit.startswith("procentpunt"):
        return "percent"
    if not unit and after and after.group("mult") == "ton" and _money(text, match):
        return "eur"
    return UNITS.get(unit)


def _grade(text: str, match: re.Match) -> bool:
    """ "De tevredenheid steeg van een 6,5 naar een 7,8", "het rapportcijfer ging van 6 naar
    7,5": a mark out of ten, with nothing counted after it."""
    before = text[max(match.start() - 12, 0) : match.start()]
    if not re.search(r"\b(?:van|naar|tot|op)\s+(?:een\s+)?$", before):
        return False
    follows = r"\s*(?:in\s+(?:19|20)\d\d\s*)?(?:[.,;:!?)]|$|(?:naar|en|tot)\b)"  # "6,4 in 2023."
    if not re.match(follows, text[match.end() : match.end() + 16]):
        return False
    value = number_value(match.group("num"))
    context = fold(text[max(match.start() - 150, 0) : match.start()])
    return value is not None and value <= 10 and bool(GRADED.search(context))


def _money(text: str, match: re.Match) -> bool:
    window = fold(text[max(match.start() - 80, 0) : match.end() + 80])
    return any(w in window for w in ("bespar", "euro", "kost", "budget", "subsidie", "€"))


def _skip(text, match, unit, noun, word, value) -> bool:
    before = text[max(match.start() - 4, 0) : match.start()]
    if unit is None and (noun is None or noun.lower() in NOT_NOUNS):
        return True
    if word and re.match(r"\s+(?:derde|kwart|vijfde|tiende)n?\b", text[match.end() :]):
        return True  # "twee derde": a fraction, read by _fractions
    if (word and re.search(r"\d\s*$", before)) or CLOCK_AFTER.match(text, match.end()):
        return True  # "150 duizend": a multiplier; "twee uur 's nachts": a time of day
    window = text[max(match.start() - 40, 0) : match.start()]
    after_to = re.search(r"\bvan\s+\S+\s+(?:\S+\s+)?(?:naar|tot)\s+$", window)
    if unit is None and re.search(r"\bdoor\s+(?:de\s+|het\s+)?$", window):
        return True  # "voorstellen die door de vijf werkgroepen werden gedaan": the agent
    if word and value < 2 and unit is None and not after_to:
        return True  # "één" as an article or "naar één gebouw", not in "van zeven naar één"
    return bool(unit is None and 1900 <= value <= 2099 and "." not in match.group("num"))


def _clause(text: str, offset: int, line: Line) -> tuple[int, int]:
    """The clause around a number: from the previous sentence end, semicolon, colon or line
    break to the next, at most 120 characters before and 160 after, on word boundaries.
    Brackets are part of the clause ("54 medewerkers (een kwart) kunnen opleiden", "gedaald
    (in totaal met 35%)"), and so are colons inside them ("(samen: 3600 euro)")."""
    low, high = max(offset - 120, 0), min(offset + 160, len(text))
    window = _unbracketed(text[low:high])
    at = offset - low
    ends = [m.end() for m in SENTENCE_END.finditer(window, 0, at)]
    ends += [m.end() for m in re.finditer(r"[;:\n]", window[:at])]
    left = low + max(ends) if ends else low
    stop = SENTENCE_END.search(window, at)
    other = re.search(r"[;:\n]", window[at:])
    right = min(low + stop.start() if stop else high, offset + other.start() if other else high)
    return snap(text, left, right)


def _unbracketed(window: str) -> str:
    """``window`` with brackets and the semicolons and colons inside them blanked out (same
    length, so offsets stay)."""
    out, depth = [], 0
    for char in window:
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(depth - 1, 0)
        blank = char in "()" or (depth and char in ";:")
        out.append(" " if blank else char)
    return "".join(out)


def _direction(clause: str, number: str, value: float, baseline: float | None) -> str:
    """From the figure it is measured against ("van 52 naar 12,4", "42% tegenover 28%"),
    else from the change word nearest to the number."""
    if baseline is not None and baseline != value:
        return "decrease" if value < baseline else "increase"
    folded = fold(clause)
    hedge = rf"\b(meer|minder) dan (?=(?:\w+ )?(?:\d|{FOLDED_WORDS}))"
    folded = re.sub(hedge, " ", folded)  # "meer dan 200", "meer dan driehonderd": a hedge
    at = folded.find(fold(number))
    hits = []
    for direction, words in (("decrease", DECREASE), ("increase", (*INCREASE, "meer"))):
        for word in words:
            for found in re.finditer(rf"\b{re.escape(word)}", folded):
                hits.append((abs(found.start() - at), direction))
    return min(hits)[1] if hits else "neutral"


def _kind(unit: str | None, clause: str) -> str:
    folded = fold(clause)
    if unit == "eur" or "kosten" in folded or "bespaar" in folded:
        return "financial"
    if unit == "fte" or any(w in folded for w in STAFF_WORDS):
        return "staff"
    if unit in ("hours", "days", "weeks", "months", "years"):
        return "time"
    if "tevreden" in folded:
        return "satisfaction"
    return "quality" if unit == "percent" else "volume"


def _period(clause: str) -> str:
    match = re.search(r"\b(19|20)\d\d(?:\s*[-–]\s*(19|20)\d\d)?\b", clause)
    return match.group(0).replace(" ", "") if match else ""


def _baseline(clause: str, raw: str) -> str:
    match = re.search(r"\b(?:t\.o\.v\.|ten opzichte van|tegen(?: een)?)\s+([^,;]{3,60})", clause)
    if match:
        return match.group(0)
    match = re.search(rf"\bvan\s+([\w.,]+(?:\s+\w+)?)\s+naar\s+{re.escape(raw)}\b", clause)
    return f"van {match.group(1)}" if match else ""


def _round(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 3)
