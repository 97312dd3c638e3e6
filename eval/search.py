"""Evaluate the product's search (keyword, vector, hybrid) against hand-judged Dutch queries.

Run: ``.venv/bin/python eval/search.py`` (no database, no Django settings needed). The passages
of ``eval/search_passages.py`` are indexed the way the product indexes passages: a tantivy
keyword index (``proeftuin.search.backends.tantivy``) over ``analyze(text)`` in a temporary
folder, and a ``VectorIndex`` over the configured embedding provider's vectors (default: the
offline e5 model; ``EMBEDDING_PROVIDER`` and friends are read from the environment as in
``proeftuin.conf.search``). Every query then goes through ``proeftuin.search.engine.rank``, the
function the search pages and the API call, in the modes keyword, vector and hybrid.

Prints sanity checks on the judgements, then nDCG, MRR and recall at k per query kind (keyword /
paraphrase / all) for every mode, and PASS/FAIL lines for the targets of the search issue
(hybrid paraphrase nDCG >= 0.70, hybrid beats keyword on paraphrases). Each query file
(``--queries``, repeatable; default: queries.yaml and the held-out heldout.yaml) gets its own
section. Options:

  --k N                 cut-off of the metrics (default 10)
  --weights keyword=1,vector=1
                        weights of the reciprocal rank fusion
  --rrf-k N             the k of reciprocal rank fusion
  --candidates N        hits each side fetches before fusion
                        (defaults of these three: SEARCH_KEYWORD_WEIGHT, SEARCH_VECTOR_WEIGHT,
                        SEARCH_RRF_K, SEARCH_CANDIDATES from proeftuin.conf.search when defined,
                        else the defaults of engine.Weights and engine.rank)
  --mode MODE           only this mode (repeatable)
  --per-query           also print every query's metrics and top hits (hybrid first)
  --tune                print a grid of fusion settings (hybrid) instead of the report; on
                        queries.yaml only (never the held-out file) unless --queries is given
  --cutoff X            the meaning cut-off (cosine a meaning-only hit needs); default: the
                        value calibrated for the model (proeftuin/search/cutoffs.py)
  --unmatched-cutoff X  the same for a query none of whose words is found in any passage
  --calibrate           print a grid of meaning cut-offs instead of the report: hybrid nDCG
                        on queries.yaml and the share of nomatch.yaml's "tune" half that
                        returns nothing (never the held-out file or half)
  --json                print the results as JSON
  --strict              exit 1 when a sanity check or a target fails

Besides the judged queries, the queries of ``eval/search/nomatch.yaml`` (nonsense, English,
absent topics) are run through the hybrid: the report gives the share that returns no result,
per half (tune / heldout) and kind, without ("before") and with ("after") the meaning cut-off.
Modes ending in ``-0`` are run without the cut-off.

Passage and query embeddings are cached in ``eval/.cache/`` (one ``.npz`` per model, keyed by
the sha256 of model id, role and text); the cache only saves time and is rebuilt when missing.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, replace
from itertools import product
from pathlib import Path

import yaml

EVAL = Path(__file__).resolve().parent
sys.path.insert(0, str(EVAL))
sys.path.insert(0, str(EVAL.parent))

import search_nomatch  # noqa: E402
from search_passages import Passage, load_passages  # noqa: E402
from search_product import (  # noqa: E402
    DEFAULT_CANDIDATES,
    DEFAULT_WEIGHTS,
    Config,
    ProductSearch,
)

import proeftuin.conf.search as search_settings  # noqa: E402
from proeftuin.search.cutoffs import Cutoff, cutoff_for  # noqa: E402
from proeftuin.search.embeddings import get_provider  # noqa: E402

QUERY_FILES = (EVAL / "search" / "queries.yaml", EVAL / "search" / "heldout.yaml")
K = 10
KINDS = ("keyword", "paraphrase")
MODES = ("keyword", "vector", "hybrid")
UNCUT = {"vector-0": "vector", "hybrid-0": "hybrid"}  # run without the meaning cut-off
TARGET = 0.70
# The grid of --tune: RRF k, keyword weight (the vector weight stays 1: RRF only depends on
# the ratio), candidates per side.
TUNE_RRF_K = (10, 30, 60)
TUNE_KEYWORD_WEIGHT = (0.5, 0.75, 1.0, 1.5, 2.0)
TUNE_CANDIDATES = (20, 50, 100)

Rank = Callable[[str, int], list[str]]

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


METRICS = {"nDCG": ndcg_at_k, "MRR": mrr_at_k, "recall": recall_at_k}

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
# Queries and checks.


def load_queries(path: Path) -> list[dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    queries = data["queries"]
    for q in queries:
        q["relevant"] = {str(pid): int(g) for pid, g in q["relevant"].items()}
    return queries


def _query_problems(q: dict, by_id: dict[str, Passage]) -> list[str]:
    problems = []
    if q["kind"] not in KINDS:
        problems.append(f"{q['id']}: kind {q['kind']!r} not in {KINDS}")
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


def sanity_checks(queries: list[dict], passages: list[Passage]) -> list[str]:
    """Problems with the judgements; empty when all is well."""
    by_id = {p.id: p for p in passages}
    ids = Counter(q["id"] for q in queries)
    problems = [f"duplicate query id {qid}" for qid, n in ids.items() if n > 1]
    for q in queries:
        problems += _query_problems(q, by_id)
    return problems


def evaluate(rank: Rank, queries: list[dict], k: int = K) -> dict:
    """Mean of each metric per kind and over all queries; per query under "_per_query" (with
    the ranking under "_ranking")."""
    per_query = {}
    for q in queries:
        ranking = rank(q["text"], k)
        per_query[q["id"]] = {m: f(ranking, q["relevant"], k) for m, f in METRICS.items()}
        per_query[q["id"]]["_ranking"] = ranking
    result: dict = {}
    for kind in (*KINDS, "all"):
        chosen = [q["id"] for q in queries if kind in ("all", q["kind"])]
        result[kind] = {
            m: sum(per_query[qid][m] for qid in chosen) / len(chosen) if chosen else 0.0
            for m in METRICS
        }
        result[kind]["n"] = len(chosen)
    result["_per_query"] = per_query
    return result


def targets(results: dict[str, dict], k: int) -> list[tuple[bool, str]]:
    """The issue's targets on paraphrases, as (passed, description)."""
    if "hybrid" not in results:
        return []
    hybrid = results["hybrid"]["paraphrase"]["nDCG"]
    checks = [(hybrid >= TARGET, f"hybrid paraphrase nDCG@{k} {hybrid:.3f} >= {TARGET:.2f}")]
    if "keyword" in results:
        keyword = results["keyword"]["paraphrase"]["nDCG"]
        checks.append(
            (hybrid > keyword, f"hybrid > keyword on paraphrases: {hybrid:.3f} vs {keyword:.3f}")
        )
    return checks


