"""What every keyword backend takes and gives: documents in, ``(passage id, score)`` out.

A backend only ranks. Which passages a user may see arrives as a :class:`Scope` computed by
``proeftuin.search.scope`` from what each searchable kind lets the user see
(``proeftuin.core.searchable``) and the chosen facets; the hits are checked against the
database again before anything is shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from proeftuin.core.registry import Registry


@dataclass(frozen=True)
class IndexDoc:
    """One passage as a keyword backend indexes it (terms already analysed)."""

    id: int
    terms: Sequence[str]
    kind: str | None = None  # the owner's searchable kind ("case", "document")
    owner: int | None = None  # the owner's id
    public: bool = False  # the owner is one anyone may find
    facets: Sequence[str] = ()  # "facet=value" pairs of the passage's owner

    @property
    def owner_term(self) -> str | None:
        return None if self.owner is None else owner_term(self.kind, self.owner)


def owner_term(kind: str | None, owner: int) -> str:
    """One owner as a single index term: ``case:12``."""
    return f"{kind}:{owner}"


@dataclass(frozen=True)
class Scope:
    """The passages a search may return.

    ``everything``: no restriction (platform administrators). Otherwise a passage is in scope
    when its owner is public (``public``) or listed in ``owners`` (kind → ids). ``facets``
    narrows to owners having, per facet, any of the values (AND across facets); passages of
    kinds without facets are then out of scope.
    """

    everything: bool = False
    public: bool = True
    owners: Mapping[str, frozenset[int]] = field(default_factory=dict)
    facets: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.everything or self.public or any(self.owners.values()))

    def owner_terms(self) -> list[str]:
        """The listed owners as index terms, sorted."""
        return [owner_term(k, i) for k, ids in sorted(self.owners.items()) for i in sorted(ids)]


class KeywordBackend(Protocol):
    name: str

    def add(self, docs: Iterable[IndexDoc]) -> None:
        """Index ``docs``, replacing any earlier version of the same ids."""

    def remove(self, ids: Iterable[int]) -> None:
        """Forget these passage ids."""

    def remove_owner(self, kind: str, owner: int) -> None:
        """Forget every passage of a deleted object (of kind ``kind``)."""

    def search(self, terms: Sequence[str], scope: Scope, limit: int) -> list[tuple[int, float]]:
        """Passage ids in scope matching any of ``terms``, best first (BM25-like scores)."""

    def clear(self) -> None:
        """Remove everything (before a rebuild)."""

    def check(self) -> None:
        """Raise ``IndexUnavailable`` when the index is missing or damaged (cheap)."""

    def size_bytes(self) -> int:
        """Bytes the index takes on disk, for the benchmark and the status page."""


keyword_backends: Registry[type] = Registry("keyword search backends")
