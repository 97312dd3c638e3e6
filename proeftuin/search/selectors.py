"""Reads of the search app: search, similar cases and "has this been done before?".

Every result passes two gates: the scope given to the indexes (``scope.user_scope``) and a
final database check against ``Case.objects.visible_to`` / ``sources_visible``, so a stale
index entry can hide a result but never show one the user may not see.
"""

from __future__ import annotations

import logging

import numpy as np
from django.conf import settings
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from proeftuin.cases.service import Case, bitmap, case_facet_counts, case_visible
from proeftuin.ingestion.service import sources_visible

from . import health, runtime
from .analysis import analyze_query
from .cutoffs import Cutoff, cutoff_for
from .embeddings import EmbeddingError
from .engine import MODES, Ranked, Weights, rank
from .models import Passage, PassageKind
from .results import CaseHit, IndexProgress, PassageHit, SearchResults
from .scope import user_scope
from .typos import corrected, corrections

logger = logging.getLogger("proeftuin.search")
MAX_LIMIT = 100


def weights(model=None, *, by_passage: bool = False) -> Weights:
    """The fusion settings, with the meaning cut-off of ``model`` (for a typed query, or for
    a stored passage vector when ``by_passage``)."""
    cutoff = meaning_cutoff(model)
    return Weights(
        keyword=float(settings.SEARCH_KEYWORD_WEIGHT),
        vector=float(settings.SEARCH_VECTOR_WEIGHT),
        rrf_k=float(settings.SEARCH_RRF_K),
        vector_margin=float(settings.SEARCH_VECTOR_MARGIN),
        coverage_power=float(settings.SEARCH_KEYWORD_COVERAGE_POWER),
        meaning_floor=cutoff.passage if by_passage else cutoff.query,
        unmatched_floor=cutoff.passage if by_passage else cutoff.unmatched,
    )


def meaning_cutoff(model=None) -> Cutoff:
    """The calibrated cut-offs of the embedding model (``SEARCH_MEANING_CUTOFF`` overrides)."""
    override = str(settings.SEARCH_MEANING_CUTOFF or "").strip()
    return cutoff_for(model.model_id if model else None, float(override) if override else None)


def stored_vector(case_id: int):
    """The embedding of a case's summary passage (title and summary), if it has one."""
    model = runtime.provider()
    if model is None:
        return None
    blob = (
        Passage.objects.filter(case_id=case_id, kind=PassageKind.SUMMARY)
        .embedded_with(model.model_id)
        .values_list("embedding", flat=True)
        .first()
    )
    if blob is None or len(blob) != 2 * model.dimension:  # none yet, or unreadable
        return None
    return np.frombuffer(bytes(blob), dtype=np.float16).astype(np.float32)


def passage_terms(ids: list[int]) -> dict[int, set[str]]:
    """The indexed terms of some passages (for the keyword coverage of a hybrid search)."""
    rows = Passage.objects.filter(id__in=ids).values_list("id", "terms")
    return {pid: set(terms.split()) for pid, terms in rows}


def index_progress(**owner) -> IndexProgress:
    """Passages indexed and embedded: all, or of one ``case=`` or ``source=``."""
    model = runtime.provider()
    passages = Passage.objects.filter(**owner)
    if model is None:
        return IndexProgress(passages.count(), 0, vectors=False)
    counts = passages.aggregate(  # one pass over the narrow embedding_model index
        total=Count("pk"), done=Count("pk", filter=Q(embedding_model=model.model_id))
    )
    return IndexProgress(counts["total"], counts["done"])


QUERY_CACHE_SIZE = 1024
_query_vectors: dict[tuple[str, str], object] = {}


def _cached_query_embedder(model):
    """``model.embed_query`` remembering recent queries: paging and facet clicks repeat
    the same query, and embedding it is most of the time a hybrid search takes."""

    def embed(query: str):
        key = (model.model_id, query)
        vector = _query_vectors.get(key)
        if vector is None:
            vector = model.embed_query(query)
            if len(_query_vectors) >= QUERY_CACHE_SIZE:
                _query_vectors.pop(next(iter(_query_vectors)))
            _query_vectors[key] = vector
        return vector

    return embed


