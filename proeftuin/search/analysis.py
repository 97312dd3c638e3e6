"""Dutch text analysis for keyword search: tokenising, stopwords, stemming, compound splitting.

Pure Python, no Django. The same pipeline must be used for indexing (:func:`analyze`) and for
queries (:func:`analyze_query`), so that both sides produce comparable terms.

Choices (see the "Search and discovery" issue for the measurements behind them):

* Stemming uses PyStemmer's ``"dutch"`` algorithm. Since Snowball 3.0 (PyStemmer 3.1) that name
  is the *newer* Dutch stemmer (Kraaij-Pohlmann based; it also strips the ``ge-`` participle
  prefix, so ``samengewerkt`` and ``samenwerken`` meet). The classic Porter-style Dutch stemmer
  is still available as ``"dutch_porter"`` and is deliberately not used: the newer one scored
  +0.03 nDCG@10 on our evaluation set.
* The stemmer sees the lowercased word *with* its accents (``financiële`` → ``financieel``), and
  its output is then accent-folded; the folded form is what is indexed and matched.
* Compounds are split with wordfreq's Dutch word list, which ships inside the wheel (nothing is
  downloaded at run time). The parts are indexed *beside* the compound, never instead of it.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

import Stemmer

__all__ = [
    "DUTCH_STOPWORDS",
    "MAX_QUERY_CHARS",
    "MAX_QUERY_TERMS",
    "MAX_TERM_LEN",
    "STEMMER_ALGORITHM",
    "Token",
    "analyze",
    "analyze_query",
    "damerau_levenshtein",
    "fold",
    "query_words",
    "similar_terms",
    "split_compound",
    "stem",
    "tokenize",
]

STEMMER_ALGORITHM = "dutch"  # the newer Snowball Dutch stemmer; "dutch_porter" is the classic one


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Snowball's Dutch stopword list (snowballstem.org/algorithms/dutch/stop.txt), accent-folded.
DUTCH_STOPWORDS: frozenset[str] = _wordset(
    """
    de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar om
    hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar
    naar heb hoe heeft hebben deze u want nog zal me zij nu ge geen omdat iets worden toch al
    waren veel meer doen toen moet ben zonder kan hun dus alles onder ja eens hier wie werd
    altijd doch wordt wezen kunnen ons zelf tegen na reeds wil kon niets uw iemand geweest
    andere
    """
)

# English function words that are no Dutch word: left out of queries only (an English question
# must not match every passage that quotes an English title through "the" or "for").
ENGLISH_FUNCTION_WORDS: frozenset[str] = _wordset(
    """
    the a an and to for with this that these those what how why where when which who whom do
    does did i you your my it its are be can could should would from by at on into about
    there their they them our us has if or than then also just any some many much not
    """
)

# Query limits: a pasted essay must not turn into a thousand-term OR query.
MAX_QUERY_CHARS = 1_000
MAX_QUERY_TERMS = 32
# Longer "words" (base64, hashes, runs of one letter) are not indexed or searched.
MAX_TERM_LEN = 64

# --------------------------------------------------------------------------- tokenising

_MARKS = "\u0300-\u036f"  # combining diacritics (text in NFD form)
_LETTERS = rf"[^\W_](?:[^\W_]|[{_MARKS}])*"  # letters/digits, then also combining marks
_WORD = rf"{_LETTERS}(?:['’]{_LETTERS})*"  # auto's, zo’n
_DECIMAL = r"\d+(?:[.,]\d+)+"
_HYPHENS = "-\u2010\u2011"
_TOKEN_RE = re.compile(rf"(?:{_DECIMAL}|{_WORD})(?:[{_HYPHENS}](?:{_DECIMAL}|{_WORD}))*")
_PART_RE = re.compile(rf"{_DECIMAL}|{_WORD}")
_HYPHEN_RE = re.compile(f"[{_HYPHENS}]")


@dataclass(frozen=True, slots=True)
class Token:
    """A term with its character offsets into the original text (``text[start:end]``).

    ``kind`` is ``"word"`` for an ordinary token, ``"hyphenated"`` for the joined whole of a
    hyphenated compound (``ICT-systeem`` → ``ictsysteem``) and ``"part"`` for one of its parts.
    """

    term: str
    start: int
    end: int
    kind: str = "word"


def fold(text: str) -> str:
    """Lowercase and strip diacritics (``Coördinatie`` → ``coordinatie``)."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return folded.replace("’", "'")


