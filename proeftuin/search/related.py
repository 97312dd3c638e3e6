"""Cases like a given case or a described idea: "vergelijkbare casussen" and
"is dit al eerder gedaan?". Both rank with the same hybrid search, grouped by object, and say
why each came up. What is compared is the searchable kind that declares ``related``
(``proeftuin.core.searchable.Related``: the case library): its describing passages, its
summary vector and its traits."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _
from wordfreq import zipf_frequency

from proeftuin.core.service import with_related

from . import runtime
from .analysis import query_words, stem
from .results import OwnerHit, RelatedCases
from .scope import user_scope
from .selectors import group, hydrate, meaning_cutoff, rank_in_scope, stored_vector

# Cosine bands of the offline model (multilingual-e5-small): its scores are compressed, so
# unrelated Dutch passages still score 0.80-0.84 and passages on the same subject 0.86 and up
# (read off the demo library and eval/search). Only the band is shown, not the cosine.
STRONG, SOME = 0.86, 0.85
COMMON_WORD_ZIPF = 4.5  # words more frequent than this (wordfreq, Dutch) explain nothing
RARE_WORD_ZIPF = 3.5  # shared whole words rarer than this make a case related by themselves
RARE_WORDS_NEEDED = {"idea": 1, "case": 2}  # a case text is long: one rare word is chance
MAX_IDEA_CHARS = 4000


def strength(similarity: float | None) -> str:
    """A word for how similar, from the cosine of the best matching passage."""
    if similarity is None:
        return _("shares words")
    if similarity >= STRONG:
        return _("very similar")
    if similarity >= SOME:
        return _("similar")
    return _("somewhat similar")


def _telling(words) -> list[str]:
    """Matched words that say something: not among the most common Dutch words."""
    return [w for w in words if zipf_frequency(w, "nl") < COMMON_WORD_ZIPF]


def _reasons(case: OwnerHit, traits: dict[int, set[str]], own: set[str]) -> list[str]:
    reasons = []
    words = _telling(dict.fromkeys(w for p in case.passages for w in p.matched_terms))[:5]
    if words:
        reasons.append(_("Same words: %(words)s") % {"words": ", ".join(words)})
    if case.similarity is not None:
        best = max(case.passages, key=lambda p: p.similarity or 0)
        reasons.append(
            _("Similar in meaning in: %(part)s") % {"part": best.label or best.kind_label}
        )
    shared = sorted(own & traits.get(case.id, set()))
    if shared:
        reasons.append(_("Also: %(traits)s") % {"traits": ", ".join(shared)})
    return reasons


def _related(user, text: str, *, exclude=None, own_traits=(), limit=5, vector=None, mode="hybrid"):
    kind = with_related()
    text = text.strip()[:MAX_IDEA_CHARS]
    if not text or kind is None:
        return RelatedCases()
    scope = user_scope(user, exclude=exclude)
    depth = settings.SEARCH_CANDIDATES
    ranking, messages = rank_in_scope(text, scope, mode, depth, query_vector=vector)
    hits = hydrate(user, ranking.hits, ranking.terms, exclude=exclude)
    # Short lessons and outcomes resemble everything a little; what a case is about is in
    # its summary and theme sections.
    describing = kind.related.describing
    hits = [h for h in hits if h.owner_kind == kind.key and h.kind in describing]
    # Both panels use the stricter cut-off of passage-to-passage similarity: a case and an
    # idea text are longer than a query, and resemble the whole library more.
    floor = meaning_cutoff(runtime.provider()).passage
    shared = _RareShared(text, RARE_WORDS_NEEDED["case" if vector is not None else "idea"])
    found = [c for c in group(hits, per_owner=2) if _related_enough(c, floor, shared)]
    found = found[:limit]
    traits = kind.related.traits({c.id for c in found})
    for case in found:
        case.reasons = _reasons(case, traits, set(own_traits))
    return RelatedCases(found, messages, ranking.degraded)


class _RareShared:
    """Whether a case shares enough rare whole words with the text (not parts of compounds:
    "taakstellingen" shares the part "taken" with many a text)."""

    def __init__(self, text: str, needed: int):
        self.words, self.needed = set(query_words(text)), needed

    def __call__(self, case: OwnerHit) -> bool:
        matched = {w for p in case.passages for w in p.matched_terms}
        rare = {
            stem(w)
            for w in matched
            if zipf_frequency(w, "nl") < RARE_WORD_ZIPF and stem(w) in self.words
        }
        return len(rare) >= self.needed


def _related_enough(case: OwnerHit, floor: float, shared: _RareShared) -> bool:
    """A case is related when it is close in meaning or shares rare words ("blockchain",
    "wijkzorgteams"): a case or described idea shares common words ("gemeente",
    "innovatie") with every case, and resembles every case of the library a little."""
    if case.similarity is not None and case.similarity >= floor:
        return True
    return shared(case)


def similar_cases(*, user, case, limit: int = 5) -> RelatedCases:
    """Objects ``user`` may see that resemble ``case`` (itself left out)."""
    kind = with_related()
    if kind is None:
        return RelatedCases()
    own = kind.related.traits({case.id}).get(case.id, set())
    text = kind.related.text(case)
    # the object's own summary vector: no model call needed
    vector = stored_vector(kind.key, case.id, kind.related.summary)
    exclude = (kind.key, case.id)
    return _related(user, text, exclude=exclude, own_traits=own, limit=limit, vector=vector)


def prior_cases(*, user, text: str, limit: int = 5, mode: str = "hybrid") -> RelatedCases:
    """ "Has this been done before?": cases ``user`` may see that resemble a described idea.
    ``mode="keyword"`` leaves the embedding model out (quick enough for many texts at once)."""
    return _related(user, text, limit=limit, mode=mode)
