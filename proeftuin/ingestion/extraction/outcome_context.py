"""Figures that belong to a result without being one, for step "outcomes".

A result is often stated with the figure it is measured against: "van 52 fte naar 12,4 fte",
"42% tegenover 28% in vergelijkbare gemeenten", "in plaats van drie uur nog maar één uur",
"destijds drie plaatsen". The figure measured against is the result's *baseline* (one
outcome: value, baseline, direction), never an outcome of its own. ``baseline_reason``
tells that a number is such a baseline; ``comparison`` finds the baseline of a result.

Other figures only describe the setting: a period ("vijf jaar op rij", "de afgelopen drie
jaar"), money put in or granted ("de rijksbijdrage", "200 duizend euro aan werkuren
gestoken", "ieder 10.000 euro voor de kosten betalen"), the whole of a group ("alle 49
gemeenten"), the organisations that take part ("negentien gemeenten namen deel"), people
served as ordinary work ("Hierin werden 4.000 gezinnen ondersteund"). ``context_reason``
names them. Organisations count as a result when the text says they adopted or followed
the innovation ("Inmiddels zijn er ca. 30 gemeenten die hun aanpak op ... hebben
gebaseerd"); people served when the text ties them to the innovation ("waarmee zij meer dan
200.000 personen bereikt").
"""

from __future__ import annotations

import re
from typing import NamedTuple

from proeftuin.ingestion.extraction.lexicon import WORD_NUMBERS
from proeftuin.ingestion.extraction.text import fold

