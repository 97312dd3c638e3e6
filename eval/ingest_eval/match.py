"""Match rules of the ingestion evaluation: how a suggestion is compared with a gold item.

Pure functions (no Django, no files) so the scorer itself is tested (tests/eval/). The rules
are described in docs/ingestion-evaluation.md ("Match rules"):

- Text (lessons, barriers): ``text_score``: the gold's opening words open the suggestion, or
  the content words overlap enough in both directions (``TEXT_OVERLAP``, ``LENGTH_RATIO``).
- Names (people, partners, organisation): ``name_match``: equal after ``name_key``.
- Outcomes: ``outcome_match``: the same unit and value (within ``VALUE_TOLERANCE``).
- Titles: ``title_match``: equal, or a word Jaccard of at least ``TITLE_JACCARD``.
- Pairing: ``assign``: one to one, best score first.
"""

from __future__ import annotations

import re
import unicodedata

TEXT_OVERLAP = 0.6
LENGTH_RATIO = 3.0
TITLE_JACCARD = 0.6
VALUE_TOLERANCE = 0.01
PREFIX_MIN, PREFIX_SLACK, PREFIX_MAX = 4, 12, 90

_STOP = (
    "de het een en of in op aan van voor met bij uit tot om te door over naar als dan dat "
    "die dit deze er is zijn was waren wordt worden werd werden kan kunnen moet moeten "
    "zal zullen heeft hebben had ook nog niet wel maar want dus zo al meer veel men je we "
    "wij ze zij hij u ik hun haar zich wat waar wie hoe welke hier daar nu toe ons onze "
    "mijn "
)
STOPWORDS = frozenset(_STOP.split())

TITLES = frozenset({"dr", "drs", "mr", "ir", "ing", "prof", "mevr", "dhr", "ds", "mw", "bc", "msc"})
ARTICLES = frozenset({"de", "het", "een"})


def fold(text: str) -> str:
    """Lower case without accents, soft hyphens or typographic quotes; line-break hyphens
    ("luid- ruchtig") joined."""
    text = unicodedata.normalize("NFKD", str(text or ""))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("\u00ad", "").replace("’", "'").replace("‘", "'")
    text = re.sub(r"(\w)- ?\n\s*(\w)", r"\1\2", text)
    return text.lower()


def tokens(text: str) -> list[str]:
    """The words of a text, folded."""
    return re.findall(r"[a-z0-9]+", fold(text))


def content(text: str) -> set[str]:
    """The content words of a text: folded words without stop words and single letters."""
    return {t for t in tokens(text) if t not in STOPWORDS and (len(t) > 1 or t.isdigit())}


def text_score(suggested: str, gold: str) -> float:
    """How well a suggested text matches a gold text (0 = no match).

    Matches when the suggestion starts with the gold's opening words (``prefix_match``), or
    when the content words overlap: a suggestion shorter than the gold must lie for at least
    60% in it and cover at least a quarter of it; a longer one must contain at least 60% of
    the gold and be at most ``LENGTH_RATIO`` times as long."""
    if prefix_match(suggested, gold):
        return 1.0
    a, b = content(suggested), content(gold)
    if not a or not b:
        return 0.0
    shared = len(a & b)
    if shared < min(2, len(b)):
        return 0.0
    if len(a) <= len(b):
        ok = shared / len(a) >= TEXT_OVERLAP and shared / len(b) >= 0.25
    else:
        ok = shared / len(b) >= TEXT_OVERLAP and len(a) <= LENGTH_RATIO * len(b)
    return shared / min(len(a), len(b)) if ok else 0.0


def prefix_match(suggested: str, gold: str) -> bool:
    """The gold's opening words (at least ``PREFIX_MIN`` words) open the suggestion (after at
    most ``PREFIX_SLACK`` words: a bullet number, "Positief:", the question an answer follows),
    and the suggestion is not a whole passage (at most ``PREFIX_MAX`` words)."""
    want, have = tokens(gold), tokens(suggested)
    if len(want) < PREFIX_MIN or len(have) > PREFIX_MAX:
        return False
    return any(have[i : i + len(want)] == want for i in range(PREFIX_SLACK + 1))


def text_match(suggested: str, gold: str) -> bool:
    return text_score(suggested, gold) > 0


def name_key(name: str) -> str:
    """A person's or organisation's name for comparison: folded words without titles,
    initial dots or a leading article."""
    words = tokens(name)
    while words and (words[0] in TITLES or words[0] in ARTICLES):
        words = words[1:]
    return " ".join(words)


def name_match(suggested: str, accepted: list[str]) -> bool:
    key = name_key(suggested)
    return bool(key) and any(key == name_key(name) for name in accepted)


def title_match(suggested: str, accepted: list[str]) -> bool:
    words = set(tokens(suggested))
    if not words:
        return False
    for title in accepted:
        other = set(tokens(title))
        if name_key(suggested) == name_key(title):
            return True
        if other and len(words & other) / len(words | other) >= TITLE_JACCARD:
            return True
    return False


def value_match(suggested, gold) -> bool:
    try:
        a, b = abs(float(suggested)), abs(float(gold))
    except (TypeError, ValueError):
        return False
    return abs(a - b) <= VALUE_TOLERANCE * max(abs(b), 1e-9) or a == b


def outcome_match(suggested: dict, gold: dict) -> bool:
    """Same unit and the same value (or the gold's upper bound of a range)."""
    if not isinstance(suggested, dict) or suggested.get("unit") != gold.get("unit"):
        return False
    values = [gold.get("value"), gold.get("value_max")]
    return any(v is not None and value_match(suggested.get("value"), v) for v in values)


def phrase_coverage(text: str, phrases: list[str]) -> float:
    """Share of key phrases whose content words are for at least 60% in the text."""
    if not phrases:
        return 0.0
    words = content(text)
    covered = 0
    for phrase in phrases:
        wanted = content(phrase)
        if wanted and len(wanted & words) / len(wanted) >= TEXT_OVERLAP:
            covered += 1
    return covered / len(phrases)


def assign(suggestions: list, golds: list, score) -> dict[int, int]:
    """One-to-one pairing of suggestion index -> gold index, best scores first.

    ``score(s, g)`` returns a number > 0 for a match."""
    pairs = []
    for i, s in enumerate(suggestions):
        for j, g in enumerate(golds):
            value = score(s, g)
            if value > 0:
                pairs.append((value, i, j))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    taken_s, taken_g, result = set(), set(), {}
    for _, i, j in pairs:
        if i not in taken_s and j not in taken_g:
            result[i] = j
            taken_s.add(i)
            taken_g.add(j)
    return result
