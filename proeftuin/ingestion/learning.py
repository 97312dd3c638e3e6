"""The theme classifier learns from people's codings: accepted or edited theme passages are
examples of their theme, rejected ones examples of "no theme".

It learns per organisation. A document owned by organisation O is read with a model
trained on the decisions about O's own documents, plus those of organisations that chose
to share theirs (``Organisation.share_review_decisions``). Documents without an owner
learn from each other only. Every decision counts at the next run: a model is cached per
organisation under a key made of its learning scope and its latest decision, and trained
again only when that key changes.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from contextlib import contextmanager

from django.db.models import Count, Max, Q

from proeftuin.ingestion.extraction import ThemeClassifier, install_theme_classifier
from proeftuin.ingestion.extraction.themes import theme_classifier
from proeftuin.ingestion.models import Suggestion
from proeftuin.organisations.service import organisation_ids_sharing_review_decisions

MIN_EXAMPLES = 10
CACHE_SIZE = 64  # organisations whose model is kept in this process

_cache: OrderedDict[int | None, tuple[tuple, ThemeClassifier | None]] = OrderedDict()
_lock = threading.Lock()


def learning_scope(owner_id: int | None) -> tuple[int | None, ...]:
    """The owners whose decisions teach the reading of ``owner_id``'s documents."""
    return tuple(dict.fromkeys([owner_id, *organisation_ids_sharing_review_decisions()]))


def _decisions(scope: tuple[int | None, ...]):
    owned = Q(source__owner_id__in=[pk for pk in scope if pk is not None])
    if None in scope:
        owned |= Q(source__owner__isnull=True)
    return (
        Suggestion.objects.filter(field__startswith="sections.")
        .exclude(status=Suggestion.Status.PENDING)
        .filter(owned)
    )


def _stamp(scope: tuple[int | None, ...]) -> tuple:
    """What the model depends on: the scope, the number of decisions and the latest one."""
    latest = _decisions(scope).aggregate(
        n=Count("id"), changed=Max("updated_at"), decided=Max("decided_at"), last=Max("id")
    )
    return (scope, latest["n"], latest["changed"], latest["decided"], latest["last"])


def _fit(scope: tuple[int | None, ...]) -> ThemeClassifier | None:
    """A model fitted on the scope's decisions; ``None`` with too few of them (headings
    alone are used then)."""
    passages, labels = [], []
    for field, status, quote in _decisions(scope).values_list("field", "status", "quote"):
        passages.append(quote)
        labels.append(None if status == Suggestion.Status.REJECTED else field.split(".", 1)[1])
    if len(passages) < MIN_EXAMPLES or len({x for x in labels if x}) < 2:
        return None
    return ThemeClassifier().fit(passages, labels)


def classifier_for(owner) -> ThemeClassifier | None:
    """The model for documents of ``owner`` (an organisation, its id, or ``None``),
    retrained only when a decision in its scope changed since the last call."""
    owner_id = getattr(owner, "pk", owner)
    stamp = _stamp(learning_scope(owner_id))
    with _lock:
        cached = _cache.get(owner_id)
        if cached is not None and cached[0] == stamp:
            _cache.move_to_end(owner_id)
            return cached[1]
    model = _fit(stamp[0])
    with _lock:
        _cache[owner_id] = (stamp, model)
        _cache.move_to_end(owner_id)
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return model


@contextmanager
def theme_classifier_for(owner):
    """Read documents of ``owner`` with its own model inside this block (and only in this
    thread or task, so jobs of two organisations never use each other's model)."""
    with theme_classifier(classifier_for(owner)) as model:
        yield model


def train_theme_classifier(owner=None) -> ThemeClassifier | None:
    """Fit the model of ``owner`` and install it for this process (the ``ingest`` command
    and experiments); jobs use ``theme_classifier_for`` instead."""
    model = classifier_for(owner)
    install_theme_classifier(model)
    return model


def forget_models() -> None:
    """Drop the cached models (tests)."""
    with _lock:
        _cache.clear()
