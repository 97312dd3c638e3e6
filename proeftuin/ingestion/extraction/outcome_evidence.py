"""Is a figure a measured result? Junk rules and an evidence score for step "outcomes".

``junk`` names why a number is no outcome at all: a section, question, figure or appendix
number, a time of day, a date, an age band, a frequency, a count of the people who were
interviewed, asked or tested (the method, not a result), a number in a question, a version
or article number. ``evidence`` scores how clearly the clause states a result: a change
("daalde met 20%", "van 9 naar 4 dagen", "bespaard"), a share of a group that found or did
something ("72% van de deelnemers vond ...", "3 van de 8 testpersonen"), result words
("resultaat", "tevreden", "gerealiseerd"), a unit, and whether it lies in a section about
results; a plan, a wish or a condition ("zal", "moet", "zou") counts against.
"""

from __future__ import annotations

import re

from proeftuin.ingestion.extraction.outcome_context import ADOPTION
from proeftuin.ingestion.extraction.text import fold

REFERENCE_BEFORE = re.compile(
    r"\b(?:vraag|antwoord|hoofdstuk|paragraaf|sectie|bijlage|figuur|fig|afbeelding|screenshot"
    r"|schermafdruk|tabel|grafiek|pagina|blz|p|stap|optie|versie|artikel|art|lid|cluster|fase"
    r"|ronde|casus|scenario|deel|nummer|nr|no|week|dag|sprint|release|vragen|antwoorden"
    r"|staatsblad|stb|stcrt|kamerstuk(?:ken)?|punt|onderdeel|niveau|level|ws|v)\.?\s*"
    r"(?:\d+\s*(?:,|en|t/m|tot)\s*)?$",
    re.I,
)
AGE_WORDS = re.compile(
    r"\b(leeftijd|jarig\w*|plusser\w*|ouder|jonger|oud|geboren|levensjaar\w*|categorie)\b"
)
FREQUENCY_BEFORE = re.compile(r"\b(om de|elke|iedere|per|eens in de|een keer per)\s+$", re.I)
FREQUENCY_AFTER = re.compile(r"^\s*(keer|maal)\s+(per|in de|per jaar|per week|per maand)\b", re.I)
METHOD_NOUNS = re.compile(
    r"^(respondent|deelnemer|geinterviewde|interview|tester|testperso|proefperso|gesprek"
    r"|sessie|workshop|observant|interviewer|focusgroep|enquete|vragenlijst"
    r"|bijeenkomst|testdag|gebruikerstest|pilot|project|experiment|proef|deelproject)"
)
METHOD_VERBS = re.compile(
    r"\b(getest|geinterviewd|gesproken|bevraagd|beantwoord|ingevuld|deelgenomen|meegedaan"
    r"|meegewerkt|benaderd|uitgenodigd|geworven|gevonden|deelnemers|respondenten|interviews"
    r"|deelnamen|deelnemen|deelname"
    r"|vragenlijst|enquete|testgroep|steekproef)\b"
)
SHARE = re.compile(
    r"^(?:%|\s*procent)?\s*(?:van\s+(?:de|alle|het\s+aantal)\s+|\s*van\s+(?:de\s+)?\d+\s+)?"
    r"(?P<group>[a-z][\w-]+)",
)
FRACTION = re.compile(r"^\s*van\s+(?:de|het|alle)?\s*(?P<n>\d+)\s+(?P<group>[a-z][\w-]+)", re.I)
JUDGEMENT = re.compile(
    r"\b(vond|vonden|vindt|vinden|gaf aan|gaven aan|geeft aan|geven aan|zegt|zeggen|zei"
    r"|noemde|noemden|noemt|noemen|is tevreden|zijn tevreden|was tevreden|waren tevreden"
    r"|tevreden|ontevreden|waardeer\w*|beoordeel\w*|kon|konden|lukte|lukten|slaagde"
    r"|slaagden|wist|wisten|vindbaar|begreep|begrepen|koos|kozen|gebruikte|gebruikten"
    r"|verwacht\w*|herkende\w*|wil|willen|ervaart|ervaren|paste|pasten|bekijkt|bekijken"
    r"|veranderde|veranderden|stapte|stapten|gaf|gaven)\b"
)
CHANGE = re.compile(
    r"\b(daling|gedaald|daal\w*|afgenomen|afname|bespaard|besparing\w*|bespaart|verlaagd"
    r"|verlaging|reductie|teruggebracht|verminderd|vermindering|gehalveerd|halveerde\w*"
    r"|stijging|gestegen|steeg|stegen|stijgt|toegenomen|toename|verhoogd|verhoging|gegroeid"
    r"|groei\w*|verdubbel\w*|verdrievoudig\w*|vertienvoudig\w*|verviervoudig\w*|verbeterd"
    r"|verbetering|verkort|versneld|gereduceerd|minder dan voorheen|meer dan voorheen"
    r"|ten opzichte van|t\.o\.v\.|tegenover|vergeleken met|teruggevallen|terugviel"
    r"|viel terug|omlaag|omhoog|resteerde\w*|overgebleven)\b"
    r"|\b(?:nam|namen)\b[^.;:]{0,40}\b(?:af|toe)\b"
    r"|\bvan\s+[\d.,]+\s*(?:%|\w+)?\s+naar\s+[\d.,]+"
    r"|\b(?:bleven|bleef|blijven|blijft)\b[^.;:]{0,60}\bover\b"
    r"|\d\s*(?:%|procent|procentpunt\w*)\s+(?:minder|meer|lager|hoger|sneller|goedkoper"
    r"|kleiner|groter|beter)\b"
)
RESULT_WORDS = re.compile(
    r"\b(resultaat|resultaten|opgeleverd|leverde\w* op|levert op|opbrengst|effect\w*"
    r"|gerealiseerd|behaald|gehaald|bereikt|gemeten|meting|score\w*|rapportcijfer|cijfer"
    r"|tevredenheid|tevreden|succesvol|geholpen|ondersteund|bediend|bespaard|uitkomst\w*"
    r"|slagingspercentage|doorlooptijd|wachttijd|afhandeltijd|sneller|goedkoper|blijkt|blijken"
    r"|bleek|bleken|inmiddels|een voldoende|voldoende of hoger|een onvoldoende)\b"
)
ACHIEVED = re.compile(
    r"\b(uitgevoerd|opgeleid|herplaatst|ondersteund|geholpen|bereikt|bereiken|bediend"
    r"|gerealiseerd|vervangen|geplaatst|aangesloten|afgesloten|beschikbaar gesteld|stelde"
    r"|gepubliceerd|behandeld|afgehandeld|reageerden|reageerde|namen deel|nam deel|deden mee"
    r"|deed mee|gestart|opgestart|ingezet|aangenomen|ingevoerd|gegenereerd|opgeleverd"
    r"|bespaard"
    # proposals a council or board accepted: "raad en college accordeerden tachtig voorstellen"
    r"|geaccordeerd|accordeerde|accordeerden|goedgekeurd|keurde\w* goed|overgenomen)\b"
)
PLAN_WORDS = re.compile(
    r"\b(zal|zullen|zou|zouden|moet|moeten|dient|dienen|kan|kunnen|mag|mogen|wil|willen"
    r"|stel|verwacht\w*|streven|doel\w*|ambitie|maximaal|minimaal|tot max|gepland|beoogd"
    r"|gaat|gaan)\b"
)
# "heeft ... kunnen opleiden": a modal in the perfect tense states what was done, no plan.
PERFECT_MODAL = re.compile(
    r"\b(?:heeft|hebben|had|hadden)\b[^.;:]{0,120}?\b(?:kunnen|moeten|mogen|weten te)\s+\w+"
)
SENTENCE_END = re.compile(
    r"(?<!\bca)(?<!\bbijv)(?<!\bo\.a)(?<!\bt\.o\.v)(?<!\bnr)(?<!\bresp)(?<!\bincl)(?<!\bexcl)"
    r"(?<!\bong)(?<!\bevt)(?<!\bvs)(?<!\bd\.w\.z)(?<!\bm\.b\.t)[.!?](?=[’'\"”)]*(?:\s|$))"
)
UNIT_BASE = {
    "percent": 0.3,
    "eur": 0.25,
    "fte": 0.25,
    "score": 0.35,
    "hours": 0.15,
    "days": 0.2,
    "weeks": 0.15,
    "months": 0.1,
    "years": 0.05,
    "count": 0.1,
    "other": 0.15,
}


