"""The synthetic corpus of ``search.py``: cases with facets, passages, vectors and queries.

Everything comes from one seed. Words are real Dutch (wordfreq's list, which the analysis
already ships with) drawn with a Zipf distribution, plus made-up compounds (``wijkkaart``,
``dienstensysteem``) that the analysis has to split, stopwords, and per-topic words so that
the passages of a case share vocabulary. Vectors are synthetic (see ``vectors``): the
benchmark measures the indexes, not the embedding model.

Case ids are 1..cases and passage ids 1..passages; arrays indexed "by case id" have an
unused element 0, so that they can serve directly as a ``RowScope``.
"""

from __future__ import annotations

import multiprocessing
import time
from dataclasses import dataclass, field

import numpy as np
import words as w

from proeftuin.search.analysis import DUTCH_STOPWORDS, analyze

DIMENSION = 384
TOPICS = 2_000
TOPIC_WORDS = 15
VOCABULARY = 60_000
COMPOUNDS = 20_000
PASSAGE_WORDS = (30, 80)
STOP_SHARE, TOPIC_SHARE, COMPOUND_SHARE = 0.30, 0.12, 0.06  # of a passage's tokens
PUBLIC_SHARE = 0.85  # published and public, as in generate.py's STATUS_VISIBILITY
LAYERS = {"local": 63, "regional": 17, "provincial": 3, "national": 17}  # words.ORG_KINDS
THEMES = [f"casebook.thema{i:02d}" for i in range(1, 21)]
# Noise around the topic centroid (unit length) per case, per passage and per query.
CASE_SPREAD, PASSAGE_SPREAD, QUERY_SPREAD = 0.7, 0.6, 0.8
ANALYSIS_CHUNK = 5_000


def _zipf_cdf(n: int, exponent: float = 1.0, offset: float = 2.7) -> np.ndarray:
    weights = 1.0 / (np.arange(n) + offset) ** exponent
    cdf = np.cumsum(weights)
    return cdf / cdf[-1]


