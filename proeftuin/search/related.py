"""Cases like a given case or a described idea: "vergelijkbare casussen" and
"is dit al eerder gedaan?". Both rank with the same hybrid search, grouped by case, and say
why each case came up."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _
from wordfreq import zipf_frequency

from proeftuin.cases.service import facet_index

from . import runtime
from .analysis import query_words, stem
from .models import PassageKind
from .results import CaseHit, RelatedCases
from .scope import user_scope
from .selectors import group_by_case, hydrate, meaning_cutoff, rank_in_scope, stored_vector

# Cosine bands of the offline model (multilingual-e5-small): its scores are compressed, so
# unrelated Dutch passages still score 0.80-0.84 and passages on the same subject 0.86 and up
# (read off the demo library and eval/search). Only the band is shown, not the cosine.
STRONG, SOME = 0.86, 0.85
COMMON_WORD_ZIPF = 4.5  # words more frequent than this (wordfreq, Dutch) explain nothing
RARE_WORD_ZIPF = 3.5  # shared whole words rarer than this make a case related by themselves
RARE_WORDS_NEEDED = {"idea": 1, "case": 2}  # a case text is long: one rare word is chance
SHARED_FACETS = ("domain", "type")
MAX_SHARED_THEMES = 3
DESCRIBING = (PassageKind.SUMMARY, PassageKind.SECTION)
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


def _reasons(case: CaseHit, traits: dict[int, set[str]], own: set[str]) -> list[str]:
    reasons = []
    words = _telling(dict.fromkeys(w for p in case.passages for w in p.matched_terms))[:5]
    if words:
        reasons.append(_("Same words: %(words)s") % {"words": ", ".join(words)})
    if case.similarity is not None:
        best = max(case.passages, key=lambda p: p.similarity or 0)
        reasons.append(
            _("Similar in meaning in: %(part)s") % {"part": best.label or best.kind_label}
        )
    shared = sorted(own & traits.get(case.case_id, set()))
    if shared:
        reasons.append(_("Also: %(traits)s") % {"traits": ", ".join(shared)})
    return reasons


def _traits(case_ids: set[int]) -> dict[int, set[str]]:
    """Per case: its domains and organisation types, and its themes when it has few."""
    index = facet_index()
    out: dict[int, set[str]] = {}
    for key in (*SHARED_FACETS, "theme"):
        labels = dict(index.choices.get(key, []))
        found: dict[int, set[str]] = {}
        for value, bits in index.values.get(key, {}).items():
            for case_id in case_ids:
                if bits >> case_id & 1:
                    found.setdefault(case_id, set()).add(str(labels.get(value, value)))
        for case_id, values in found.items():
            if key != "theme" or len(values) <= MAX_SHARED_THEMES:
                out.setdefault(case_id, set()).update(values)
    return out


def _related(
    user, text: str, *, exclude_case=None, own_traits=(), limit=5, vector=None, mode="hybrid"
):
    text = text.strip()[:MAX_IDEA_CHARS]
    if not text:
        return RelatedCases()
    scope = user_scope(user, exclude_case=exclude_case)
    depth = settings.SEARCH_CANDIDATES
    ranking, messages = rank_in_scope(text, scope, mode, depth, query_vector=vector)
    hits = hydrate(user, ranking.hits, ranking.terms, exclude_case=exclude_case)
    # Short lessons and outcomes resemble everything a little; what a case is about is in
    # its summary and theme sections.
    hits = [h for h in hits if h.kind in DESCRIBING]
    # Both panels use the stricter cut-off of passage-to-passage similarity: a case and an
    # idea text are longer than a query, and resemble the whole library more.
    floor = meaning_cutoff(runtime.provider()).passage
    shared = _RareShared(text, RARE_WORDS_NEEDED["case" if vector is not None else "idea"])
    cases = [c for c in group_by_case(hits, per_case=2) if _related_enough(c, floor, shared)]
    cases = cases[:limit]
    traits = _traits({c.case_id for c in cases})
    for case in cases:
        case.reasons = _reasons(case, traits, set(own_traits))
    return RelatedCases(cases, messages, ranking.degraded)


class _RareShared:
    """Whether a case shares enough rare whole words with the text (not parts of compounds:
    "taakstellingen" shares the part "taken" with many a text)."""

    def __init__(self, text: str, needed: int):
        self.words, self.needed = set(query_words(text)), needed

    def __call__(self, case: CaseHit) -> bool:
        matched = {w for p in case.passages for w in p.matched_terms}
        rare = {
            stem(w)
            for w in matched
            if zipf_frequency(w, "nl") < RARE_WORD_ZIPF and stem(w) in self.words
        }
        return len(rare) >= self.needed


def _related_enough(case: CaseHit, floor: float, shared: _RareShared) -> bool:
    """A case is related when it is close in meaning or shares rare words ("blockchain",
    "wijkzorgteams"): a case or described idea shares common words ("gemeente",
    "innovatie") with every case, and resembles every case of the library a little."""
    if case.similarity is not None and case.similarity >= floor:
        return True
    return shared(case)


def similar_cases(*, user, case, limit: int = 5) -> RelatedCases:
    """Cases ``user`` may see that resemble ``case`` (itself left out)."""
    own = _traits({case.id}).get(case.id, set())
    text = f"{case.title}\n{case.summary}"
    vector = stored_vector(case.id)  # the case's own summary vector: no model call needed
    return _related(user, text, exclude_case=case.id, own_traits=own, limit=limit, vector=vector)


def prior_cases(*, user, text: str, limit: int = 5, mode: str = "hybrid") -> RelatedCases:
    """ "Has this been done before?": cases ``user`` may see that resemble a described idea.
    ``mode="keyword"`` leaves the embedding model out (quick enough for many texts at once)."""
    return _related(user, text, limit=limit, mode=mode)
