"""Cases like a given case or a described idea: "vergelijkbare casussen" and
"is dit al eerder gedaan?". Both rank with the same hybrid search, grouped by case, and say
why each case came up."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from proeftuin.cases.service import facet_index

from .results import CaseHit
from .scope import user_scope
from .selectors import group_by_case, hydrate, rank_in_scope

# Cosine bands of the offline model (multilingual-e5-small): unrelated Dutch passages score
# around 0.75-0.80, passages on the same subject 0.84 and up (measured on eval/search).
STRONG, SOME = 0.86, 0.82
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


def _reasons(case: CaseHit, themes: dict[int, set[str]], own_themes: set[str]) -> list[str]:
    reasons = []
    words = list(dict.fromkeys(w for p in case.passages for w in p.matched_terms))[:6]
    if words:
        reasons.append(_("Same words: %(words)s") % {"words": ", ".join(words)})
    if case.similarity is not None:
        best = max(case.passages, key=lambda p: p.similarity or 0)
        reasons.append(
            _("Similar in meaning (%(percent)s%%) in: %(part)s")
            % {"percent": round(100 * case.similarity), "part": best.label or best.kind_label}
        )
    shared = sorted(own_themes & themes.get(case.case_id, set()))
    if shared:
        reasons.append(_("Same themes: %(themes)s") % {"themes": ", ".join(shared)})
    return reasons


def _themes(case_ids: set[int]) -> dict[int, set[str]]:
    index = facet_index()
    labels = dict(index.choices.get("theme", []))
    out: dict[int, set[str]] = {}
    for value, bits in index.values.get("theme", {}).items():
        for case_id in case_ids:
            if bits >> case_id & 1:
                out.setdefault(case_id, set()).add(str(labels.get(value, value)))
    return out


def _related(user, text: str, *, exclude_case=None, own_themes=(), limit: int = 5):
    text = text.strip()[:MAX_IDEA_CHARS]
    if not text:
        return []
    scope = user_scope(user, exclude_case=exclude_case)
    ranking, _messages = rank_in_scope(text, scope, "hybrid", settings.SEARCH_CANDIDATES)
    hits = hydrate(user, ranking.hits, ranking.terms, exclude_case=exclude_case)
    cases = group_by_case(hits, per_case=2)[:limit]
    themes = _themes({c.case_id for c in cases})
    for case in cases:
        case.reasons = _reasons(case, themes, set(own_themes))
    return cases


def similar_cases(*, user, case, limit: int = 5) -> list[CaseHit]:
    """Cases ``user`` may see that resemble ``case`` (itself left out)."""
    own = _themes({case.id}).get(case.id, set())
    text = f"{case.title}\n{case.summary}"
    return _related(user, text, exclude_case=case.id, own_themes=own, limit=limit)


def prior_cases(*, user, text: str, limit: int = 5) -> list[CaseHit]:
    """ "Has this been done before?": cases ``user`` may see that resemble a described idea."""
    return _related(user, text, limit=limit)