@dataclass
class Vocabulary:
    words: np.ndarray  # most frequent first
    cdf: np.ndarray
    compounds: np.ndarray
    compound_cdf: np.ndarray
    stopwords: np.ndarray
    topic_words: np.ndarray  # (TOPICS, TOPIC_WORDS) indexes into words

    @classmethod
    def make(cls, rng: np.random.Generator) -> Vocabulary:
        from wordfreq import top_n_list

        listed = top_n_list("nl", VOCABULARY + 5_000, wordlist="large")
        kept = [x for x in listed if x.isalpha() and len(x) >= 3 and x not in DUTCH_STOPWORDS]
        words = np.array(kept[:VOCABULARY], dtype=object)
        parts = [x for x in kept[200:6_000] if 4 <= len(x) <= 9]
        left, right = rng.choice(parts, COMPOUNDS), rng.choice(parts, COMPOUNDS)
        linkers = rng.choice(["", "s", "en", "-"], COMPOUNDS, p=[0.65, 0.2, 0.08, 0.07])
        compounds = np.array(
            list(dict.fromkeys(f"{a}{k}{b}" for a, k, b in zip(left, linkers, right, strict=True)))
        )
        topic_words = rng.integers(1_500, len(words), (TOPICS, TOPIC_WORDS))
        stop = np.array(sorted(DUTCH_STOPWORDS), dtype=object)
        return cls(
            words, _zipf_cdf(len(words)), compounds.astype(object),
            _zipf_cdf(len(compounds)), stop, topic_words,
        )  # fmt: skip

    def draw(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """``n`` word indexes, Zipf-distributed."""
        return np.searchsorted(self.cdf, rng.random(n))

    def texts(self, rng: np.random.Generator, topics: np.ndarray) -> list[str]:
        """One passage per element of ``topics`` (the topic of its case)."""
        lengths = rng.integers(PASSAGE_WORDS[0], PASSAGE_WORDS[1] + 1, len(topics))
        total = int(lengths.sum())
        tokens = self.words[self.draw(rng, total)]
        kind = rng.random(total)
        topic = kind < TOPIC_SHARE
        owner_topic = np.repeat(topics, lengths)[topic]
        tokens[topic] = self.words[
            self.topic_words[owner_topic, rng.integers(0, TOPIC_WORDS, int(topic.sum()))]
        ]
        compound = (kind >= TOPIC_SHARE) & (kind < TOPIC_SHARE + COMPOUND_SHARE)
        picks = np.searchsorted(self.compound_cdf, rng.random(int(compound.sum())))
        tokens[compound] = self.compounds[picks]
        stop = kind >= 1 - STOP_SHARE
        tokens[stop] = self.stopwords[rng.integers(0, len(self.stopwords), int(stop.sum()))]
        flat = tokens.tolist()
        ends = np.cumsum(lengths).tolist()
        texts, start = [], 0
        for end in ends:
            text = " ".join(flat[start:end])
            texts.append(f"{text[0].upper()}{text[1:]}.")
            start = end
        return texts


@dataclass
class Query:
    text: str
    vector: np.ndarray
    case: int  # the case it was drawn from (so that a faceted scope is never empty)
    province: str
    theme: str


@dataclass
class Corpus:
    public: np.ndarray  # bool by case id
    topic: np.ndarray  # by case id
    layer: np.ndarray  # index into LAYERS, by case id
    province: np.ndarray  # index into PROVINCES, by case id
    themes: list[tuple[int, ...]]  # indexes into THEMES, by case id
    passage_case: np.ndarray  # case id by passage row (passage id = row + 1)
    texts: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)  # analysed terms, space-separated
    vectors: np.ndarray | None = None
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def cases(self) -> int:
        return len(self.public) - 1

    def facet_pairs(self, case_id: int) -> list[tuple[str, str]]:
        """The ``(facet, value)`` rows of one case."""
        layer = list(LAYERS)[self.layer[case_id]]
        province = PROVINCE_CODES[self.province[case_id]]
        themes = [("theme", THEMES[t]) for t in self.themes[case_id]]
        return [("layer", layer), ("province", province), *themes]

    def case_mask(self, province: str | None = None, theme: str | None = None) -> np.ndarray:
        """Public cases (by case id), narrowed to a province and a theme when given."""
        mask = self.public.copy()
        if province is not None:
            mask &= self.province == PROVINCE_CODES.index(province)
        if theme is not None:
            mask &= self._theme_masks[THEMES.index(theme)]
        return mask

    def __post_init__(self):
        self._theme_masks = np.zeros((len(THEMES), len(self.public)), dtype=bool)
        for case_id, themes in enumerate(self.themes):
            self._theme_masks[list(themes), case_id] = True


PROVINCE_CODES = list(w.PROVINCES)
PROVINCE_WEIGHTS = np.array([6, 8, 6, 11, 5, 14, 12, 17, 19, 5, 16, 10], dtype=float)


def cases(rng: np.random.Generator, n: int, n_passages: int) -> Corpus:
    size = n + 1
    public = rng.random(size) < PUBLIC_SHARE
    public[0] = False
    layer = rng.choice(len(LAYERS), size, p=_share(list(LAYERS.values())))
    province = rng.choice(len(PROVINCE_CODES), size, p=_share(PROVINCE_WEIGHTS))
    theme_weights = _share(1 / np.sqrt(np.arange(1, len(THEMES) + 1)))
    counts = rng.integers(1, 4, size)
    themes = [tuple(rng.choice(len(THEMES), c, replace=False, p=theme_weights)) for c in counts]
    passage_case = np.sort(rng.integers(1, n + 1, n_passages))
    return Corpus(public, rng.integers(0, TOPICS, size), layer, province, themes, passage_case)


def _share(weights) -> np.ndarray:
    weights = np.asarray(weights, dtype=float)
    return weights / weights.sum()


def texts(corpus: Corpus, vocabulary: Vocabulary, rng: np.random.Generator) -> None:
    started = time.perf_counter()
    topics = corpus.topic[corpus.passage_case]
    chunk = 100_000
    for start in range(0, len(topics), chunk):
        corpus.texts.extend(vocabulary.texts(rng, topics[start : start + chunk]))
    corpus.seconds["generate_texts"] = time.perf_counter() - started


# -- analysis, on every core ------------------------------------------------------------------
_TEXTS: list[str] = []


