"""Writes of the search app: passages from cases and documents, embeddings, rebuilds.

``index_case`` and ``index_source`` run as background jobs after the write that changed
the case or document has committed. Keyword search sees the passages as soon as they are
indexed; ``embed_pending`` then adds vectors in batches, so meaning-based search catches up.
Both are safe to run again.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from proeftuin.cases.service import Case, CaseFacetValue
from proeftuin.core.jobs import enqueue
from proeftuin.ingestion.service import SourceFile

from . import runtime
from .backends.base import IndexDoc
from .models import Passage, SearchState
from .passages import Draft, case_drafts, document_drafts

logger = logging.getLogger("proeftuin.search")
EMBED_LOCK = "search:embedding"
EMBED_LOCK_SECONDS = 600


def _public_case_ids(case_ids: Iterable[int]) -> set[int]:
    return set(Case.objects.published_public().filter(id__in=case_ids).values_list("id", flat=True))


def _facet_pairs(case_ids: Iterable[int]) -> dict[int, list[str]]:
    pairs: dict[int, list[str]] = {}
    rows = CaseFacetValue.objects.filter(case_id__in=case_ids).values_list(
        "case_id", "facet", "value"
    )
    for case_id, facet, value in rows:
        pairs.setdefault(case_id, []).append(f"{facet}={value}")
    return pairs


def index_docs(passages: list[Passage]) -> list[IndexDoc]:
    """Passages as the keyword backend indexes them, with their case's scope terms."""
    case_ids = {p.case_id for p in passages if p.case_id}
    public, facets = _public_case_ids(case_ids), _facet_pairs(case_ids)
    return [
        IndexDoc(
            id=p.id,
            terms=p.terms.split(),
            case=p.case_id,
            source=p.source_id,
            public=p.case_id in public,
            facets=facets.get(p.case_id, ()),
        )
        for p in passages
    ]


def _sync(owner: dict, drafts: list[Draft]) -> tuple[list[Passage], list[int]]:
    """Make the passages of one owner match ``drafts``; unchanged texts keep their vectors."""
    existing = {p.text_hash: p for p in Passage.objects.filter(**owner)}
    keep, create = [], []
    for draft in drafts:
        passage = existing.pop(draft.text_hash, None)
        if passage is None:
            create.append(
                Passage(
                    **owner,
                    kind=draft.kind,
                    label=draft.label,
                    position=draft.position,
                    text=draft.text,
                    terms=draft.terms,
                    text_hash=draft.text_hash,
                )
            )
            continue
        if passage.position != draft.position:
            passage.position = draft.position
            passage.save(update_fields=["position"])
        keep.append(passage)
    removed = [p.id for p in existing.values()]
    embedded_removed = sum(1 for p in existing.values() if p.embedding is not None)
    Passage.objects.filter(id__in=removed).delete()
    if embedded_removed:
        SearchState.objects.get_or_create(pk=1)
        SearchState.objects.filter(pk=1).update(removed=F("removed") + embedded_removed)
    return keep + Passage.objects.bulk_create(create), removed  # ids set (SQLite, PostgreSQL)


def _write_keyword(passages: list[Passage], removed: list[int]) -> None:
    backend = runtime.keyword_backend()
    if removed:
        backend.remove(removed)
    if passages:
        backend.add(index_docs(passages))


def _remove_owner(**owner) -> None:
    """A deleted case or file: its rows are gone with it (cascade); clear the index too."""
    key = "case_id" if "case" in owner else "source_id"
    Passage.objects.filter(**{key: next(iter(owner.values()))}).delete()
    runtime.keyword_backend().remove_owner(**owner)


def _case_rows(case_id: int):
    """Bring the passages of one case up to date; ``None`` when the case is gone."""
    case = (
        Case.objects.filter(pk=case_id)
        .prefetch_related(
            "case_organisations__organisation", "sections__theme", "lessons", "outcomes", "barriers"
        )
        .first()
    )
    if case is None:
        return None
    with transaction.atomic():
        return _sync({"case": case}, case_drafts(case))


