"""How the search indexes of this process are doing, and what happens when one is not.

The database (``search_passage``) is the source of truth; the keyword index and the vector
index are derived from it. When one of them is missing or damaged, search goes on without
it: keyword matches come from the passages' analysed terms in the database
(:class:`~proeftuin.search.backends.database.DatabaseBackend`), or meaning is left out, and
the user is told so (:func:`notices`). The broken index queues its own repair as a
background job (``search.heal_index``: a new keyword index built beside the old one and
swapped in; ``search.repair_embeddings``: unreadable embeddings computed again), at most
once per ``HEAL_QUEUE_SECONDS`` across processes (a key in the shared cache).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence

from django.core.cache import cache
from django.db import connection, transaction
from django.utils.translation import gettext as _

from proeftuin.core.jobs import enqueue

from .backends.base import KeywordBackend, Scope
from .backends.database import DatabaseBackend
from .backends.tantivy_files import IndexUnavailable, damaged

logger = logging.getLogger("proeftuin.search")
HEAL_TASK = "search.heal_index"
REPAIR_TASK = "search.repair_embeddings"
HEAL_QUEUED = "search:heal-queued"
HEAL_QUEUE_SECONDS = 120
MAX_REPAIR_IDS = 1000
KEYWORD, VECTORS = "keyword", "vectors"

_lock = threading.Lock()
_problems: dict[str, str] = {}  # side -> what is wrong, in this process


def _report(side: str, detail: str) -> None:
    with _lock:
        new = _problems.get(side) != detail
        _problems[side] = detail
    if new:
        logger.warning("search %s index unavailable: %s", side, detail)


def _recovered(side: str) -> None:
    with _lock:
        gone = _problems.pop(side, None)
    if gone is not None:
        logger.info("search %s index works again", side)


def keyword_failed(exc: IndexUnavailable) -> None:
    """The keyword index cannot be used: remember it and queue its rebuild."""
    _report(KEYWORD, str(exc))
    queue_heal()


def keyword_ok() -> None:
    _recovered(KEYWORD)


def vectors_failed(detail: str) -> None:
    _report(VECTORS, detail)


def vectors_ok() -> None:
    _recovered(VECTORS)


def problems() -> dict[str, str]:
    """What is wrong with the indexes of this process (empty when both work)."""
    with _lock:
        return dict(_problems)


def keyword_notice() -> str:
    return _(
        "The search index is being repaired. Until it is ready, words are looked up in a "
        "simpler way, so the order of the results may differ."
    )


def vectors_notice() -> str:
    return _("Searching by meaning is unavailable right now; keyword results only.")


def notices() -> list[str]:
    """What a user should be told about the search results of this process right now."""
    found = problems()
    messages = [keyword_notice()] if KEYWORD in found else []
    if VECTORS in found:
        messages.append(vectors_notice())
    return messages


def limited_notice() -> str:
    return _("Search works in a limited way right now; some results may be missing.")


def is_administrator(user) -> bool:
    return bool(getattr(user, "is_staff", False) or getattr(user, "is_superuser", False))


def notices_for(user, found: list[str]) -> list[str]:
    """Index notices as ``user`` may see them: administrators read what is wrong, everyone
    else at most one neutral sentence."""
    if not found or is_administrator(user):
        return list(found)
    return [limited_notice()]


def reset() -> None:
    """Forget what went wrong in this process and allow a new rebuild at once (tests)."""
    with _lock:
        _problems.clear()
    cache.delete(HEAL_QUEUED)


def queue_heal() -> None:
    """Queue a rebuild of the keyword index, unless one was queued a short while ago."""
    if cache.add(HEAL_QUEUED, "1", HEAL_QUEUE_SECONDS):
        enqueue(HEAL_TASK)


def healed() -> None:
    """A rebuild finished: the next damage may queue another one at once."""
    cache.delete(HEAL_QUEUED)
    keyword_ok()


def queue_embedding_repair(ids: Sequence[int]) -> None:
    """Embeddings that cannot be read (wrong length): compute them again."""
    if ids:
        logger.warning("%s unreadable embeddings; queued to be embedded again", len(ids))
        enqueue(REPAIR_TASK, *sorted(ids)[:MAX_REPAIR_IDS])


class GuardedKeyword:
    """The configured keyword backend, or the database when the backend cannot be used.

    One per search (``degraded`` tells that search whether it fell back)."""

    name = "guarded"

    def __init__(self, backend: Callable[[], KeywordBackend], has_passages: Callable[[], bool]):
        self._backend = backend
        self._has_passages = has_passages
        self.degraded = False

    def _primary(self, terms, scope, limit):
        backend = self._backend()
        if not connection.in_atomic_block:
            return backend.search(terms, scope, limit)
        with transaction.atomic():  # a savepoint: a failing query leaves the transaction usable
            return backend.search(terms, scope, limit)

    def search(self, terms: Sequence[str], scope: Scope, limit: int) -> list[tuple[int, float]]:
        try:
            hits = self._primary(terms, scope, limit)
        except IndexUnavailable as exc:
            if exc.reason == "missing" and not self._has_passages():
                return []  # nothing indexed yet: nothing to find either
            return self._fallback(exc, terms, scope, limit)
        except Exception as exc:  # a backend error must not fail the page
            logger.exception("keyword search failed")
            return self._fallback(damaged(str(exc)), terms, scope, limit)
        keyword_ok()
        return hits

    def _fallback(self, exc, terms, scope, limit):
        keyword_failed(exc)
        self.degraded = True
        return DatabaseBackend().search(terms, scope, limit)
