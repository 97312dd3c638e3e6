"""What every keyword backend takes and gives: documents in, ``(passage id, score)`` out.

A backend only ranks. Which passages a user may see arrives as a :class:`Scope` computed by
``proeftuin.search.scope`` from ``Case.objects.visible_to`` and the chosen facets; the hits
are checked against the database again before anything is shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from proeftuin.core.registry import Registry


@dataclass(frozen=True)
class IndexDoc:
    """One passage as a keyword backend indexes it (terms already analysed)."""

    id: int
    terms: Sequence[str]
    case: int | None = None
    source: int | None = None
    public: bool = False
    facets: Sequence[str] = ()  # "facet=value" pairs of the passage's case


@dataclass(frozen=True)
class Scope:
    """The passages a search may return.

    ``everything``: no restriction (platform administrators). Otherwise a passage is in scope
    when its case is public (``public``) or listed in ``cases``, or its source document is
    listed in ``sources``. ``facets`` narrows to cases having, per facet, any of the values
    (AND across facets); with facets chosen, document passages are out of scope.
    ``cases_only``: ``cases`` is the complete list (public cases not added).
    """

    everything: bool = False
    public: bool = True
    cases: frozenset[int] = frozenset()
    sources: frozenset[int] = frozenset()
    facets: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.everything or self.public or self.cases or self.sources)


class KeywordBackend(Protocol):
    name: str

    def add(self, docs: Iterable[IndexDoc]) -> None:
        """Index ``docs``, replacing any earlier version of the same ids."""

    def remove(self, ids: Iterable[int]) -> None:
        """Forget these passage ids."""

    def remove_owner(self, *, case: int | None = None, source: int | None = None) -> None:
        """Forget every passage of a deleted case or source file."""

    def search(self, terms: Sequence[str], scope: Scope, limit: int) -> list[tuple[int, float]]:
        """Passage ids in scope matching any of ``terms``, best first (BM25-like scores)."""

    def clear(self) -> None:
        """Remove everything (before a rebuild)."""

    def check(self) -> None:
        """Raise ``IndexUnavailable`` when the index is missing or damaged (cheap)."""

    def size_bytes(self) -> int:
        """Bytes the index takes on disk, for the benchmark and the status page."""


keyword_backends: Registry[type] = Registry("keyword search backends")
