"""The one result contract of search, whatever the backend: pages, API and CLI use these."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from .snippets import snippet


@dataclass
class PassageHit:
    """One ranked passage the user may see."""

    passage_id: int
    kind: str  # PassageKind value
    kind_label: str
    label: str  # theme name, lesson kind, page, ...
    text: str
    score: float  # fused score (hybrid) or the single side's score
    keyword_rank: int | None
    vector_rank: int | None
    similarity: float | None  # cosine of the query and passage vectors, when vectors were used
    query_terms: frozenset[str]  # analysed query terms, for the snippet
    case_id: int | None = None
    case_uuid: str | None = None
    case_slug: str | None = None
    case_title: str | None = None
    organisations: list[str] = field(default_factory=list)
    source_id: int | None = None
    source_uuid: str | None = None
    source_name: str | None = None

    @cached_property
    def _marked(self):
        return snippet(self.text, set(self.query_terms))

    @property
    def snippet(self) -> str:
        """HTML-safe excerpt with <mark> around matched words (made when first asked for)."""
        return self._marked[0]

    @property
    def matched_terms(self) -> list[str]:
        """Words of the passage that matched the query terms."""
        return self._marked[1]


@dataclass
class CaseHit:
    """A case with its best passages (the results page groups passages by case)."""

    case_id: int
    case_uuid: str
    slug: str
    title: str
    organisations: list[str]
    score: float
    passages: list[PassageHit]
    similarity: float | None = None
    reasons: list[str] = field(default_factory=list)  # why it is similar, in the interface language


class RelatedCases(list):
    """Similar or earlier cases (a list of :class:`CaseHit`), with the notices of the search
    that found them and the indexes it could not use."""

    def __init__(self, cases=(), messages=(), degraded=()):
        super().__init__(cases)
        self.messages = list(messages)
        self.degraded = list(degraded)


@dataclass
class IndexProgress:
    passages: int
    embedded: int
    vectors: bool = True  # False: no embedding provider, keyword search only

    @property
    def pending(self) -> int:
        return max(0, self.passages - self.embedded) if self.vectors else 0

    @property
    def complete(self) -> bool:
        return self.pending == 0

    @property
    def percent(self) -> int:
        return 100 if not self.passages else int(100 * self.embedded / self.passages)


@dataclass
class SearchResults:
    query: str
    mode: str  # what was asked: hybrid | keyword | vector
    used_vectors: bool  # False when no vectors could be used (none yet, or keyword mode)
    hits: list[PassageHit]  # ranked passages, after visibility checks
    cases: list[CaseHit]  # the same hits grouped by case, in rank order
    documents: list[PassageHit]  # hits from uploaded documents (not yet a case)
    facets: list  # cases.selectors.FacetResult over the matching cases
    total_cases: int  # matching cases (within the candidates considered)
    progress: IndexProgress
    messages: list[str] = field(default_factory=list)  # notices for the user, translated
    suggestions: list[str] = field(default_factory=list)  # "did you mean" for typos
    degraded: list[str] = field(default_factory=list)  # "keyword"/"vectors": index not usable
    # About the indexes (repairs, vectors still being added): for administrators only
    index_notices: list[str] = field(default_factory=list)

    @property
    def cases_with_words(self) -> int:
        """Cases among the results with a passage that contains words of the query."""
        return len({h.case_id for h in self.hits if h.case_id and h.keyword_rank is not None})