def index_case(case_id: int, *, embed: bool = True) -> None:
    """(Re)index one case; a deleted case loses its passages."""
    rows = _case_rows(case_id)
    if rows is None:
        _remove_owner(case=case_id)
        return
    _write_keyword(*rows)
    if embed:
        enqueue_embedding()


def index_source(source_id: int, *, embed: bool = True) -> None:
    """(Re)index the text of one uploaded file."""
    source = SourceFile.objects.filter(pk=source_id).only("id", "text").first()
    if source is None:
        _remove_owner(source=source_id)
        return
    with transaction.atomic():
        passages, removed = _sync({"source": source}, document_drafts(source.text))
    _write_keyword(passages, removed)
    if embed:
        enqueue_embedding()


def enqueue_embedding() -> None:
    """Queue the embedding job, unless no provider is configured."""
    if runtime.provider() is not None:
        enqueue("search.embed_pending")


def embed_batch(model, batch_size: int) -> int:
    """Embed up to ``batch_size`` pending passages; returns how many were done."""
    rows = list(Passage.objects.pending_for(model.model_id).order_by("id")[:batch_size])
    if not rows:
        return 0
    vectors = model.embed_passages([Draft(p.kind, p.label, p.text, 0).embedding_text for p in rows])
    now = timezone.now()
    for passage, vector in zip(rows, vectors, strict=True):
        passage.embedding = np.asarray(vector, dtype=np.float16).tobytes()
        passage.embedding_model = model.model_id
        passage.embedded_at = now
    with transaction.atomic():
        Passage.objects.bulk_update(rows, ["embedding", "embedding_model", "embedded_at"])
        SearchState.objects.update_or_create(pk=1, defaults={"embedded_at": now})
    return len(rows)


def embed_pending(limit: int | None = None) -> int:
    """Embed pending passages in batches until none are left (or ``limit`` are done).

    One process embeds at a time (a lock in the shared cache); a job that finds the lock
    taken leaves the work to the running one, which keeps going until nothing is pending.
    """
    model = runtime.provider()
    if model is None:
        return 0
    done = 0
    while cache.add(EMBED_LOCK, "1", EMBED_LOCK_SECONDS):
        try:
            while limit is None or done < limit:
                size = settings.EMBEDDING_BATCH_SIZE
                n = embed_batch(model, size if limit is None else min(size, limit - done))
                if not n:
                    break
                done += n
                cache.touch(EMBED_LOCK, EMBED_LOCK_SECONDS)
                logger.info("embedded %s passages", done)
        finally:
            cache.delete(EMBED_LOCK)
        finished = limit is not None and done >= limit
        if finished or not Passage.objects.pending_for(model.model_id).exists():
            break
    return done


REBUILD_BATCH = 500  # cases per keyword-index commit during a rebuild


def rebuild(*, embed: bool = False) -> tuple[int, int]:
    """Rebuild every passage and the keyword index from the database; every process then
    rebuilds its vector index too. Returns the numbers of cases and documents."""
    runtime.keyword_backend().clear()
    cases = documents = 0
    passages: list[Passage] = []
    removed: list[int] = []
    for case_id in Case.objects.values_list("id", flat=True).iterator():
        kept, gone = _case_rows(case_id) or ([], [])
        passages += kept
        removed += gone
        cases += 1
        if cases % REBUILD_BATCH == 0:
            _write_keyword(passages, removed)
            passages, removed = [], []
    _write_keyword(passages, removed)
    for source_id in SourceFile.objects.values_list("id", flat=True).iterator():
        index_source(source_id, embed=False)
        documents += 1
    SearchState.objects.update_or_create(pk=1, defaults={"token": uuid.uuid4()})
    if embed:
        embed_pending()
    return cases, documents
