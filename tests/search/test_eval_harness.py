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
    queries = search.load_queries()
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
def test_bm25_baseline_finds_keyword_queries():
    passages = _load("search_passages").load_passages(CORPUS)
    rank = search.RANKERS["bm25"](passages)
    assert rank("Watchdogs", 10)[0].startswith("casebook")
    result = search.evaluate(rank, search.load_queries())
    assert result["keyword"]["recall@10"] > 0.5