# --------------------------------------------------------------------------------------------
# Output.


def table(rows: Iterable[tuple[str, str, dict[str, float]]], k: int) -> str:
    head = f"{'mode':<9} {'kind':<11} {'n':>3} " + " ".join(f"{m + f'@{k}':>9}" for m in METRICS)
    lines = [head, "-" * len(head)]
    for name, kind, scores in rows:
        values = " ".join(f"{scores[m]:>9.3f}" for m in METRICS)
        lines.append(f"{name:<9} {kind:<11} {int(scores['n']):>3} {values}")
    return "\n".join(lines)


def per_query_lines(results: dict[str, dict], queries: list[dict], k: int) -> list[str]:
    """Per query: nDCG per mode, then the hybrid's top 5 (* = judged relevant) and the judged
    passages it missed; worst hybrid first."""
    modes = list(results)
    main = "hybrid" if "hybrid" in results else modes[0]
    nd = {m: results[m]["_per_query"] for m in modes}
    lines = [f"per query (nDCG@{k} per mode: {' / '.join(modes)}; top 5 of {main}, worst first)"]
    for q in sorted(queries, key=lambda q: nd[main][q["id"]]["nDCG"]):
        ranking = nd[main][q["id"]]["_ranking"]
        scores = " / ".join(f"{nd[m][q['id']]['nDCG']:.2f}" for m in modes)
        top = " ".join(pid + ("*" if pid in q["relevant"] else "") for pid in ranking[:5])
        missed = sorted(set(q["relevant"]) - set(ranking[:k]))
        lines.append(f"  {q['id']} [{scores}] {q['text']}")
        lines.append(f"      top: {_short(top)}")
        if missed:
            lines.append(f"      missed: {_short(' '.join(missed))}")
    return lines


def _short(ids: str) -> str:
    """Passage ids with the file stems abbreviated (IX, CB, RP, VS as in queries.yaml)."""
    for stem_, short in (("cahier-inaxis-innovatie-bij-de-overheid", "IX"),
                         ("casebook-beste-overheidsorganisatie-2014-2017", "CB"),
                         ("rapport-samen-werken-aan-vernieuwing", "RP"),
                         ("verslag-werkconferentie-samenwerkende-overheid", "VS")):  # fmt: skip
        ids = ids.replace(stem_, short)
    return ids