def _iter_tokens(text: str) -> Iterator[Token]:
    for match in _TOKEN_RE.finditer(text):
        start, end = match.span()
        parts = list(_PART_RE.finditer(text, start, end))
        if len(parts) == 1:
            yield Token(fold(match.group()), start, end)
            continue
        yield Token("".join(fold(p.group()) for p in parts), start, end, "hyphenated")
        for part in parts:
            yield Token(fold(part.group()), part.start(), part.end(), "part")


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into lowercase, accent-folded tokens with offsets into ``text``.

    Numbers are kept (``2024``, ``3,5``). A hyphenated compound gives its joined whole first and
    then its parts, each with its own offsets.
    """
    return list(_iter_tokens(text))


# --------------------------------------------------------------------------- stemming

_stemmer = Stemmer.Stemmer(STEMMER_ALGORITHM)


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    """Stem one word with Snowball Dutch and accent-fold the result.

    Words containing digits are returned folded but unstemmed.
    """
    lowered = unicodedata.normalize("NFC", word.lower()).replace("’", "'")
    if any(c.isdigit() for c in lowered):
        return fold(lowered)
    return fold(_stemmer.stemWord(lowered))


# --------------------------------------------------------------------------- compounds

MIN_PART_ZIPF = 3.0  # a part must be at least this frequent (Zipf scale: 3 = once per million)
MIN_MODIFIER_LEN = 3
MIN_HEAD_LEN = 4
MAX_COMPOUND_LEN = 40
LINKERS = ("", "s", "en", "e")  # tried in this order: gegevens|…, bestand+s|…, boek+en|…

# Prefixes and particles that look like words but do not start a real compound here
# (uitwisseling is not uit + wisseling; overheid is not over + heid).
_BAD_MODIFIERS = (DUTCH_STOPWORDS - {"zelf"}) | _wordset(
    "ver ont her mis wan samen mee toe terug weg rond achter voorbij binnen buiten and the for"
)
# Derivational suffixes that happen to be words (vriendelijk, eigendom, kenbaar).
_BAD_HEADS = _wordset(
    "heid heden lijk lijke lijken baar bare schap schappen dom achtig achtige loos loze "
    "zaam zame isme ling lingen ster sters erij tjes eren"
)
# Three-letter heads are too often suffixes (-eer, -tig, -ing); these common ones are allowed.
_SHORT_HEADS = _wordset("wet dag weg pad dak bus bos zee bad bed kas net app")


@cache
def _lexicon() -> dict[str, float]:
    """Folded Dutch words (letters only) with their Zipf frequency (3 = once per million)."""
    from wordfreq import get_frequency_dict  # imported lazily: loading takes ~0.5 s

    frequencies: dict[str, float] = {}
    for word, freq in get_frequency_dict("nl", wordlist="large").items():
        if word.isalpha():
            key = word if word.isascii() else fold(word)
            frequencies[key] = max(frequencies.get(key, 0.0), freq)
    return {word: math.log10(freq) + 9 for word, freq in frequencies.items()}


def _is_part(word: str, lexicon: dict[str, float]) -> bool:
    return lexicon.get(word, 0.0) >= MIN_PART_ZIPF


def _is_head(word: str, lexicon: dict[str, float]) -> bool:
    if len(word) < MIN_HEAD_LEN and word not in _SHORT_HEADS:
        return False
    return _is_part(word, lexicon) and word not in _BAD_HEADS


def _modifier(prefix: str, lexicon: dict[str, float], min_len: int) -> str | None:
    """The modifier word in ``prefix`` (with a linking -s-/-en-/-e- removed), if there is one."""
    for linker in LINKERS:
        if linker and not prefix.endswith(linker):
            continue
        word = prefix[: len(prefix) - len(linker)]
        if len(word) >= min_len and _is_part(word, lexicon) and word not in _BAD_MODIFIERS:
            return word
    return None


def _best_split(
    word: str, lexicon: dict[str, float], min_modifier: int, compound_head: bool
) -> tuple[tuple[str, ...], float]:
    """The most frequent split of ``word`` (mean Zipf of the parts), or ``((word,), -inf)``.

    Without ``compound_head``: modifier + one head word. With it, the head may be a compound
    itself (three or more parts in all).
    """
    best: tuple[str, ...] = (word,)
    best_score = -math.inf
    for i in range(min_modifier, len(word) - 2):
        rest = word[i:]
        if _is_head(rest, lexicon):
            head: tuple[str, ...] = (rest,)
        elif compound_head and len(head := _split(rest, MIN_HEAD_LEN)) > 1:
            pass
        else:
            continue
        modifier = _modifier(word[:i], lexicon, min_modifier)
        if modifier is None:
            continue
        score = (lexicon[modifier] + sum(lexicon[p] for p in head)) / (1 + len(head))
        if score > best_score:
            best, best_score = (modifier, *head), score
    return best, best_score


@lru_cache(maxsize=65_536)
def _split(word: str, min_modifier: int = MIN_MODIFIER_LEN) -> tuple[str, ...]:
    lexicon = _lexicon()
    # Two parts are preferred. Only a word without a two-part split is tried in three or more,
    # and then every part needs MIN_HEAD_LEN letters, so that short words do not chop a word
    # into fragments (ziekenhuis is not zie + ken + huis).
    parts, score = _best_split(word, lexicon, min_modifier, compound_head=False)
    if len(parts) == 1:
        parts, score = _best_split(word, lexicon, MIN_HEAD_LEN, compound_head=True)
    # Koehn & Knight: split only when the parts are, on average, more frequent than the whole;
    # a common word (ziekenhuis, samenwerking) is left alone.
    if len(parts) > 1 and score > lexicon.get(word, 0.0):
        return parts
    return (word,)


def split_compound(word: str) -> list[str]:
    """Split a Dutch compound into its (accent-folded) parts, or return ``[word]``.

    ``ketensamenwerking`` → ``["keten", "samenwerking"]``; linking morphemes are dropped
    (``bestandsvergelijking`` → ``["bestand", "vergelijking"]``). Memoised.
    """
    folded = fold(word)
    if not folded.isalpha() or not 2 * MIN_MODIFIER_LEN < len(folded) <= MAX_COMPOUND_LEN:
        return [folded]
    return list(_split(folded))


# --------------------------------------------------------------------------- analysis


def _surface(text: str, token: Token) -> str:
    """The token's original spelling (accents kept, hyphens removed) for the stemmer."""
    surface = text[token.start : token.end]
    return surface if token.kind != "hyphenated" else _HYPHEN_RE.sub("", surface)


