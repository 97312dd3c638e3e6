"""Search results as plain data (snake_case keys): the API renders them in camelCase through
its serializers, the ``search`` command prints them as JSON.

``Links`` adds URLs when there is a request to build them from; the command has none, so
its JSON has no URLs.
"""

from __future__ import annotations

from dataclasses import asdict

from django.urls import reverse

from proeftuin.core.service import SearchOwner, searchables
from proeftuin.search.results import IndexProgress, OwnerHit, PassageHit, SearchResults
from proeftuin.search.service import strength


class Links:
    """Absolute URLs of the objects hits belong to, for responses to ``request``."""

    def __init__(self, request):
        self.request = request

    def absolute(self, name: str, kwargs: dict) -> str:
        return self.request.build_absolute_uri(reverse(name, kwargs=kwargs))


def number(value) -> float | None:
    """A score as a plain float (numpy floats do not serialise as JSON)."""
    return None if value is None else round(float(value), 6)


def passage_data(hit: PassageHit) -> dict:
    return {
        "id": hit.passage_id,
        "kind": hit.kind,
        "kind_label": hit.kind_label,
        "label": hit.label,
        "text": hit.text,
        "snippet": str(hit.snippet),
        "matched_terms": list(hit.matched_terms),
    }


def owner_data(owner: SearchOwner, links: Links | None = None) -> dict:
    """An object as the API shows it (its kind's ``api`` fields), with its URLs."""
    data = dict(owner.api)
    if links is not None:
        data.update({name: links.absolute(*route) for name, route in owner.links.items()})
    return data


def result_data(rank: int, hit: PassageHit, links: Links | None = None) -> dict:
    """One ranked passage with the object it belongs to, under its kind's key ("case",
    "document"; the other kinds' keys are null)."""
    data = {
        "rank": rank,
        "score": number(hit.score),
        "keyword_rank": hit.keyword_rank,
        "vector_rank": hit.vector_rank,
        "similarity": number(hit.similarity),
        "passage": passage_data(hit),
        "owner_kind": hit.owner_kind,
        "owner_kind_label": str(searchables[hit.owner_kind].label),
    }
    for key in searchables.names():
        data[key] = owner_data(hit.owner, links) if hit.owner_kind == key else None
    return data


def progress_data(progress: IndexProgress) -> dict:
    return {
        "passages": progress.passages,
        "embedded": progress.embedded,
        "pending": progress.pending,
        "complete": progress.complete,
    }


def facets_data(facets) -> list[dict]:
    """Facet counts over the matching objects of the kind with facets."""
    return [
        {
            "key": facet.key,
            "label": str(facet.label),
            "choices": [asdict(choice) for choice in facet.choices],
        }
        for facet in facets
    ]


def search_data(results: SearchResults, limit: int, links: Links | None = None) -> dict:
    """The best ``limit`` passages of ``results`` and what the search says about them."""
    return {
        "count": len(results.hits),
        "results": [
            result_data(rank, hit, links) for rank, hit in enumerate(results.hits[:limit], start=1)
        ],
        "meta": {
            "query": results.query,
            "mode": results.mode,
            "used_vectors": results.used_vectors,
            "messages": [str(m) for m in (*results.messages, *results.index_notices)],
            "degraded": list(results.degraded),
            "suggestions": [str(s) for s in results.suggestions],
            "index_progress": progress_data(results.progress),
            "total_cases": results.total_cases,
            "facets": facets_data(results.facets),
        },
    }


def related_data(hits: list[OwnerHit], links: Links | None = None) -> list[dict]:
    """Similar or earlier objects (cases), best first, each with why it came up."""
    return [
        {
            h.kind: owner_data(h.owner, links),
            "score": number(h.score),
            "similarity": number(h.similarity),
            "strength": str(strength(h.similarity)),
            "reasons": [str(r) for r in h.reasons],
            "passages": [passage_data(p) for p in h.passages],
        }
        for h in hits
    ]