_WORDS = "|".join(sorted([*WORD_NUMBERS, "één"], key=len, reverse=True))
FIGURE = rf"(?:€\s*)?(?:\d[\d.,]*|(?i:{_WORDS}))"
HEDGE = r"(?:ca\.|circa|ongeveer|bijna|ruim|slechts|maar|nog|zo'?n|meer dan|minder dan|nog maar)"
UNIT_WORD = r"(?:%|procent|fte|euro|uur|uren|dagen|dag|weken|week|maanden|maand|jaar|\w+)"
# "van 52 fte naar 12,4": the number right after "van" is the baseline of the one after "naar".
# A few words may stand between the baseline and "naar" ("van 23 procent bij de oude brief
# naar 41 procent"), and "gemiddeld" or a hedge before it ("van gemiddeld 1,7 naar 1,1").
FROM_TO_AFTER = re.compile(
    rf"^\s*(?:miljoen|miljard|duizend)?\s*{UNIT_WORD}?\s*(?:(?:[^\s\d.;:!?]+|(?:19|20)\d\d)\s+){{0,5}}?naar\s+"
    rf"(?:een\s+)?(?:{HEDGE}\s+|gemiddeld\s+)*{FIGURE}",
    re.I,
)
FROM_BEFORE = re.compile(rf"\bvan\s+(?:een\s+|gemiddeld\s+|{HEDGE}\s+)*(?:€\s*)?$", re.I)
FROM_TO_BEFORE = re.compile(
    rf"\bvan\s+(?:een\s+|gemiddeld\s+|{HEDGE}\s+)*(?P<figure>{FIGURE})(?P<unit>\s*{UNIT_WORD})?"
    r"(?:\s+(?:[^\s\d.;:!?]+|(?:19|20)\d\d)){0,5}?"
    rf"\s+naar\s+(?:een\s+)?(?:{HEDGE}\s+|gemiddeld\s+)*$",
    re.I,
)
# "Bij de vorige meting was dat 12 procent": a figure referring back to a result before it.
BACK_REFERENCE = re.compile(rf"\b(?:was|is|lag|bedroeg)\s+dat\s+(?:nog\s+)?(?:{HEDGE}\s+)*$", re.I)
COMPARE_CUE = (
    r"tegenover|ten opzichte van|t\.o\.v\.|vergeleken met|in vergelijking met|in plaats van"
    r"|(?:hoger|lager|groter|kleiner|beter|slechter|sneller|trager) dan"
)
TIME_CUE = r"voorheen|destijds|vroeger|aanvankelijk|oorspronkelijk|toen nog"
# A cue a few words before the number, with no other number and no clause end between.
CUE_BEFORE = re.compile(
    rf"\b(?:(?P<compare>{COMPARE_CUE})|(?P<time>{TIME_CUE})|(?P<against>tegen))"
    r"(?P<between>(?:\s+[^\s\d.;:!?]+){0,6})\s+$",
    re.I,
)
COMPARE_AFTER = re.compile(
    rf"\s*(?:miljoen|miljard|duizend)?\s*{UNIT_WORD}?,?\s*(?:[\w-]+,?\s+){{0,4}}?"
    rf"(?P<cue>{COMPARE_CUE})\s+(?:(?:de|het|een|\w+)\s+){{0,4}}?(?P<figure>{FIGURE})"
    r"(?P<rest>[^.;:!?()]{0,60})",
    re.I,
)
PERIOD_AFTER = re.compile(
    r"^\s*(?:jaar|jaren|maanden|maand|weken|week|dagen|dag)\s+"
    r"(?:op rij|achtereen|achter elkaar|lang|geleden)\b",
    re.I,
)
PERIOD_BEFORE = re.compile(
    r"\b(?:afgelopen|laatste|gedurende|periode van|sinds|al|in de|in de eerste|de eerste)\s+$", re.I
)
# A norm, target or design figure, not a result: "binnen drie werkdagen", "de wettelijke
# beslistermijn van acht weken", "een streefwaarde van 80%".
NORM_BEFORE = re.compile(
    r"\b(?:binnen|uiterlijk|\w*termijn\s+van|norm\s+van|streefwaarde\s+van|streefcijfer\s+van"
    r"|doelstelling\s+van|ambitie\s+van|maximaal|hoogstens|ten hoogste)\s+(?:de\s+)?$",
    re.I,
)
# Effort put in: "kostten de gemeente gemiddeld 6,5 uur per tafel", "besteedde 420 uur".
EFFORT = re.compile(r"\b(kost|kostte|kostten|gekost|besteed\w*|inzet|ingezet|investeer\w*)\b")
# The size of the place or group a case is about: "een wijk met ongeveer 9.800 inwoners".
POPULATION = re.compile(
    rf"\b(?:telt|telde|tellen|wonen|woonden|met|heeft|had)\s+(?:{HEDGE}\s+)*$", re.I
)
RESIDENTS = re.compile(r"^(inwoners|bewoners|huishoudens|woningen|adressen|leerlingen)\b")
FUNDING = re.compile(
    r"\b(\w*bijdrage|budget|begroting|subsidie|investering|geinvesteerd|gestoken|financiering"
    r"|gefinancierd|betalen|betaald|betaalt|kost|kosten|kostte|gekost|uitgetrokken"
    r"|te verdelen|verdeeld|beschikbaar|leges|tarief)\b"
)
SAVING = re.compile(
    r"\b(bespaar\w*|besparing\w*|goedkoper|omlaag|gedaald|daalde\w*|verlaagd|lager\w*"
    r"|minder|reductie|opbrengst\w*|opgeleverd|leverde\w*)\b"
)
ORGANISATIONS = re.compile(
    r"^(gemeente|steden|organisatie|ministerie|waterschap|provincie|partner|partij|dienst"
    r"|stadsde|regio|instelling|bedrij|corporatie|overheden|ketenpartner|leverancier|school"
    r"|scholen|ziekenhui|afdeling|uitvoeringsorganisatie)"
)
ADOPTION = re.compile(
    r"\b(inmiddels|overgenomen|overnemen|navolging|nagevolgd|gevolgd|gebaseerd|aangesloten"
    r"|sloten zich aan|in gebruik genomen|in gebruik|ingevoerd|uitgerold|overgestapt"
    r"|werken nu met|gebruiken nu|nu gebruikt|inmiddels gebruikt)\b"
)
SERVED = re.compile(
    r"\b(ondersteund|geholpen|bediend|behandeld|afgehandeld|bereikt|bereiken|bereikte)\b"
)
INSTRUMENT = re.compile(
    r"\b(waarmee|daarmee|hiermee|waardoor|daardoor|hierdoor|dankzij|via"
    r"|met (?:de|het|deze|dit) (?:nieuwe )?\w+|door (?:de|het|deze|dit) (?:nieuwe )?"
    r"(?:aanpak|app|pilot|project|werkwijze|samenwerking|regeling|platform|dienst))\b"
)
CHANGE_TARGET = re.compile(rf"\b(?:naar|tot)\s+(?:{HEDGE}\s+)*$", re.I)


def baseline_reason(text: str, start: int, end: int, sentence_start: int) -> str | None:
    """Why the number at ``text[start:end]`` is the baseline of another figure, or None."""
    before = text[max(start - 80, sentence_start) : start]
    after = text[end : end + 80]
    if FROM_BEFORE.search(before) and FROM_TO_AFTER.match(after):
        return "baseline"  # "van 52 fte naar 12,4 fte"
    if BACK_REFERENCE.search(before):
        return "baseline"
    cue = CUE_BEFORE.search(before)
    if not cue:
        return None
    if cue.group("against"):  # "42% ... tegen 28%", "tegen een landelijke trend van 3%"
        earlier = re.search(r"\d", text[sentence_start : start - len(cue.group(0))])
        idiom = re.match(r"\s+(?:een|de|het)\b.*\bvan$", cue.group("between"), re.I)
        if not earlier and not idiom:
            return None
    return "baseline"


