"""Reads of the search app: search, similar cases and "has this been done before?".

Every result passes two gates: the scope given to the indexes (``scope.user_scope``) and a
final database check against each searchable kind's ``visible_to`` (the model's own rule), so
a stale index entry can hide a result but never show one the user may not see.
"""

from __future__ import annotations

import logging

import numpy as np
from django.conf import settings
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from proeftuin.core.service import bits, faceted, kind_of, searchables

from . import health, runtime
from .analysis import analyze_query
from .cutoffs import Cutoff, cutoff_for
from .embeddings import EmbeddingError
from .engine import MODES, Ranked, Weights, rank
from .models import Passage, PassageKind
from .results import IndexProgress, OwnerHit, PassageHit, SearchResults
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


def stored_vector(kind: str, owner: int, passage_kind: str):
    """The embedding of an object's passage of ``passage_kind`` (a case's summary: title
    and summary), if it has one."""
    model = runtime.provider()
    if model is None:
        return None
    blob = (
        Passage.objects.of(kind, owner)
        .filter(kind=passage_kind)
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


def index_progress(owner=None) -> IndexProgress:
    """Passages indexed and embedded: all, or of one object (``owner``, of a searchable
    kind)."""
    model = runtime.provider()
    passages = Passage.objects.all()
    if owner is not None:
        passages = Passage.objects.of(kind_of(owner).key, owner.pk)
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


HIT_FIELDS = ("id", "kind", "label", "text", "owner_kind", "owner_id")


def _passages(user, ranked: list[Ranked]) -> dict[int, Passage]:
    """The ranked passages that still exist and that ``user`` may see."""
    ids = [r.id for r in ranked]
    allowed = [
        Q(owner_kind=kind.key, owner_id__in=kind.visible_to(user).order_by().values("id"))
        for kind in searchables
    ]
    if not allowed:
        return {}
    condition = allowed[0]
    for other in allowed[1:]:
        condition |= other
    rows = Passage.objects.filter(id__in=ids).filter(condition).only(*HIT_FIELDS)
    return {p.id: p for p in rows}


def _owners(passages) -> dict[tuple[str, int], object]:
    """What hits show of the objects of ``passages``, per (kind, id)."""
    ids: dict[str, set[int]] = {}
    for p in passages:
        ids.setdefault(p.owner_kind, set()).add(p.owner_id)
    return {
        (key, owner_id): owner
        for key, owners in ids.items()
        for owner_id, owner in searchables[key].owners(owners).items()
    }


def _hit(passage: Passage, ranked: Ranked, terms: frozenset[str], owner, kinds) -> PassageHit:
    return PassageHit(
        passage_id=passage.id,
        kind=passage.kind,
        kind_label=kinds.get(passage.kind, passage.kind),
        label=passage.label,
        text=passage.text,
        score=ranked.score,
        keyword_rank=ranked.keyword_rank,
        vector_rank=ranked.vector_rank,
        similarity=ranked.vector_score,
        query_terms=terms,
        owner_kind=passage.owner_kind,
        owner=owner,
    )


def hydrate(user, ranked: list[Ranked], terms: list[str], exclude=None) -> list[PassageHit]:
    """The ranked passages ``user`` may see as hits; ``exclude``: ``(kind, id)`` of an
    object left out."""
    rows = _passages(user, ranked)
    owners = _owners(rows.values())
    kinds = {value: str(label) for value, label in PassageKind.choices}
    hits = []
    for r in ranked:
        passage = rows.get(r.id)
        key = None if passage is None else (passage.owner_kind, passage.owner_id)
        if key is None or key == exclude or key not in owners:
            continue
        hits.append(_hit(passage, r, frozenset(terms), owners[key], kinds))
    return hits


def group(hits: list[PassageHit], per_owner: int = 3) -> list[OwnerHit]:
    """Hits of grouped kinds per object, in rank order, with up to ``per_owner`` passages."""
    grouped = {kind.key for kind in searchables if kind.grouped}
    groups: dict[tuple[str, int], OwnerHit] = {}
    for hit in hits:
        if hit.owner_kind not in grouped:
            continue
        key = (hit.owner_kind, hit.owner_id)
        found = groups.get(key)
        if found is None:
            found = groups[key] = OwnerHit(hit.owner_kind, hit.owner, hit.score, [])
        if len(found.passages) < per_owner:
            found.passages.append(hit)
        if hit.similarity is not None:
            found.similarity = max(found.similarity or hit.similarity, hit.similarity)
    return list(groups.values())


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


def _counted(user, query, mode, depth, selection, groups, kind) -> int:
    """The matching objects of the kind with facets, to count facets over. With facets
    chosen, the matches without them, so that other values of a chosen facet keep their
    counts."""
    if not selection:
        return bits(g.id for g in groups if g.kind == kind.key)
    ranking, _messages = rank_in_scope(query, user_scope(user), mode, depth)
    ids = [r.id for r in ranking.hits]
    rows = Passage.objects.filter(id__in=ids, owner_kind=kind.key)
    return bits(set(rows.values_list("owner_id", flat=True)))


def _facet_counts(user, selection, within=None):
    """(facets, total) of the kind with facets among ``within``; none without such a kind."""
    kind = faceted()
    if kind is None:
        return [], 0
    counts = kind.faceting.counts(user=user, selection=selection, within=within)
    return counts.facets, counts.total


def search(*, user, query: str, selection=None, mode: str = "hybrid") -> SearchResults:
    """Ranked passages and objects for ``query`` that ``user`` may see, with facet counts."""
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
    groups = group(hits)
    kind = faceted()
    within = _counted(user, used, mode, depth, selection, groups, kind) if kind else None
    facets, total = _facet_counts(user, selection, within)
    grouped = {k.key for k in searchables if k.grouped}
    apart = [h for h in hits if h.owner_kind not in grouped]
    return SearchResults(
        query,
        mode,
        ranking.used_vectors,
        hits,
        groups,
        apart,
        facets,
        total,
        progress,
        messages,
        suggestions,
        ranking.degraded,
        index_notices,
    )


def _empty(query, mode, progress, user, selection, message: str) -> SearchResults:
    facets, _total = _facet_counts(user, selection, 0)
    return SearchResults(query, mode, False, [], [], [], facets, 0, progress, [message])
