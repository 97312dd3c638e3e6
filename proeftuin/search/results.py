"""The one result contract of search, whatever the backend: pages, API and CLI use these."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from proeftuin.core.service import SearchOwner, faceted, searchables

from .snippets import snippet


@dataclass
class PassageHit:
    """One ranked passage the user may see, with the object it belongs to."""

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
    owner_kind: str = ""  # the searchable kind of its object ("case", "document")
    owner: SearchOwner | None = None  # what hits show of that object

    @property
    def owner_id(self) -> int | None:
        return None if self.owner is None else self.owner.id

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
class OwnerHit:
    """An object with its best passages (results are grouped per object)."""

    kind: str
    owner: SearchOwner
    score: float
    passages: list[PassageHit]
    similarity: float | None = None
    reasons: list[str] = field(default_factory=list)  # why it is similar, in the interface language

    @property
    def id(self) -> int:
        return self.owner.id

    @property
    def uuid(self) -> str:
        return self.owner.uuid

    @property
    def slug(self) -> str:
        return self.owner.slug

    @property
    def title(self) -> str:
        return self.owner.title

    @property
    def url(self) -> str:
        return self.owner.url

    @property
    def kind_label(self) -> str:
        """The kind of object, shown with hits that are not of the main kind (the kind
        with facets, whose objects the page counts): "Initiatief"."""
        main = faceted()
        if main is not None and main.key == self.kind:
            return ""
        return str(searchables[self.kind].label)

    @property
    def details(self) -> list[str]:
        """Shown under the title (a case's organisations)."""
        return list(self.owner.details)

    # The names the case panels and their callers have always used.
    case_id = id
    case_uuid = uuid
    organisations = details


CaseHit = OwnerHit


class RelatedCases(list):
    """Similar or earlier objects (a list of :class:`OwnerHit`), with the notices of the
    search that found them and the indexes it could not use."""

    def __init__(self, hits=(), messages=(), degraded=()):
        super().__init__(hits)
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
    groups: list[OwnerHit]  # hits of grouped kinds (cases) per object, in rank order
    apart: list[PassageHit]  # hits of kinds listed apart (uploaded documents)
    facets: list  # facet counts over the matching objects of the kind with facets
    total_cases: int  # matching objects of that kind (within the candidates considered)
    progress: IndexProgress
    messages: list[str] = field(default_factory=list)  # notices for the user, translated
    suggestions: list[str] = field(default_factory=list)  # "did you mean" for typos
    degraded: list[str] = field(default_factory=list)  # "keyword"/"vectors": index not usable
    # About the indexes (repairs, vectors still being added): for administrators only
    index_notices: list[str] = field(default_factory=list)

    @property
    def cases(self) -> list[OwnerHit]:
        """The main results: objects with their best passages (the page's name for them)."""
        return self.groups

    @property
    def documents(self) -> list[PassageHit]:
        return self.apart

    @property
    def cases_with_words(self) -> int:
        """Main results with a passage that contains words of the query."""
        grouped = {g.kind for g in self.groups}
        return len(
            {
                (h.owner_kind, h.owner_id)
                for h in self.hits
                if h.owner_kind in grouped and h.keyword_rank is not None
            }
        )
