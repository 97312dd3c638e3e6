"""Search results as plain data (snake_case keys): the API renders them in camelCase through
its serializers, the ``search`` command prints them as JSON.

``Links`` adds URLs when there is a request to build them from; the command has none, so
its JSON has no URLs.
"""

from __future__ import annotations

from dataclasses import asdict

from django.urls import reverse

from proeftuin.search.results import CaseHit, IndexProgress, PassageHit, SearchResults
from proeftuin.search.service import strength


class Links:
    """Absolute URLs of cases and documents, for responses to ``request``."""

    def __init__(self, request):
        self.request = request

    def _absolute(self, name: str, **kwargs) -> str:
        return self.request.build_absolute_uri(reverse(name, kwargs=kwargs))

    def case(self, uuid: str, slug: str) -> dict:
        return {
            "url": self._absolute("api:case-detail", uuid=uuid),
            "web_url": self._absolute("cases:detail", slug=slug),
        }

    def document(self, uuid: str) -> dict:
        return {"url": self._absolute("api:document-detail", uuid=uuid)}


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


def case_data(uuid, slug, title, organisations, links: Links | None = None) -> dict:
    data = {
        "uuid": str(uuid),
        "title": title,
        "slug": slug,
        "organisations": list(organisations),
    }
    if links is not None:
        data.update(links.case(str(uuid), slug))
    return data


def document_data(hit: PassageHit, links: Links | None = None) -> dict:
    data = {"uuid": hit.source_uuid, "filename": hit.source_name}
    if links is not None:
        data.update(links.document(hit.source_uuid))
    return data


def result_data(rank: int, hit: PassageHit, links: Links | None = None) -> dict:
    """One ranked passage with the case or document it belongs to."""
    case = None
    if hit.case_uuid is not None:
        case = case_data(hit.case_uuid, hit.case_slug, hit.case_title, hit.organisations, links)
    document = document_data(hit, links) if hit.source_uuid is not None else None
    return {
        "rank": rank,
        "score": number(hit.score),
        "keyword_rank": hit.keyword_rank,
        "vector_rank": hit.vector_rank,
        "similarity": number(hit.similarity),
        "passage": passage_data(hit),
        "case": case,
        "document": document,
    }


def progress_data(progress: IndexProgress) -> dict:
    return {
        "passages": progress.passages,
        "embedded": progress.embedded,
        "pending": progress.pending,
        "complete": progress.complete,
    }


def facets_data(facets) -> list[dict]:
    """Facet counts over the matching cases (``cases.selectors.FacetResult``)."""
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


def related_data(cases: list[CaseHit], links: Links | None = None) -> list[dict]:
    """Similar or earlier cases, best first, each with why it came up."""
    return [
        {
            "case": case_data(c.case_uuid, c.slug, c.title, c.organisations, links),
            "score": number(c.score),
            "similarity": number(c.similarity),
            "strength": str(strength(c.similarity)),
            "reasons": [str(r) for r in c.reasons],
            "passages": [passage_data(p) for p in c.passages],
        }
        for c in cases
    ]