def _terms(text: str, tokens: Iterable[Token]) -> Iterator[str]:
    for token in tokens:
        if token.term in DUTCH_STOPWORDS or len(token.term) > MAX_TERM_LEN:
            continue
        yield stem(_surface(text, token))
        if token.kind != "word":
            continue  # hyphenated: the parts are tokens of their own
        parts = split_compound(token.term)
        if len(parts) > 1:
            yield from (stem(p) for p in parts if p not in DUTCH_STOPWORDS)


def analyze(text: str) -> list[str]:
    """Index terms for ``text``: stems of the tokens, plus stems of compound parts."""
    return list(_terms(text, _iter_tokens(text)))


_OPERATOR_RE = re.compile(r"\b(?:AND|OR|NOT|EN|OF|NIET)\b")


def analyze_query(text: str, max_terms: int = MAX_QUERY_TERMS) -> list[str]:
    """Query terms for ``text``: as :func:`analyze`, deduplicated and capped.

    Quotes, ``+``/``-`` prefixes, wildcards, brackets and upper-case boolean operators that a
    user types out of habit are ignored. Only the first :data:`MAX_QUERY_CHARS` characters and
    at most ``max_terms`` terms are used, so a pasted essay stays cheap.
    """
    text = _query_text(text)
    seen: dict[str, None] = {}
    for term in _terms(text, _query_tokens(text)):
        seen.setdefault(term)
        if len(seen) >= max_terms:
            break
    return list(seen)


def query_words(text: str) -> list[str]:
    """The terms of the words typed in a query, without the parts its compounds split into
    (``kernfusiereactor`` gives ``kernfusiereactor``, not ``kern`` or ``fusie``)."""
    text = _query_text(text)
    return list(
        dict.fromkeys(
            stem(_surface(text, token))
            for token in _query_tokens(text)
            if token.term not in DUTCH_STOPWORDS and len(token.term) <= MAX_TERM_LEN
        )
    )


def _query_text(text: str) -> str:
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS].rsplit(None, 1)[0]  # do not search half a word
    return _OPERATOR_RE.sub(" ", text)


def _query_tokens(text: str) -> Iterator[Token]:
    return (t for t in _iter_tokens(text) if t.term not in ENGLISH_FUNCTION_WORDS)


# --------------------------------------------------------------------------- typo tolerance


def damerau_levenshtein(a: str, b: str, max_distance: int | None = None) -> int:
    """Optimal-string-alignment distance (adjacent transpositions count as one edit).

    With ``max_distance`` the computation stops early and returns ``max_distance + 1`` once the
    distance is certainly larger.
    """
    if max_distance is not None and abs(len(a) - len(b)) > max_distance:
        return max_distance + 1
    previous: list[int] = []
    current = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        before, previous, current = previous, current, [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], before[j - 2] + 1)
        if max_distance is not None and min(current) > max_distance:
            return max_distance + 1
    return current[-1]


def similar_terms(term: str, vocabulary: Iterable[str], max_distance: int = 1) -> list[str]:
    """Entries of ``vocabulary`` within ``max_distance`` edits of ``term``, closest first.

    Comparison is case- and accent-insensitive; the original entries are returned (each once,
    ties in vocabulary order). Meant for short names (organisations, cases): a distance of 1
    for short terms and 2 for longer ones is a sensible choice for callers.
    """
    needle = fold(term.strip())
    scored: list[tuple[int, int, str]] = []
    seen: set[str] = set()
    for index, entry in enumerate(vocabulary):
        if entry in seen:
            continue
        seen.add(entry)
        distance = damerau_levenshtein(needle, fold(entry.strip()), max_distance)
        if distance <= max_distance:
            scored.append((distance, index, entry))
    return [entry for _, _, entry in sorted(scored)]
