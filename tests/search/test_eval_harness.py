"""The search evaluation harness (eval/search.py): metrics on hand-made rankings, and the judged
queries against the passages of the real corpus."""

import importlib.util
import math
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"


def _load(name: str):
    sys.path.insert(0, str(ROOT / "eval"))
    spec = importlib.util.spec_from_file_location(f"eval_{name}", ROOT / "eval" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


search = _load("search")

JUDGED = {"a": 2, "b": 1, "c": 2}


def test_ndcg_perfect_and_empty():
    assert search.ndcg_at_k(["a", "c", "b"], JUDGED) == pytest.approx(1.0)
    assert search.ndcg_at_k(["x", "y"], JUDGED) == 0.0
    assert search.ndcg_at_k(["a"], {}) == 0.0


def test_ndcg_graded_known_value():
    # ranking b, x, a: gains 1 at rank 1, 3 at rank 3; ideal 3, 3, 1
    dcg = 1 / math.log2(2) + 3 / math.log2(4)
    ideal = 3 / math.log2(2) + 3 / math.log2(3) + 1 / math.log2(4)
    assert search.ndcg_at_k(["b", "x", "a"], JUDGED) == pytest.approx(dcg / ideal)


def test_ndcg_cuts_at_k():
    ranking = [f"x{i}" for i in range(10)] + ["a"]
    assert search.ndcg_at_k(ranking, JUDGED) == 0.0


def test_mrr():
    assert search.mrr_at_k(["a"], JUDGED) == 1.0
    assert search.mrr_at_k(["x", "y", "b"], JUDGED) == pytest.approx(1 / 3)
    assert search.mrr_at_k(["x"] * 10 + ["a"], JUDGED) == 0.0


def test_recall():
    assert search.recall_at_k(["a", "x", "b"], JUDGED) == pytest.approx(2 / 3)
    assert search.recall_at_k(["a", "b", "c"], JUDGED) == 1.0
    assert search.recall_at_k([], JUDGED) == 0.0


def test_paraphrase_check_sees_compounds_and_suffixes():
    assert search.shared_words("gegevens delen", "gegevensuitwisseling met partners") == {"gegeven"}
    assert search.shared_words("gemeenten", "een gemeente") == {"gemeent"}
    assert search.shared_words("kroeg openen", "horeca vergunning") == set()


needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus not available")


@needs_corpus
def test_queries_load_and_reference_existing_passages():
    passages = _load("search_passages").load_passages(CORPUS)
    queries = [q for path in search.QUERY_FILES for q in search.load_queries(path)]
    assert len(queries) >= 44
    kinds = [q["kind"] for q in queries]
    assert kinds.count("paraphrase") * 2 >= len(queries)
    ids = {p.id for p in passages}
    assert all(pid in ids for q in queries for pid in q["relevant"])
    assert search.sanity_checks(queries, passages) == []


@needs_corpus
def test_passage_ids_are_deterministic():
    module = _load("search_passages")
    first = module.load_passages(CORPUS)
    assert [(p.id, p.text) for p in first] == [(p.id, p.text) for p in module.load_passages(CORPUS)]
    assert all(len(p.text.split()) >= module.MIN_WORDS for p in first)
    assert not any("luid- ruchtig" in p.text for p in first)


@needs_corpus
def test_the_product_keyword_search_finds_keyword_queries(tmp_path):
    from tests.search_support import HashingProvider

    passages = _load("search_passages").load_passages(CORPUS)
    cache = tmp_path / "cache"
    product = search.ProductSearch(passages, tmp_path, HashingProvider(), cache_dir=cache)
    rank = product.ranker("keyword", search.Config())
    assert rank("Watchdogs", 10)[0].startswith("casebook")
    queries = search.load_queries(search.QUERY_FILES[0])
    assert search.evaluate(rank, queries)["keyword"]["recall"] > 0.5
    hybrid = product.ranker("hybrid", search.Config())
    assert len(hybrid("gegevens delen met ketenpartners", 10)) == 10