class Baseline(NamedTuple):
    """What a result is measured against: its words, value and unit word (may be "")."""

    text: str
    value: float | None
    unit: str


NO_BASELINE = Baseline("", None, "")


def comparison(text: str, start: int, end: int, sentence_start: int, sentence_end: int):
    """The ``Baseline`` of the result at ``text[start:end]``: "van 52 fte", "tegenover 28%
    in vergelijkbare gemeenten", "in plaats van drie uur"; else ``NO_BASELINE``."""
    after = COMPARE_AFTER.match(text, end, sentence_end)
    if after:
        quote = text[after.start("cue") : after.end("rest")]
        unit = re.match(rf"\s*({UNIT_WORD})?", after.group("rest")).group(1) or ""
        return _baseline(quote.rstrip(" ,"), after.group("figure"), unit)
    before = text[sentence_start:start]
    pairs = list(FROM_TO_BEFORE.finditer(before))
    if pairs:
        found = pairs[-1]
        unit = found.group("unit") or ""
        unit = unit if not re.fullmatch(r"\s*naar", unit) else ""
        return _baseline(f"van {found.group('figure')}{unit}", found.group("figure"), unit)
    cue = re.search(
        rf"\b(?P<cue>in plaats van|{TIME_CUE})\s+(?:[^\s\d.;:!?]+\s+){{0,6}}?"
        rf"(?P<figure>{FIGURE})(?P<unit>\s*{UNIT_WORD})?",
        before,
        re.I,
    )
    if cue and cue.end() < len(before):
        unit = cue.group("unit") or ""
        quote = f"{cue.group('cue')} {cue.group('figure')}{unit}"
        return _baseline(quote, cue.group("figure"), unit)
    return NO_BASELINE


def _baseline(quote: str, figure: str, unit: str) -> Baseline:
    value = figure_value(figure)
    if value is not None and not unit.strip() and re.fullmatch(r"(19|20)\d\d", figure.strip()):
        value = None  # "ten opzichte van 2019": a year, not a figure to compare with
    return Baseline(" ".join(quote.split()), value, unit.strip().lower())


def figure_value(raw: str) -> float | None:
    raw = raw.replace("€", "").strip()
    folded = raw.lower()
    if folded in ("één", "een"):
        return 1.0
    if folded in WORD_NUMBERS:
        return float(WORD_NUMBERS[folded])
    digits = raw.rstrip(".,")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", digits):
        digits = digits.replace(".", "")
    try:
        return float(digits.replace(",", "."))
    except ValueError:
        return None


def context_reason(text: str, start: int, end: int, unit: str | None, head: str,
                   sentence: str) -> str | None:  # fmt: skip
    """Why the figure at ``text[start:end]`` only describes the setting, or None.
    ``head``: the folded words right after the number (its noun); ``sentence``: folded."""
    before = text[max(start - 40, 0) : start]
    after = text[end : end + 40]
    if unit in ("years", "months", "weeks", "days") and (
        PERIOD_AFTER.match(after) or PERIOD_BEFORE.search(before)
    ):
        return "period"
    reason = _setting(before, unit, sentence)
    if reason or unit is not None:
        return reason
    if RESIDENTS.match(head) and POPULATION.search(before):
        return "population"
    if re.search(r"\balle\s+$", before, re.I):
        return "whole group"
    words = head.split()[:2]
    if any(ORGANISATIONS.match(w) for w in words):
        changed = CHANGE_TARGET.search(before)
        if not ADOPTION.search(sentence) and not changed:
            return "participants"
    served = SERVED.search(sentence) and not INSTRUMENT.search(sentence)
    if served and not CHANGE_TARGET.search(before):
        return "ordinary work"
    return None


def _setting(before: str, unit: str | None, sentence: str) -> str | None:
    """Money put in, a norm or target, or effort spent: never a result unless it saved."""
    if SAVING.search(sentence):
        return None
    if unit == "eur" and FUNDING.search(sentence):
        return "funding"
    if NORM_BEFORE.search(before):
        return "norm"
    if unit in ("hours", "days", "weeks", "months") and EFFORT.search(sentence):
        return "effort"
    return None


def head_words(text: str, end: int) -> str:
    """The folded words right after a number, up to the clause end."""
    window = re.split(r"[.,;:!?()\n]", text[end : end + 60], maxsplit=1)[0]
    return fold(window)