def _vector_index(model, mode: str):
    """This process's vector index and whether it failed (``None`` when not used)."""
    if model is None or mode == "keyword":
        return None, False
    try:
        index = runtime.vector_index(model)
    except Exception as exc:  # a broken vector index must not fail the page
        logger.exception("vector index unavailable")
        health.vectors_failed(str(exc))
        return None, True
    health.vectors_ok()
    return index, False


def rank_in_scope(query: str, scope, mode: str, depth: int, query_vector=None):
    """Rank with the configured indexes; a side that cannot be used is left out (keyword
    matches then come from the database) and the returned messages say so.

    ``query_vector``: a vector to search with instead of embedding ``query`` (a stored
    passage embedding, for cases like a case)."""
    model = runtime.provider()
    keyword = health.GuardedKeyword(runtime.keyword_backend, Passage.objects.exists)
    vectors, vectors_failed = _vector_index(model, mode)
    embed = _cached_query_embedder(model) if model is not None else None
    if query_vector is not None:
        embed = lambda _query: query_vector  # noqa: E731
    options = dict(
        keyword=keyword,
        vectors=vectors,
        embed_query=embed,
        scope=scope.keyword,
        row_scope=scope.vector,
        limit=depth,
        candidates=depth,
        weights=weights(model, by_passage=query_vector is not None),
        terms_of=passage_terms,
    )
    try:
        ranking = rank(query, mode=mode, **options)
    except Exception as exc:  # embedding the query or searching the vectors failed
        logger.exception("meaning-based search failed; keyword search only")
        if not isinstance(exc, EmbeddingError):
            health.vectors_failed(str(exc))
        vectors_failed = True
        ranking = rank(query, mode="keyword", **options)
    messages = [health.keyword_notice()] if keyword.degraded else []
    ranking.degraded = [health.KEYWORD] if keyword.degraded else []
    if vectors_failed:
        messages.append(health.vectors_notice())
        ranking.degraded.append(health.VECTORS)
    return ranking, messages


HIT_FIELDS = (
    "id",
    "kind",
    "label",
    "text",
    "case",
    "source",
    "case__uuid",
    "case__slug",
    "case__title",
    "source__uuid",
    "source__filename",
)


def _passages(user, ranked: list[Ranked]) -> dict[int, Passage]:
    """The ranked passages that still exist and that ``user`` may see."""
    ids = [r.id for r in ranked]
    allowed = Q(case__in=case_visible(user).order_by().values("id")) | Q(
        source__in=sources_visible(user).order_by().values("id")
    )
    rows = (
        Passage.objects.filter(id__in=ids)
        .filter(allowed)
        .select_related("case", "source")
        .only(*HIT_FIELDS)
    )
    return {p.id: p for p in rows}


def _organisations(case_ids: set[int]) -> dict[int, list[str]]:
    names: dict[int, list[str]] = {}
    rows = Case.objects.filter(id__in=case_ids).values_list(
        "id", "case_organisations__organisation__name"
    )
    for case_id, name in rows.order_by("id", "case_organisations__order"):
        if name:
            names.setdefault(case_id, []).append(name)
    return names


def _hit(passage: Passage, ranked: Ranked, terms: frozenset[str], orgs, kinds) -> PassageHit:
    case, source = passage.case, passage.source
    return PassageHit(
        passage_id=passage.id,
        kind=passage.kind,
        kind_label=kinds[passage.kind],
        label=passage.label,
        text=passage.text,
        score=ranked.score,
        keyword_rank=ranked.keyword_rank,
        vector_rank=ranked.vector_rank,
        similarity=ranked.vector_score,
        query_terms=terms,
        case_id=case.id if case else None,
        case_uuid=str(case.uuid) if case else None,
        case_slug=case.slug if case else None,
        case_title=case.title if case else None,
        organisations=orgs.get(case.id, []) if case else [],
        source_id=source.id if source else None,
        source_uuid=str(source.uuid) if source else None,
        source_name=source.filename if source else None,
    )


def hydrate(user, ranked: list[Ranked], terms: list[str], exclude_case=None) -> list[PassageHit]:
    rows = _passages(user, ranked)
    orgs = _organisations({p.case_id for p in rows.values() if p.case_id})
    kinds = {value: str(label) for value, label in PassageKind.choices}
    return [
        _hit(rows[r.id], r, frozenset(terms), orgs, kinds)
        for r in ranked
        if r.id in rows and (exclude_case is None or rows[r.id].case_id != exclude_case)
    ]


