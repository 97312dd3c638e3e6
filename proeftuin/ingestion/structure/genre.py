"""Does a document describe an innovation at all? And in which language is it written?

Ingestion makes cases of reports about innovations; other documents (parliamentary questions
and answers, a letter, minutes, a law or policy text) yield no case, with a reason. The
signals are general:

- **Form**: numbered questions and answers ("Vraag 1" ... "Antwoord 1"), articles of a
  regulation ("Artikel 1", "Artikel 2", ...), minutes ("Aanwezig:", "Afwezig:",
  "Rondvraag", "Actiepunten", "Besluitenlijst"), a letter ("Geachte ...", "Met vriendelijke
  groet").
- **Vocabulary**: words for trying and changing things ("pilot", "experiment",
  "innovatie", "proeftuin", "project", "prototype", "vernieuwing", "aanpak", "werkwijze",
  "ontwikkeld", "ingevoerd", "verbeterd", "geleerd", "gebruikersonderzoek"), counted per
  1000 words of the body. Questions and answers, regulations and minutes are no case unless
  that vocabulary is dense (``DENSE``); a letter unless it is at least ``LETTER``; a text of
  ``NONE`` words or more without a single such word is no case either.
- **Policy**: a policy framework or plan ("Beleidskader", "Beleidsnota", "Kadernota",
  "Beleidsplan", "Uitvoeringsagenda" on its title page) that speaks in the vocabulary of
  frames and intentions ("uitgangspunten", "kaders", "wij streven naar", "zullen") at least
  ``POLICY`` times per 1000 words, and reports little that happened (past tense: "werd",
  "bleek", "startte", "is/zijn/hebben ... ge-", fewer than ``PAST`` per 1000 words), uses
  the word innovation in general terms but describes no concrete project: no case.
- **Too little**: a body of fewer than ``MIN_WORDS`` words, or of fewer than ``FEW_WORDS``
  without a single sentence (a report that is only a table of contents and appendices), or
  a slide deck with (almost) one word per slide, cannot describe an innovation.

Language: Dutch and English function words are counted; a text with clearly more English
ones is English (``language = "en"``), which the pipeline reports to the user.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MIN_WORDS = 10
FEW_WORDS = 60
SLIDE_WORDS = 3  # a deck whose slides hold fewer words (median) than this says nothing
SENTENCE = re.compile(r"[^.!?\n]{12,}?[.!?](?:\s|$)")
NONE = 150  # a text this long without a single innovation word describes none
LETTER = 4.0
POLICY = 8.0
PAST = 8.0
POLICY_TITLE = re.compile(
    r"\b(?:beleidskader|beleidsnota|beleidsplan|kadernota|beleidsvisie|uitvoeringsagenda)\w*",
    re.IGNORECASE,
)
POLICY_WORDS = re.compile(
    r"\b(?:beleidskader\w*|uitgangspunt\w*|kaders?|(?:wij|we) streven|(?:wij|we) willen|"
    r"zullen|zal)\b",
    re.IGNORECASE,
)
PAST_TENSE = re.compile(
    r"\b(?:werd|werden|bleek|bleken|was|waren|hadden|startte\w*|begon\w*|liep|liepen|daalde\w*|"
    r"steeg|stegen|deden|namen|kregen|kreeg|zagen|gingen|ging|"
    r"(?:hebben|is|zijn)\s+(?:\w+\s+)?ge(?!en\b)\w+)\b",
    re.IGNORECASE,
)
DENSE = 8.0
INNOVATION = re.compile(
    r"\b(?:innovati\w*|pilot\w*|proeftuin\w*|proefproject\w*|experiment\w*|prototype\w*|"
    r"project\w*|vernieuw\w*|initiatie\w*|aanpak\w*|werkwijze\w*|ontwikkeld\w*|ontwikkel|"
    r"ontwikkelen|ingevoerd|invoeren|gelanceerd|opgezet|verbeter\w*|geleerd|leerervaring\w*|"
    r"lessen|gebruikersonderzoe\w*|gebruikerstest\w*|onderzoek\w*|ontwerp\w*|proof of concept|"
    r"living lab\w*|samenwerking\w*|analyse\w*|verken\w*|nieuwe werkwijze)\b",
    re.IGNORECASE,
)
QUESTION = re.compile(
    r"(?:^|(?<=[.?!:]\s))(?:vraag|antwoord)\s+\d{1,3}\b", re.IGNORECASE | re.MULTILINE
)
ANSWER = re.compile(r"(?:^|(?<=[.?!:]\s))antwoord\s+\d{1,3}\b", re.IGNORECASE | re.MULTILINE)
ARTICLE = re.compile(r"^artikel\s+\d{1,3}[a-z]?\b", re.IGNORECASE | re.MULTILINE)
MINUTES = re.compile(
    r"^(?:aanwezig|afwezig|afgemeld|notulist|notulen|besluitenlijst|actiepunten|actielijst|"
    r"rondvraag|sluiting|vaststellen (?:van )?(?:de )?agenda)\b",
    re.IGNORECASE | re.MULTILINE,
)
LETTER_OPEN = re.compile(r"^(?:geachte|beste)\s+\w+", re.IGNORECASE | re.MULTILINE)
LETTER_CLOSE = re.compile(r"\b(?:met vriendelijke groet(?:en)?|hoogachtend)\b", re.IGNORECASE)
WORD = re.compile(r"[^\W\d_]+")
DUTCH = frozenset(
    [
        "de",
        "het",
        "een",
        "en",
        "van",
        "is",
        "dat",
        "niet",
        "zijn",
        "voor",
        "met",
        "op",
        "te",
        "worden",
        "wordt",
        "ook",
        "bij",
    ]
)
ENGLISH = frozenset(
    [
        "the",
        "and",
        "of",
        "to",
        "is",
        "that",
        "for",
        "with",
        "are",
        "this",
        "be",
        "was",
        "were",
        "from",
        "by",
        "which",
    ]
)


@dataclass(frozen=True)
class Assessment:
    innovation: bool  # the document describes at least one innovation
    code: str  # why not: "questions_and_answers", "regulation", "minutes", "letter",
    # "no_innovation_words", "too_little_text", "policy"; "" when it does
    language: str  # "nl", "en" or "" (too little text to tell)
    words: int  # words in the body
    density: float  # innovation words per 1000 words of the body


def assess(text: str, body: tuple[int, int], slide_words: list[int] | None = None) -> Assessment:
    """``slide_words``: words per slide when the document is a slide deck."""
    part = text[body[0] : body[1]]
    words = WORD.findall(part)
    count = len(words)
    language = _language(words)
    density = 1000 * len(INNOVATION.findall(part)) / max(count, 1)
    code = (
        _too_little(part, count, slide_words)
        or _verdict(part, count, density)
        or _policy(text[: body[0] + 1500], part, count)
    )
    return Assessment(not code, code, language, count, round(density, 1))


def _too_little(part: str, count: int, slide_words: list[int] | None) -> str:
    if slide_words and sorted(slide_words)[len(slide_words) // 2] < SLIDE_WORDS:
        return "too_little_text"
    if count < MIN_WORDS:
        return "too_little_text"
    sentence = any(len(s.split()) >= 4 for s in SENTENCE.findall(part))
    return "too_little_text" if count < FEW_WORDS and not sentence else ""


def _verdict(part: str, count: int, density: float) -> str:
    if len(QUESTION.findall(part)) >= 4 and ANSWER.search(part) and density < DENSE:
        return "questions_and_answers"
    if len(ARTICLE.findall(part)) >= 3 and density < DENSE:
        return "regulation"
    if len(MINUTES.findall(part)) >= 2 and density < DENSE:
        return "minutes"
    letter = LETTER_OPEN.search(part[:2000]) and LETTER_CLOSE.search(part)
    if letter and density < LETTER:
        return "letter"
    if count >= NONE and density == 0:
        return "no_innovation_words"
    return ""


def _policy(head: str, part: str, count: int) -> str:
    """A policy framework or plan: frames and intentions, hardly anything that happened."""
    if count < FEW_WORDS or not POLICY_TITLE.search(head):
        return ""
    policy = 1000 * len(POLICY_WORDS.findall(part)) / count
    past = 1000 * len(PAST_TENSE.findall(part)) / count
    return "policy" if policy >= POLICY and past < PAST else ""


def _language(words: list[str]) -> str:
    sample = [w.lower() for w in words[:3000]]
    dutch = sum(w in DUTCH for w in sample)
    english = sum(w in ENGLISH for w in sample)
    if dutch + english < 10:
        return ""
    return "en" if english > 2 * dutch else "nl"