def _analyse(bounds: tuple[int, int]) -> tuple[list[str], float]:
    started = time.process_time()
    terms = [" ".join(analyze(text)) for text in _TEXTS[bounds[0] : bounds[1]]]
    return terms, time.process_time() - started


def analyse(corpus: Corpus, processes: int) -> None:
    """Analyse every passage with ``proeftuin.search.analysis.analyze`` in ``processes``
    forked workers; records the wall time and the CPU time the workers spent."""
    global _TEXTS
    _TEXTS = corpus.texts
    analyze("Ketensamenwerking")  # load the word list once, before the workers fork
    n = len(corpus.texts)
    ranges = [(a, min(a + ANALYSIS_CHUNK, n)) for a in range(0, n, ANALYSIS_CHUNK)]
    started = time.perf_counter()
    cpu = 0.0
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        for terms, seconds in pool.imap(_analyse, ranges):
            corpus.terms.extend(terms)
            cpu += seconds
    corpus.seconds["analyse_wall"] = time.perf_counter() - started
    corpus.seconds["analyse_cpu"] = cpu
    _TEXTS = []


# -- vectors --------------------------------------------------------------------------------
def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors


def _noisy(rng: np.random.Generator, centres: np.ndarray, spread: float) -> np.ndarray:
    noise = rng.standard_normal(centres.shape, dtype=np.float32)
    return _normalise(centres + noise * np.float32(spread / np.sqrt(DIMENSION)))


def centroids(rng: np.random.Generator) -> np.ndarray:
    return _normalise(rng.standard_normal((TOPICS, DIMENSION), dtype=np.float32))


def vectors(corpus: Corpus, centres: np.ndarray, rng: np.random.Generator) -> None:
    """Topic centroid -> case vector -> passage vectors, each step with Gaussian noise, so
    that the passages of a case lie near each other and near their topic."""
    started = time.perf_counter()
    case_vectors = _noisy(rng, centres[corpus.topic], CASE_SPREAD)
    out = np.empty((len(corpus.passage_case), DIMENSION), dtype=np.float32)
    chunk = 100_000
    for start in range(0, len(out), chunk):
        owners = corpus.passage_case[start : start + chunk]
        out[start : start + len(owners)] = _noisy(rng, case_vectors[owners], PASSAGE_SPREAD)
    corpus.vectors = out
    corpus.seconds["generate_vectors"] = time.perf_counter() - started


# -- queries ----------------------------------------------------------------------------------
QUERY_LENGTHS = ([1, 2, 3, 4, 5, 6], [15, 25, 25, 15, 10, 10])


def _query_words(vocabulary: Vocabulary, rng: np.random.Generator, topic: int, n: int):
    """Frequent (Zipf), topic and rare words, about 35/45/20."""
    for roll in rng.random(n):
        if roll < 0.35:
            yield vocabulary.words[vocabulary.draw(rng, 1)[0]]
        elif roll < 0.80:
            yield vocabulary.words[rng.choice(vocabulary.topic_words[topic])]
        else:
            yield vocabulary.words[rng.integers(20_000, len(vocabulary.words))]


def queries(
    corpus: Corpus, vocabulary: Vocabulary, centres: np.ndarray, n: int, rng: np.random.Generator
) -> list[Query]:
    """Queries about the topic of a random public case that has passages; the two facet
    values are that case's province and one of its themes."""
    with_passages = np.unique(corpus.passage_case)
    candidates = with_passages[corpus.public[with_passages]]
    picked = rng.choice(candidates, n, replace=len(candidates) < n)
    result = []
    for case_id in picked.tolist():
        topic = int(corpus.topic[case_id])
        length = int(rng.choice(QUERY_LENGTHS[0], p=_share(QUERY_LENGTHS[1])))
        text = " ".join(_query_words(vocabulary, rng, topic, length))
        vector = _noisy(rng, centres[topic : topic + 1].copy(), QUERY_SPREAD)[0]
        theme = THEMES[int(rng.choice(corpus.themes[case_id]))]
        province = PROVINCE_CODES[corpus.province[case_id]]
        result.append(Query(text, vector, case_id, province, theme))
    return result
