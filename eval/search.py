"""Evaluate search rankers against the hand-judged Dutch queries in eval/search/queries.yaml.

Run: ``.venv/bin/python eval/search.py`` (no database needed). Prints sanity checks on the
judgements, then nDCG@10 (graded), MRR@10 and recall@10 per query kind (keyword / paraphrase /
all) for every registered ranker. Options:

  --ranker NAME        only this ranker (repeatable); NAME is a key of ``RANKERS`` or a dotted
                       ``package.module:factory`` path
  --per-query          also print the metrics of every query
  --strict             exit 1 when a sanity check fails

A ranker is built by a factory ``factory(passages) -> rank`` where ``rank(query_text, k)``
returns passage ids, best first. Plug in the search backend (keyword, vector, hybrid) by adding
a factory to ``RANKERS`` (or passing its dotted path); it must index exactly the passages it is
given, since the judgements use the ids of ``eval/search_passages.py``.
"""

from __future__ import annotations

import argparse
import importlib
import math
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import yaml

EVAL = Path(__file__).resolve().parent
sys.path.insert(0, str(EVAL))
sys.path.insert(0, str(EVAL.parent))

from search_passages import Passage, load_passages  # noqa: E402

QUERIES = EVAL / "search" / "queries.yaml"
K = 10
KINDS = ("keyword", "paraphrase")

Rank = Callable[[str, int], list[str]]
Factory = Callable[[list[Passage]], Rank]

# --------------------------------------------------------------------------------------------
# Metrics. ``judged`` maps passage id -> grade (2 answers the query, 1 partly, absent = 0).


def dcg(grades: Sequence[int]) -> float:
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades))


