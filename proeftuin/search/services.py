"""Writes of the search app: passages of every searchable kind, embeddings, rebuilds.

``index(kind, id)`` runs as a background job (the kind's ``job``, see
``proeftuin.core.searchable``) after the write that changed the object has committed.
Keyword search sees the passages as soon as they are indexed; ``embed_pending`` then adds
vectors in batches, so meaning-based search catches up. Both are safe to run again.
"""

from __future__ import annotations

import logging
import time
import uuid

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from proeftuin.core.jobs import enqueue
from proeftuin.core.service import searchables

from . import health, runtime
from .backends.base import IndexDoc
from .backends.tantivy_files import IndexUnavailable
from .models import Passage, SearchState
from .passages import Draft, drafts_of

logger = logging.getLogger("proeftuin.search")
EMBED_LOCK = "search:embedding"
EMBED_LOCK_SECONDS = 600
MOVE_OFFSET = 1_000_000  # beyond any position: a passage moves through here


def _owner_ids(passages: list[Passage]) -> dict[str, set[int]]:
    ids: dict[str, set[int]] = {}
    for p in passages:
        ids.setdefault(p.owner_kind, set()).add(p.owner_id)
    return ids


def _kind(key: str):
    """The registered kind ``key``; ``None`` for passages of a kind no longer registered."""
    return next((kind for kind in searchables if kind.key == key), None)


def _public_ids(key: str, ids: set[int]) -> set[int]:
    kind = _kind(key)
    if kind is None or kind.public is None:
        return set()
    return set(kind.public().filter(id__in=ids).values_list("id", flat=True))


def _facet_pairs(key: str, ids: set[int]) -> dict[int, list[str]]:
    kind = _kind(key)
    if kind is None or kind.faceting is None:
        return {}
    return kind.faceting.pairs(ids)


def index_docs(passages: list[Passage]) -> list[IndexDoc]:
    """Passages as the keyword backend indexes them, with their owner's scope terms."""
    owners = _owner_ids(passages)
    public = {key: _public_ids(key, ids) for key, ids in owners.items()}
    facets = {key: _facet_pairs(key, ids) for key, ids in owners.items()}
    return [
        IndexDoc(
            id=p.id,
            terms=p.terms.split(),
            kind=p.owner_kind,
            owner=p.owner_id,
            public=p.owner_id in public[p.owner_kind],
            facets=facets[p.owner_kind].get(p.owner_id, ()),
        )
        for p in passages
    ]


def _match(owner: dict, drafts: list[Draft]):
    """Pair each draft with an existing passage of the same text (in order, so a paragraph
    that occurs twice keeps two passages); what is left over is stale."""
    existing: dict[str, list[Passage]] = {}
    for passage in Passage.objects.filter(**owner).order_by("position", "id"):
        existing.setdefault(passage.text_hash, []).append(passage)
    pairs = [(draft, (existing.get(draft.text_hash) or [None]).pop(0)) for draft in drafts]
    stale = [p for group in existing.values() for p in group if p is not None]
    return pairs, stale


def _move(passages: list[Passage]) -> None:
    """Give kept passages their new positions without ever holding one twice (a passage's
    owner and position are unique): first out of the way, then into place."""
    if not passages:
        return
    Passage.objects.filter(id__in=[p.id for p in passages]).update(
        position=F("position") + MOVE_OFFSET
    )
    Passage.objects.bulk_update(passages, ["position"])


def _sync(owner: dict, drafts: list[Draft]) -> tuple[list[Passage], list[int]]:
    """Make the passages of one owner match ``drafts`` (one passage per draft, identified
    by its owner and position); unchanged texts keep their rows and vectors."""
    pairs, stale = _match(owner, drafts)
    keep, create, moved = [], [], []
    for draft, passage in pairs:
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
            moved.append(passage)
        keep.append(passage)
    removed = [p.id for p in stale]
    embedded_removed = sum(1 for p in stale if p.embedding is not None)
    Passage.objects.filter(id__in=removed).delete()
    _move(moved)
    if embedded_removed:
        SearchState.objects.get_or_create(pk=1)
        SearchState.objects.filter(pk=1).update(removed=F("removed") + embedded_removed)
    return keep + Passage.objects.bulk_create(create), removed  # ids set (SQLite, PostgreSQL)


def _write_keyword(passages: list[Passage], removed: list[int]) -> None:
    """Bring the keyword index in line with the passage rows just written. When it cannot
    be used, the rows stay the truth: the index queues its own rebuild, which includes them."""
    backend = runtime.keyword_backend()
    try:
        try:
            _apply(backend, passages, removed)
        except IndexUnavailable as exc:
            if not (exc.reason == "missing" and _only(passages)):
                raise
            backend.create()  # a new installation's first passages
            _apply(backend, passages, removed)
    except IndexUnavailable as exc:
        health.keyword_failed(exc)


def _apply(backend, passages: list[Passage], removed: list[int]) -> None:
    if removed:
        backend.remove(removed)
    if passages:
        backend.add(index_docs(passages))