def report(path: Path, queries: list[dict], problems: list[str], results: dict, k: int) -> None:
    kinds = Counter(q["kind"] for q in queries)
    print(f"== {path.name}: {len(queries)} queries "
          f"({', '.join(f'{n} {kind}' for kind, n in sorted(kinds.items()))})")  # fmt: skip
    print("sanity: every judged id exists:", not any("does not exist" in p for p in problems))
    print("sanity: paraphrases share no content words with their relevant passages:",
          not any("paraphrase shares" in p for p in problems))  # fmt: skip
    for problem in problems:
        print("  PROBLEM", problem)
    rows = [(mode, kind, results[mode][kind]) for mode in results for kind in (*KINDS, "all")]
    print(table(rows, k))
    for passed, text in targets(results, k):
        print(("PASS " if passed else "FAIL ") + text)
    print()


def as_json(sections: list[dict], config: Config, k: int, per_query: bool, empty=None) -> str:
    out = {"k": k, "candidates": config.candidates, "weights": asdict(config.weights)}
    if empty is not None:
        out["nomatch"] = {
            name: {"counts": {f"{s}/{kind}": v for (s, kind), v in r["counts"].items()}}
            for name, r in empty.items()
        }
    out["query_files"] = []
    for section in sections:
        results = {
            mode: {key: value for key, value in result.items() if per_query or key[0] != "_"}
            for mode, result in section["results"].items()
        }
        out["query_files"].append({
            "file": section["path"].name,
            "problems": section["problems"],
            "targets": [{"passed": p, "check": t} for p, t in targets(section["results"], k)],
            "results": results,
        })  # fmt: skip
    return json.dumps(out, indent=2, ensure_ascii=False)


# --------------------------------------------------------------------------------------------
# Tuning.


def tune(search: ProductSearch, queries: list[dict], k: int) -> None:
    """nDCG of the hybrid over a grid of fusion settings; keyword and vector alone for scale."""
    print(f"hybrid nDCG@{k} over a grid of fusion settings ({len(queries)} queries)")
    print(f"{'rrf_k':>5} {'w_kw':>5} {'w_vec':>5} {'cand':>4}  "
          f"{'keyword':>7} {'paraphr':>7} {'all':>7}  {'MRR par':>7} {'rec par':>7}")  # fmt: skip
    for mode in ("keyword", "vector"):
        r = evaluate(search.ranker(mode, Config()), queries, k)
        print(f"{mode + ' alone':>23}  {r['keyword']['nDCG']:>7.3f} "
              f"{r['paraphrase']['nDCG']:>7.3f} {r['all']['nDCG']:>7.3f}  "
              f"{r['paraphrase']['MRR']:>7.3f} {r['paraphrase']['recall']:>7.3f}")  # fmt: skip
    for rrf_k, w_kw, cand in product(TUNE_RRF_K, TUNE_KEYWORD_WEIGHT, TUNE_CANDIDATES):
        config = Config(cand, replace(DEFAULT_WEIGHTS, keyword=w_kw, vector=1.0, rrf_k=rrf_k))
        r = evaluate(search.ranker("hybrid", config), queries, k)
        print(f"{rrf_k:>5} {w_kw:>5.2f} {1.0:>5.2f} {cand:>4}  {r['keyword']['nDCG']:>7.3f} "
              f"{r['paraphrase']['nDCG']:>7.3f} {r['all']['nDCG']:>7.3f}  "
              f"{r['paraphrase']['MRR']:>7.3f} {r['paraphrase']['recall']:>7.3f}")  # fmt: skip


# --------------------------------------------------------------------------------------------
# Command line.