def group_by_case(hits: list[PassageHit], per_case: int = 3) -> list[CaseHit]:
    cases: dict[int, CaseHit] = {}
    for hit in hits:
        if hit.case_id is None:
            continue
        group = cases.get(hit.case_id)
        if group is None:
            group = cases[hit.case_id] = CaseHit(
                hit.case_id,
                hit.case_uuid,
                hit.case_slug,
                hit.case_title,
                hit.organisations,
                hit.score,
                [],
            )
        if len(group.passages) < per_case:
            group.passages.append(hit)
        if hit.similarity is not None:
            group.similarity = max(group.similarity or hit.similarity, hit.similarity)
    return list(cases.values())


def _problem(query: str) -> str | None:
    if not query:
        return _("Type what you are looking for, for example “ketensamenwerking gegevens delen”.")
    if not analyze_query(query):
        return _("Your query holds only common words or punctuation; use words about the subject.")
    return None


def _keyword_count(ranking) -> int:
    return sum(1 for r in ranking.hits if r.keyword_rank is not None)


def _with_corrections(query, scope, mode, depth):
    """Rank ``query``; when few keywords matched and a name looks misspelt, try the
    correction and keep it if it matches more (or offer it as a suggestion)."""
    ranking, messages = rank_in_scope(query, scope, mode, depth)
    fixes = corrections(query) if _keyword_count(ranking) < 3 and mode != "vector" else {}
    if not fixes:
        return query, ranking, messages, []
    better = corrected(query, fixes)
    retry, _messages = rank_in_scope(better, scope, mode, depth)
    if _keyword_count(retry) > _keyword_count(ranking):
        messages.append(_("Showing results for “%(query)s”.") % {"query": better})
        return better, retry, messages, []
    return query, ranking, messages, [better]


def _counted_cases(user, query, mode, depth, selection, cases) -> int:
    """The matching cases to count facets over. With facets chosen, the matches without
    them, so that other values of a chosen facet keep their counts."""
    if not selection:
        return bitmap(c.case_id for c in cases)
    ranking, _messages = rank_in_scope(query, user_scope(user), mode, depth)
    ids = [r.id for r in ranking.hits]
    rows = Passage.objects.filter(id__in=ids, case__isnull=False).values_list("case_id", flat=True)
    return bitmap(set(rows))


def search(*, user, query: str, selection=None, mode: str = "hybrid") -> SearchResults:
    """Ranked passages and cases for ``query`` that ``user`` may see, with facet counts."""
    query = (query or "").strip()
    mode = mode if mode in MODES else "hybrid"
    selection = {k: list(v) for k, v in (selection or {}).items() if v}
    progress = index_progress()
    problem = _problem(query)
    if problem:
        return _empty(query, mode, progress, user, selection, problem)
    depth = max(10, min(settings.SEARCH_CANDIDATES, 1000))
    used, ranking, messages, suggestions = _with_corrections(
        query, user_scope(user, selection), mode, depth
    )
    index_notices = [m for m in messages if m in (health.keyword_notice(), health.vectors_notice())]
    messages = [m for m in messages if m not in index_notices]
    if (
        mode != "keyword"
        and not ranking.used_vectors
        and progress.vectors
        and progress.passages
        and health.vectors_notice() not in index_notices
    ):
        index_notices.append(
            _("Meaning-based search is still being prepared; keyword results only.")
        )
    hits = hydrate(user, ranking.hits, ranking.terms)
    cases = group_by_case(hits)
    within = _counted_cases(user, used, mode, depth, selection, cases)
    counts = case_facet_counts(user=user, text="", selection=selection, within=within)
    documents = [h for h in hits if h.source_id is not None]
    return SearchResults(
        query,
        mode,
        ranking.used_vectors,
        hits,
        cases,
        documents,
        counts.facets,
        counts.total,
        progress,
        messages,
        suggestions,
        ranking.degraded,
        index_notices,
    )


def _empty(query, mode, progress, user, selection, message: str) -> SearchResults:
    counts = case_facet_counts(user=user, text="", selection=selection, within=0)
    return SearchResults(
        query,
        mode,
        False,
        [],
        [],
        [],
        counts.facets,
        0,
        progress,
        [message],
    )