def _only(passages: list[Passage]) -> bool:
    """Whether ``passages`` are all the passages there are."""
    return bool(passages) and not Passage.objects.exclude(id__in=[p.id for p in passages]).exists()


def _remove_owner(kind: str, owner: int) -> None:
    """A deleted object: its rows are gone with it (``forget``); clear the index too."""
    Passage.objects.of(kind, owner).delete()
    try:
        runtime.keyword_backend().remove_owner(kind, owner)
    except IndexUnavailable as exc:
        if exc.reason != "missing" or Passage.objects.exists():
            health.keyword_failed(exc)


def forget(kind: str, owner: int) -> None:
    """An object of a searchable kind is being deleted: its passages go in the same
    transaction (the keyword index forgets them when the kind's job runs, or at a rebuild;
    until then its hits are dropped by the database check)."""
    Passage.objects.of(kind, owner).delete()


def _rows(key: str, owner: int):
    """Bring the passages of one object up to date; ``None`` when it is gone (or no longer
    findable: deleted, archived)."""
    kind = _kind(key)
    texts = kind.texts(owner) if kind is not None else None
    if texts is None:
        return None
    with transaction.atomic():
        return _sync({"owner_kind": key, "owner_id": owner}, drafts_of(texts))


def index(kind: str, owner: int, *, embed: bool = True) -> None:
    """(Re)index one object of kind ``kind``; one that is gone loses its passages."""
    rows = _rows(kind, owner)
    if rows is None:
        _remove_owner(kind, owner)
        return
    _write_keyword(*rows)
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


REBUILD_BATCH = 2000  # passages read from the database at a time during a rebuild
REBUILD_LOCK = "search:keyword-rebuild"
REBUILD_LOCK_SECONDS = 3600
REBUILD_WAIT_SECONDS = 600


def _passage_batches(after: int = 0, upto: int | None = None):
    """Every passage with ``after < id <= upto``, as index documents, in batches."""
    rows = Passage.objects.filter(id__gt=after).only("id", "terms", "owner_kind", "owner_id")
    if upto is not None:
        rows = rows.filter(id__lte=upto)
    last = after
    while batch := list(rows.filter(id__gt=last).order_by("id")[:REBUILD_BATCH]):
        last = batch[-1].id
        yield index_docs(batch)


def _newest_passage() -> int:
    return Passage.objects.aggregate(top=Max("id"))["top"] or 0


def _rebuild_keyword(backend) -> None:
    """A new generation of the keyword index from the passage rows, swapped in at once;
    passages added meanwhile are added to it after the swap."""
    top = _newest_passage()
    backend.publish(backend.build(_passage_batches(upto=top)))
    while newer := list(_passage_batches(after=top)):
        for docs in newer:
            backend.add(docs)
        top = max(doc.id for doc in newer[-1])


def _acquire(lock: str, wait: float) -> bool:
    deadline = time.monotonic() + wait
    while not cache.add(lock, "1", REBUILD_LOCK_SECONDS):
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.2)
    return True


def rebuild_keyword_index(*, force: bool = True) -> bool:
    """Rebuild the keyword index from the passage rows, whatever state its folder is in.

    Without ``force`` (the ``search.heal_index`` job) nothing happens when the index works
    or another process is rebuilding it. Returns whether it was rebuilt."""
    backend = runtime.keyword_backend()
    if not hasattr(backend, "build"):  # PostgreSQL: the rows are the index
        health.healed()
        return False
    if not force:
        try:
            backend.check()
            health.healed()
            return False
        except IndexUnavailable:
            pass
    locked = _acquire(REBUILD_LOCK, REBUILD_WAIT_SECONDS if force else 0)
    if not (locked or force):
        return False  # another process is rebuilding it
    try:
        _rebuild_keyword(backend)
    finally:
        if locked:
            cache.delete(REBUILD_LOCK)
    health.healed()
    logger.info("keyword index rebuilt in %s", backend.root)
    return True


def repair_embeddings(ids) -> int:
    """Unreadable embeddings (wrong length): make those passages pending again and embed."""
    model = runtime.provider()
    if model is None:
        return 0
    rows = Passage.objects.filter(id__in=list(ids)).values_list("id", "embedding")
    broken = [pid for pid, blob in rows if blob is not None and len(blob) != 2 * model.dimension]
    Passage.objects.filter(id__in=broken).update(
        embedding=None, embedding_model="", embedded_at=None
    )
    if broken:
        enqueue_embedding()
    return len(broken)


def rebuild(*, embed: bool = False) -> dict[str, int]:
    """Rebuild every passage and the keyword index from the database; every process then
    rebuilds its vector index too. Returns the number of objects per kind.

    Running it again gives the same passages (same rows, same ids). The keyword index is
    built in a new folder and swapped in, so searches keep answering meanwhile, and a
    missing or damaged folder is simply replaced."""
    counts = {}
    for kind in searchables:
        counts[kind.key] = 0
        for owner in kind.all_ids():
            _rows(kind.key, owner)
            counts[kind.key] += 1
    rebuild_keyword_index(force=True)
    SearchState.objects.update_or_create(pk=1, defaults={"token": uuid.uuid4()})
    if embed:
        embed_pending()
    return counts
