"""The ranking parts without Django: keyword backend, vector index, fusion, snippets."""

from __future__ import annotations

import numpy as np
import pytest

from proeftuin.search import vectors as vectors_module
from proeftuin.search.backends.base import IndexDoc, Scope
from proeftuin.search.backends.tantivy import TantivyBackend
from proeftuin.search.engine import Weights, rank
from proeftuin.search.fusion import reciprocal_rank_fusion
from proeftuin.search.passages import DOCUMENT_PASSAGE_CHARS, document_drafts
from proeftuin.search.snippets import snippet
from proeftuin.search.vectors import RowScope, VectorIndex


@pytest.fixture
def keyword(tmp_path):
    backend = TantivyBackend(tmp_path / "index")
    backend.add(
        [
            IndexDoc(1, ["keten", "samenwerk"], "case", 1, public=True, facets=["layer=local"]),
            IndexDoc(2, ["keten", "gegeven", "del"], "case", 2, facets=["layer=regional"]),
            IndexDoc(3, ["gegeven"], "document", 7),
        ]
    )
    return backend


def ids(hits):
    return [pid for pid, _score in hits]


def test_tantivy_ranks_more_matching_terms_first_and_applies_the_scope(keyword):
    assert ids(keyword.search(["keten", "gegeven"], Scope(everything=True), 10))[0] == 2
    assert ids(keyword.search(["keten", "gegeven"], Scope(), 10)) == [1]
    assert set(ids(keyword.search(["gegeven"], Scope(owners={"case": frozenset({2})}), 10))) == {2}
    assert ids(
        keyword.search(["gegeven"], Scope(public=False, owners={"document": frozenset({7})}), 10)
    ) == [3]
    facets = Scope(everything=True, facets={"layer": ("regional",)})
    assert ids(keyword.search(["keten", "gegeven"], facets, 10)) == [2]
    with_sources = Scope(
        public=False, owners={"document": frozenset({7})}, facets={"layer": ("local",)}
    )
    assert keyword.search(["gegeven"], with_sources, 10) == []  # facets: cases only
    assert keyword.search(["keten"], Scope(public=False), 10) == []
    assert keyword.search([], Scope(everything=True), 10) == []


def test_tantivy_replaces_and_removes_documents(keyword):
    keyword.add([IndexDoc(1, ["nieuw"], "case", 1, public=True)])
    assert keyword.search(["keten"], Scope(), 10) == []
    assert ids(keyword.search(["nieuw"], Scope(), 10)) == [1]
    keyword.remove([1])
    keyword.remove_owner("document", 7)
    assert keyword.count() == 1
    keyword.clear()
    assert keyword.count() == 0


def test_a_second_backend_on_the_same_folder_sees_new_commits(keyword, tmp_path):
    reader = TantivyBackend(tmp_path / "index")
    keyword.add([IndexDoc(9, ["later"], "case", 9, public=True)])
    assert ids(reader.search(["later"], Scope(), 10)) == [9]