def parse_weights(text: str) -> dict[str, float]:
    weights = {}
    for part in text.split(","):
        name, _, value = part.partition("=")
        if name.strip() not in ("keyword", "vector") or not value:
            raise argparse.ArgumentTypeError(f"expected keyword=W,vector=W, got {text!r}")
        weights[name.strip()] = float(value)
    return weights


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", action="append", type=Path, help="query file (YAML)")
    parser.add_argument("--k", type=int, default=K)
    parser.add_argument("--weights", type=parse_weights, default={})
    parser.add_argument("--rrf-k", type=float, default=DEFAULT_WEIGHTS.rrf_k)
    parser.add_argument("--candidates", type=int, default=DEFAULT_CANDIDATES)
    parser.add_argument("--mode", action="append", choices=MODES)
    parser.add_argument("--per-query", action="store_true")
    parser.add_argument("--tune", action="store_true")
    parser.add_argument("--cutoff", type=float, default=None)
    parser.add_argument("--unmatched-cutoff", type=float, default=None)
    parser.add_argument("--calibrate", action="store_true")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--strict", action="store_true")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    weights = {"keyword": DEFAULT_WEIGHTS.keyword, "vector": DEFAULT_WEIGHTS.vector}
    weights.update(args.weights)
    provider = get_provider(settings=search_settings)
    cutoff = model_cutoff(provider.model_id)
    weights.update(
        rrf_k=args.rrf_k,
        meaning_floor=cutoff.query if args.cutoff is None else args.cutoff,
        unmatched_floor=cutoff.unmatched
        if args.unmatched_cutoff is None
        else args.unmatched_cutoff,
    )
    config = Config(args.candidates, replace(DEFAULT_WEIGHTS, **weights))
    passages = load_passages()
    paths = args.queries or [p for p in QUERY_FILES if p.exists()]
    with tempfile.TemporaryDirectory(prefix="search-eval-") as folder:
        search = ProductSearch(passages, Path(folder), provider)
        try:
            if args.tune or args.calibrate:  # never on the held-out file unless asked for
                tuning = [q for p in (args.queries or [QUERY_FILES[0]]) for q in load_queries(p)]
                if args.tune:
                    tune(search, tuning, args.k)
                else:
                    lines = search_nomatch.calibrate(search, config, tuning, evaluate, args.k)
                    print("\n".join(lines))
                return 0
            sections = run(search, passages, paths, args, config)
        finally:
            search.cache.save()
    failed = any(s["problems"] or not all(p for p, _ in targets(s["results"], args.k))
                 for s in sections)  # fmt: skip
    return 1 if args.strict and failed else 0


def model_cutoff(model_id: str) -> Cutoff:
    """The product's cut-offs for typed queries: SEARCH_MEANING_CUTOFF, else the table's."""
    override = str(getattr(search_settings, "SEARCH_MEANING_CUTOFF", "") or "").strip()
    return cutoff_for(model_id, float(override) if override else None)


def ranker(search: ProductSearch, mode: str, config: Config) -> Rank:
    """The product's ranking in ``mode``; the ``-0`` modes without the meaning cut-off."""
    if mode in UNCUT:
        uncut = replace(config.weights, meaning_floor=0.0, unmatched_floor=0.0)
        config = replace(config, weights=uncut)
    return search.ranker(UNCUT.get(mode, mode), config)


def nomatch(search: ProductSearch, config: Config, as_json: bool) -> dict:
    queries = search_nomatch.load()
    before = search_nomatch.empty_share(ranker(search, "hybrid-0", config), queries)
    after = search_nomatch.empty_share(ranker(search, "hybrid", config), queries)
    if not as_json:
        print("\n".join(search_nomatch.report(before, after)))
    return {"before": before, "after": after}


def run(
    search: ProductSearch,
    passages: list[Passage],
    paths: list[Path],
    args: argparse.Namespace,
    config: Config,
) -> list[dict]:
    if not args.json:
        print(f"{len(passages)} passages in {len({p.file for p in passages})} files; "
              f"model {search.cache.provider.model_id}; candidates {config.candidates}, "
              f"weights keyword={config.weights.keyword:g} vector={config.weights.vector:g}, "
              f"rrf_k={config.weights.rrf_k:g}, meaning cut-off "
              f"{config.weights.meaning_floor:g} (no word found: "
              f"{config.weights.unmatched_floor:g}; modes ending in -0: without)\n")  # fmt: skip
    sections = []
    for path in paths:
        queries = load_queries(path)
        problems = sanity_checks(queries, passages)
        modes = args.mode or MODES
        modes = [*modes, *(m for m, base in UNCUT.items() if base in modes)]
        results = {mode: evaluate(ranker(search, mode, config), queries, args.k) for mode in modes}
        sections.append({"path": path, "problems": problems, "results": results})
        if not args.json:
            report(path, queries, problems, results, args.k)
            if args.per_query:
                print("\n".join(per_query_lines(results, queries, args.k)), end="\n\n")
    empty = nomatch(search, config, args.json) if not args.queries else None
    if args.json:
        print(as_json(sections, config, args.k, args.per_query, empty))
    return sections


if __name__ == "__main__":
    raise SystemExit(main())