def junk(text: str, start: int, end: int, unit: str | None, noun: str | None, clause: str):
    """Why the number at ``text[start:end]`` is no outcome, or None when it may be one."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(start - 40, line_start) : start]  # words of the previous line are no
    after = text[end : end + 40]  # reference ("... per week" above "64% van de ...")
    if REFERENCE_BEFORE.search(before):
        return "reference"
    small = re.fullmatch(r"\d{1,2}", text[start:end])
    if start == line_start and small and re.match(r"[.)]?\s+[A-ZÀ-Þ]", after) and not unit:
        return "heading number"
    if re.match(r"\s*[.:]\s*\d{2}\b", after) or (re.match(r"\s*uur\b", after) and _clock(before)):
        return "time"
    if unit == "years" and _age(before, after, clause):
        return "age"
    if re.match(r"\s*(?:[-–]\s*\d+\s*)?[-–]?\s*(?:jarig|plusser)", after, re.I):
        return "age"
    if FREQUENCY_BEFORE.search(before) or FREQUENCY_AFTER.match(after):
        return "frequency"
    if clause.rstrip().endswith("?") or _question(text, end):
        return "question"
    if unit in (None, "count") and _method(noun, clause, after):
        return "method"
    if re.search(r"\b\d+\s+van\s+(?:de\s+|het\s+|alle\s+)?$", before):
        return "denominator"
    return None


def evidence_of_change(sentence: str) -> bool:
    """Does the sentence state a change ("steeg", "nam af", "gedaald", ...)?"""
    return bool(CHANGE.search(fold(sentence)))


def _clock(before: str) -> bool:
    return bool(re.search(r"\b(om|tot|vanaf|van|rond|omstreeks)\s+$", before, re.I))


def _age(before: str, after: str, clause: str) -> bool:
    window = fold(before[-30:] + " " + after[:25])
    if AGE_WORDS.search(window):
        return True
    return bool(re.search(r"\d\s*[-–]\s*$", before) and re.match(r"\s*jaar\b", after))


def _question(text: str, end: int) -> bool:
    """The sentence of the number ends in a question mark (a line break ends it too: a
    slide's next title "Wat zeggen de deelnemers?" is not its question)."""
    stop = re.search(r"[.!?](?=[’'\"”)]*(?:\s|$))|\n", text[end : end + 300])
    return bool(stop and stop.group(0)[0] == "?")


def _method(noun: str | None, clause: str, after: str) -> bool:
    folded = fold(noun or "")
    if folded and METHOD_NOUNS.match(folded):
        return not JUDGEMENT.search(fold(clause))
    return bool(METHOD_VERBS.search(fold(clause))) and not CHANGE.search(fold(clause))


def evidence(
    text: str, start: int, end: int, unit: str, clause: str, results: bool, compared=False
) -> float:
    """0..1: how clearly the clause states a measured result (see the module docstring);
    ``compared``: the figure is set against a baseline ("in plaats van drie uur")."""
    folded = fold(clause)
    sentence = fold(_sentence(text, start))
    after = fold(text[end : end + 80])
    score = UNIT_BASE.get(unit, 0.1)
    perfect = PERFECT_MODAL.search(folded)
    plan = PLAN_WORDS.search(PERFECT_MODAL.sub(" ", folded))
    if compared or CHANGE.search(sentence):
        score += 0.35
    elif (
        unit in ("count", "other")
        and not plan
        and (ACHIEVED.search(folded) or perfect or ADOPTION.search(sentence))
    ):
        score += 0.25
    if _share(unit, after, folded):
        score += 0.4
    if RESULT_WORDS.search(sentence):
        score += 0.15
    if results:
        score += 0.15
    if plan:
        score -= 0.2
    return max(0.05, min(score, 1.0))


def _sentence(text: str, at: int) -> str:
    begin, end = sentence_bounds(text, at)
    return text[begin:end]


def sentence_bounds(text: str, at: int) -> tuple[int, int]:
    """The sentence around offset ``at`` (at most 300 characters either side; "ca." and
    other abbreviations end no sentence)."""
    low = max(at - 300, 0)
    ends = [m.end() for m in SENTENCE_END.finditer(text, low, at)]
    ends += [low + m.end() for m in re.finditer(r"\n", text[low:at])]
    begin = max(ends) if ends else low
    stop = SENTENCE_END.search(text, at, at + 300)
    line = text.find("\n", at, at + 300)
    end = min(p for p in (stop.start() if stop else at + 300, line if line >= 0 else at + 300))
    return begin, min(end, len(text))


def _share(unit: str, after: str, clause: str) -> bool:
    """ "72% van de deelnemers vond", "3 van de 8 testpersonen kon": a share of a group
    that judged or did something."""
    if unit == "percent":
        match = SHARE.match(after)
    elif unit == "count":
        match = FRACTION.match(after)
    else:
        return False
    return bool(match and JUDGEMENT.search(after[match.end() : match.end() + 60] + " " + clause))