def ndcg_at_k(ranking: Sequence[str], judged: dict[str, int], k: int = K) -> float:
    ideal = dcg(sorted(judged.values(), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg([judged.get(pid, 0) for pid in ranking[:k]]) / ideal


def mrr_at_k(ranking: Sequence[str], judged: dict[str, int], k: int = K) -> float:
    for i, pid in enumerate(ranking[:k]):
        if judged.get(pid, 0) > 0:
            return 1 / (i + 1)
    return 0.0


def recall_at_k(ranking: Sequence[str], judged: dict[str, int], k: int = K) -> float:
    relevant = {pid for pid, g in judged.items() if g > 0}
    if not relevant:
        return 0.0
    return len(relevant & set(ranking[:k])) / len(relevant)


METRICS = {"nDCG@10": ndcg_at_k, "MRR@10": mrr_at_k, "recall@10": recall_at_k}

# --------------------------------------------------------------------------------------------
# Light Dutch normalisation, used for the paraphrase check (and nothing else).

_STOPWORDS = """
    de het een en of in op te met voor aan door bij naar om als dat die dit deze is zijn was waren
    wordt worden werd werden word kan kunnen kon konden moet moeten mag mogen wil willen zal zullen
    heeft hebben had hadden er ook niet geen wel nog al maar dan toch zo zoals hoe wat wie waar
    waarom welke wanneer je jij jouw u uw we wij ons onze ze zij hun hen haar hij hem zich zelf
    mijn mij me ik van uit over tot tussen onder na zonder tegen sinds per vanuit via toe af mee
    meer minder veel weinig heel erg zeer andere ander anderen iets niets alles elk elke ieder
    iedere alle men hier daar zodat omdat terwijl hoewel doordat waardoor waarin waarbij
    waarmee waarop krijgt krijgen krijg gaat gaan ga doen doet deed komt komen kom zet zetten
    zover zeer echt eigen even ene
    """
STOPWORDS = frozenset(_STOPWORDS.split())
SUFFIXES = ("heden", "heid", "ingen", "ing", "tjes", "tje", "jes", "je", "ers", "en", "er",
            "es", "e", "s", "t")  # fmt: skip
TOKEN = re.compile(r"[^\W\d_]+")


def stem(word: str) -> str:
    """Strip one common Dutch suffix (keeping a stem of at least 4 letters), then undouble a
    final consonant pair: "gemeenten" -> "gemeent", "gegevens" -> "gegev", "delen" -> "del"."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    if len(word) >= 5 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]
    return word


def content_stems(text: str) -> set[str]:
    return {stem(w) for w in TOKEN.findall(text.lower()) if w not in STOPWORDS and len(w) > 2}


def shared_words(query: str, passage: str) -> set[str]:
    """Query content stems that occur in the passage: as a stem of one of its words, or (for
    stems of 5+ letters) inside one of its words, so that compounds count ("gegevens" is shared
    with "gegevensuitwisseling")."""
    words = {w for w in TOKEN.findall(passage.lower())}
    stems = {stem(w) for w in words}
    shared = set()
    for s in content_stems(query):
        if s in stems or (len(s) >= 5 and any(s in w for w in words)):
            shared.add(s)
    return shared


# --------------------------------------------------------------------------------------------
# Baseline ranker: BM25 over lower-cased word tokens, pure Python.

BM25_TOKEN = re.compile(r"\w+")


def bm25_factory(passages: list[Passage], k1: float = 1.2, b: float = 0.75) -> Rank:
    ids = [p.id for p in passages]
    docs = [Counter(BM25_TOKEN.findall(p.text.lower())) for p in passages]
    lengths = [sum(d.values()) for d in docs]
    avg = sum(lengths) / len(lengths)
    df = Counter(term for d in docs for term in d)
    n = len(docs)
    idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}

    def rank(query: str, k: int = K) -> list[str]:
        terms = BM25_TOKEN.findall(query.lower())
        scores = []
        for i, (doc, length) in enumerate(zip(docs, lengths, strict=True)):
            score = 0.0
            for t in terms:
                tf = doc.get(t, 0)
                if tf:
                    score += idf[t] * tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / avg))
            if score > 0:
                scores.append((-score, i))
        scores.sort()
        return [ids[i] for _, i in scores[:k]]

    return rank


# Named rankers. Add the product's backends here as they land, e.g.
#   "keyword": lambda passages: make_ranker(passages, mode="keyword"),
#   "vector":  ..., "hybrid": ...
RANKERS: dict[str, Factory] = {
    "bm25": bm25_factory,
}


def resolve(name: str) -> Factory:
    if name in RANKERS:
        return RANKERS[name]
    if ":" in name:
        module, attr = name.split(":", 1)
        return getattr(importlib.import_module(module), attr)
    raise SystemExit(f"unknown ranker {name!r}; known: {', '.join(RANKERS)} or module:factory")


# --------------------------------------------------------------------------------------------
# Queries and checks.


def load_queries(path: Path = QUERIES) -> list[dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    queries = data["queries"]
    for q in queries:
        q["relevant"] = {str(pid): int(g) for pid, g in q["relevant"].items()}
    return queries


def sanity_checks(queries: list[dict], passages: list[Passage]) -> list[str]:
    """Problems with the judgements; empty when all is well."""
    by_id = {p.id: p for p in passages}
    problems = []
    ids = Counter(q["id"] for q in queries)
    problems += [f"duplicate query id {qid}" for qid, n in ids.items() if n > 1]
    for q in queries:
        if q["kind"] not in KINDS:
            problems.append(f"{q['id']}: kind {q['kind']!r} not in {KINDS}")
        if not q["relevant"]:
            problems.append(f"{q['id']}: no relevant passages")
        if not any(g == 2 for g in q["relevant"].values()):
            problems.append(f"{q['id']}: no passage graded 2")
        for pid, grade in q["relevant"].items():
            if pid not in by_id:
                problems.append(f"{q['id']}: judged id {pid} does not exist")
                continue
            if grade not in (1, 2):
                problems.append(f"{q['id']}: grade {grade} for {pid} not in (1, 2)")
            shared = shared_words(q["text"], by_id[pid].text)
            if q["kind"] == "paraphrase" and shared:
                problems.append(f"{q['id']}: paraphrase shares {sorted(shared)} with {pid}")
        if q["kind"] == "keyword" and not any(
            shared_words(q["text"], by_id[pid].text) for pid in q["relevant"] if pid in by_id
        ):
            problems.append(f"{q['id']}: keyword query shares no word with any relevant passage")
    return problems


def evaluate(rank: Rank, queries: list[dict]) -> dict[str, dict[str, float]]:
    """Mean of each metric per kind and over all queries; also per query under "_per_query"."""
    per_query = {}
    for q in queries:
        ranking = rank(q["text"], K)
        per_query[q["id"]] = {m: f(ranking, q["relevant"]) for m, f in METRICS.items()}
    result: dict[str, dict[str, float]] = {}
    for kind in (*KINDS, "all"):
        chosen = [q["id"] for q in queries if kind in ("all", q["kind"])]
        result[kind] = {
            m: sum(per_query[qid][m] for qid in chosen) / len(chosen) if chosen else 0.0
            for m in METRICS
        }
        result[kind]["n"] = len(chosen)
    result["_per_query"] = per_query  # type: ignore[assignment]
    return result


def table(rows: Iterable[tuple[str, str, dict[str, float]]]) -> str:
    head = f"{'ranker':<12} {'kind':<11} {'n':>3} " + " ".join(f"{m:>9}" for m in METRICS)
    lines = [head, "-" * len(head)]
    for name, kind, scores in rows:
        values = " ".join(f"{scores[m]:>9.3f}" for m in METRICS)
        lines.append(f"{name:<12} {kind:<11} {int(scores['n']):>3} {values}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ranker", action="append", help="ranker name or module:factory")
    parser.add_argument("--per-query", action="store_true")
    parser.add_argument("--strict", action="store_true")
    args = parser.parse_args(argv)

    passages = load_passages()
    queries = load_queries()
    kinds = Counter(q["kind"] for q in queries)
    files = {pid.split("#")[0] for q in queries for pid in q["relevant"]}
    print(f"{len(passages)} passages in {len({p.file for p in passages})} files; "
          f"{len(queries)} queries ({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))}); "
          f"judgements touch {len(files)} files")  # fmt: skip
    problems = sanity_checks(queries, passages)
    print("sanity: every judged id exists:", not any("does not exist" in p for p in problems))
    print("sanity: paraphrases share no content words with their relevant passages:",
          not any("paraphrase shares" in p for p in problems))  # fmt: skip
    for problem in problems:
        print("  PROBLEM", problem)
    print()

    rows = []
    for name in args.ranker or list(RANKERS):
        result = evaluate(resolve(name)(passages), queries)
        rows += [(name, kind, result[kind]) for kind in (*KINDS, "all")]
        if args.per_query:
            for qid, scores in result["_per_query"].items():  # type: ignore[union-attr]
                values = " ".join(f"{m}={v:.2f}" for m, v in scores.items())
                print(f"  {name} {qid}: {values}")
    print(table(rows))
    return 1 if args.strict and problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
