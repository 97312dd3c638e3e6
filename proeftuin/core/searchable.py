"""Searchable kinds: what each app makes findable through search.

An app registers a :class:`Searchable` from its ``AppConfig.ready()`` under a short key
("case", "document"). Search (``proeftuin.search``) names no app: it iterates this registry to
build passages, to decide which objects a user may find, to draw the page a hit links to and,
for a kind with facets, to filter and count. Passages are stored under ``(kind key, id)``;
when an object of the registered model is deleted its passages go with it (``post_delete``,
connected here for each registered model, calls the handler search installs).

Ids sets are bitmaps: a Python integer whose bit ``i`` is set when id ``i`` is in the set.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db.models.signals import post_delete

from proeftuin.core.jobs.registry import task, tasks
from proeftuin.core.registry import AlreadyRegistered, Registry


@dataclass(frozen=True)
class SearchText:
    """One passage of an object, as its app writes it; search numbers, analyses and embeds it.

    ``kind`` is the passage kind shown with a hit ("summary", "lesson", "document"...),
    ``context`` is indexed with it but never shown (organisation names)."""

    kind: str
    label: str
    text: str
    context: str = ""


@dataclass(frozen=True)
class SearchOwner:
    """What a hit shows of the object its passage belongs to.

    ``api`` holds the object's fields in the API (snake_case); ``links`` names the URLs the
    API adds to them: field → (route name, kwargs)."""

    id: int
    uuid: str
    title: str
    url: str  # the page a hit links to
    slug: str = ""
    details: tuple[str, ...] = ()  # shown under the title (organisation names)
    api: Mapping[str, Any] = field(default_factory=dict)
    links: Mapping[str, tuple[str, dict]] = field(default_factory=dict)


@dataclass(frozen=True)
class Faceting:
    """Facets of a kind, filtered and counted with bitmaps over its ids.

    ``chosen(selection)``: ids having, per chosen facet, any of its values (AND across);
    ``pairs(ids)``: "facet=value" terms per id for the keyword index; ``having(key, values)``:
    a queryset of the ids having any of the values (the database keyword search);
    ``counts(user=, selection=, within=)``: the facet counts of the search page (an object with
    ``facets`` and ``total``); ``parse(params)``: the selection in API query parameters,
    validated (raises ``ValidationError``)."""

    facets: Any  # a Registry of facets with .key and .label
    chosen: Callable[[Mapping[str, Iterable[str]]], int]
    pairs: Callable[[Iterable[int]], dict[int, list[str]]]
    having: Callable[[str, list[str]], Any]
    counts: Callable[..., Any]
    parse: Callable[[Any], dict[str, list[str]]]


@dataclass(frozen=True)
class Related:
    """ "Like this one": which passages describe an object (``describing``, passage kinds),
    the passage kind whose stored vector stands for it (``summary``), the text of an object
    to compare (``text(obj)``) and the labels that make two objects related
    (``traits(ids)``: id → labels such as domains)."""

    describing: tuple[str, ...]
    summary: str
    text: Callable[[Any], str]
    traits: Callable[[set[int]], dict[int, set[str]]]


@dataclass(frozen=True)
class Searchable:
    """One kind of findable object.

    ``texts(id)``: its passages, or ``None`` when it is gone or no longer findable (its
    passages are then removed). ``visible_to(user)``: a queryset of the objects ``user`` may
    find (the model's ``visible_to``), checked before any hit is shown; ``visible(user)``:
    the same as a bitmap, for the indexes (defaults to the ids of ``visible_to``).
    ``public()``: the objects anyone may find, or ``None`` when nothing is public (such
    objects are indexed as public, so most searches need no id list). ``owners(ids)``: what
    hits show of them. ``all_ids()``: every id to (re)index in a rebuild. ``grouped``: hits are
    shown grouped per object as the main results (else listed apart, per object).
    ``vocabulary()``: public words that may correct a misspelt query (names, titles), rebuilt
    when one of ``domains`` changes (content domains, ``core.generation``).
    ``job``: the background job the app enqueues with an id after a write that changes what
    is findable (``enqueue("search.index_case", case.pk)``); registering the kind registers
    the job, which brings the object's passages up to date (it removes them when
    ``texts`` gives ``None``)."""

    key: str
    model: str  # "app_label.ModelName"
    label: str
    texts: Callable[[int], list[SearchText] | None]
    visible_to: Callable[[Any], Any]
    owners: Callable[[Iterable[int]], dict[int, SearchOwner]]
    all_ids: Callable[[], Iterable[int]]
    visible: Callable[[Any], int] | None = None
    public: Callable[[], Any] | None = None
    grouped: bool = True
    faceting: Faceting | None = None
    related: Related | None = None
    vocabulary: Callable[[], Iterable[str]] | None = None
    domains: tuple[str, ...] = ()
    job: str = ""

    def visible_bits(self, user) -> int:
        if self.visible is not None:
            return self.visible(user)
        return bits(self.visible_to(user).values_list("id", flat=True))


def bits(ids: Iterable[int]) -> int:
    """A set of non-negative ids as the bits of one integer."""
    ids = list(ids)
    if not ids:
        return 0
    buffer = bytearray(max(ids) // 8 + 1)
    for i in ids:
        buffer[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(buffer, "little")


searchables: Registry[Searchable] = Registry("searchable kinds")
_deleted: list[Callable[[str, int], None]] = []
_changed: list[Callable[[str, int], None]] = []


def register_searchable(kind: Searchable) -> Searchable:
    """Make ``kind`` findable; a key registered twice raises ``AlreadyRegistered``."""
    searchables.add(kind.key, kind)
    if kind.job:
        task(kind.job)(_handle(_changed, kind.key))
    post_delete.connect(
        _deleted_receiver(kind.key),
        sender=apps.get_model(kind.model),
        weak=False,
        dispatch_uid=f"searchable-{kind.key}",
    )
    return kind


def unregister_searchable(key: str) -> None:
    """Forget a kind (tests that register one of their own)."""
    kind = searchables._items.pop(key)
    post_delete.disconnect(sender=apps.get_model(kind.model), dispatch_uid=f"searchable-{key}")
    if kind.job:
        tasks._items.pop(kind.job, None)


def when_deleted(handler: Callable[[str, int], None]) -> None:
    """Call ``handler(kind key, id)`` when a findable object is deleted (search removes its
    passages in the same transaction)."""
    if handler not in _deleted:
        _deleted.append(handler)


def when_changed(handler: Callable[[str, int], None]) -> None:
    """Call ``handler(kind key, id)`` when the job of a kind runs (search reindexes)."""
    if handler not in _changed:
        _changed.append(handler)


def _handle(handlers: list, key: str):
    def run(object_id: int) -> None:
        for handler in handlers:
            handler(key, object_id)

    return run


def _deleted_receiver(key: str):
    forget = _handle(_deleted, key)

    def receiver(sender, instance, **kwargs):
        forget(instance.pk)

    return receiver


def kind_of(instance) -> Searchable:
    """The registered kind of a model instance (``LookupError`` when it has none)."""
    label = instance._meta.label
    for kind in searchables:
        if kind.model == label:
            return kind
    raise LookupError(f"{label} is not a searchable kind")


def faceted() -> Searchable | None:
    """The kind whose facets search offers (at most one kind has facets for now)."""
    return next((kind for kind in searchables if kind.faceting is not None), None)


def with_related() -> Searchable | None:
    """The kind "like this one" and "has this been done before?" look for."""
    return next((kind for kind in searchables if kind.related is not None), None)


__all__ = [
    "AlreadyRegistered",
    "Faceting",
    "Related",
    "SearchOwner",
    "SearchText",
    "Searchable",
    "bits",
    "faceted",
    "kind_of",
    "register_searchable",
    "searchables",
    "unregister_searchable",
    "when_changed",
    "when_deleted",
    "with_related",
]