def _unit(rows: int, seed: int = 0) -> np.ndarray:
    vectors = np.random.default_rng(seed).normal(size=(rows, 16)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


@pytest.mark.parametrize("threshold", [10**9, 100])  # exact, and the IVF-SQ8 index
def test_vector_index_finds_nearest_within_scope(monkeypatch, threshold):
    monkeypatch.setattr(vectors_module, "IVF_THRESHOLD", threshold)
    data = _unit(400)
    cases = [i % 40 for i in range(400)]
    index = VectorIndex.build(16, list(range(1000, 1400)), data, ["case"] * 400, cases, nprobe=4)
    assert index.is_ivf == (threshold == 100)
    assert index.search(data[5], 1)[0][0] == 1005
    allowed = np.zeros(40, dtype=bool)
    allowed[7] = True
    hits = index.search(
        data[5], 20, RowScope(kinds={"case": allowed, "document": np.zeros(0, bool)})
    )
    assert len(hits) == 10 and all((pid - 1000) % 40 == 7 for pid, _ in hits)  # narrow scope
    index.remove([1005])
    assert 1005 not in ids(index.search(data[5], 5))
    index.add([1005], data[6:7], ["case"], [5])  # a passage id seen before replaces its row
    assert index.search(data[6], 2)[0][0] in {1005, 1006} and len(index) == 400


def test_vector_index_scopes_documents_and_empty_scopes():
    data = _unit(4)
    index = VectorIndex.build(
        16, [1, 2, 3, 4], data, ["case", "case", "document", "document"], [1, 1, 3, 4]
    )
    sources = np.zeros(5, dtype=bool)
    sources[4] = True
    only_doc = RowScope(kinds={"case": np.zeros(0, dtype=bool), "document": sources})
    assert ids(index.search(data[2], 4, only_doc)) == [4]
    assert (
        index.search(
            data[0], 4, RowScope(kinds={"case": np.zeros(0, bool), "document": np.zeros(0, bool)})
        )
        == []
    )
    assert set(
        ids(index.search(data[0], 4, RowScope(kinds={"case": None, "document": np.zeros(0, bool)})))
    ) == {
        1,
        2,
    }


def test_reciprocal_rank_fusion_weighs_and_combines():
    fused = reciprocal_rank_fusion({"a": [1, 2, 3], "b": [3, 4]}, {"a": 1.0, "b": 1.0}, k=60)
    assert ids(fused)[0] == 3  # in both lists
    only_b = reciprocal_rank_fusion({"a": [1], "b": [2]}, {"a": 0.0, "b": 1.0})
    assert ids(only_b) == [2]


def test_rank_falls_back_to_keywords_without_vectors(keyword):
    ranking = rank(
        "ketensamenwerking",
        keyword=keyword,
        vectors=None,
        embed_query=None,
        scope=Scope(everything=True),
        row_scope=RowScope(everything=True),
        weights=Weights(),
    )
    assert not ranking.used_vectors and ids([(h.id, h.score) for h in ranking.hits])[0] == 1
    assert ranking.hits[0].keyword_rank == 1 and ranking.hits[0].vector_rank is None


def test_snippet_escapes_html_and_marks_matching_words():
    html, words = snippet("<b>Ketensamenwerking</b> & gegevens delen", {"samenwerk"})
    assert "<b>" not in html and "&lt;b&gt;<mark>Ketensamenwerking</mark>" in html
    assert words == ["ketensamenwerking"]
    long = "woord " * 200 + "ketenpartners " + "woord " * 200
    html, _ = snippet(long, {"ketenpartner"})
    assert "<mark>ketenpartners</mark>" in html and html.startswith("…") and len(html) < 400


def test_document_text_becomes_passages_of_bounded_size():
    text = "\n\n".join(f"Alinea {i} " + "tekst " * 60 for i in range(20))
    drafts = document_drafts(text)
    assert len(drafts) > 3
    assert all(len(d.text) <= DOCUMENT_PASSAGE_CHARS + 400 for d in drafts)
    assert [d.position for d in drafts] == list(range(len(drafts)))
    assert document_drafts("") == []


def test_keyword_weight_follows_how_much_of_the_query_the_keyword_hits_cover(keyword):
    from proeftuin.search.engine import _coverage

    weights = Weights(coverage_power=2.0)
    hits = [(1, 1.0), (2, 0.5)]
    terms_of = {1: {"keten", "samenwerk"}, 2: {"keten", "gegeven", "del"}}.__getitem__

    def of(ids):
        return {i: terms_of(i) for i in ids}

    assert _coverage(["keten", "gegeven", "del"], hits, of, weights) == 1.0
    assert _coverage(["keten", "fiets"], hits, of, weights) == pytest.approx(0.25)
    assert _coverage(["keten"], hits, None, weights) == 1.0  # no terms known: unchanged
    assert _coverage(["fiets"], hits, of, Weights()) == 1.0  # power 0: off
