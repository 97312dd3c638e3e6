"""Is this case already in the library? Reads only.

Before a draft case is made from a case in a document, the library is searched for the
same innovation: cases of the same organisation, and cases the search finds for the case's
title and summary. Only cases the user may see are considered. Each candidate gets a score
from three comparisons, each with a reason a reviewer can check:

- **organisation** (weight 0.25): the document's organisation is one of the case's
  organisations or partners;
- **title** (0.45): shared words of the two titles, rare words counting more than common
  ones (``wordfreq``), the mean of the Dice overlap and the share of the shorter title;
- **summary** (0.3): the same for the summaries, or the share of the case's summary found
  in the document's text for this case when that is higher (a suggested summary is a few
  sentences of the text and may leave out what the case's summary says).

A score of at least ``STRONG`` is a strong duplicate: making a draft then asks for a
choice. It takes the same organisation and a similar title (0.25 + 0.45 × 0.6), or a very
similar title and summary: a document may name a partner or a project where the library
names the organisation, so the organisation alone does not decide. A wrong alarm costs a
click; a missed one a second case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from django.contrib.auth.models import AnonymousUser
from django.db.models import Min
from django.utils.translation import gettext as _
from wordfreq import zipf_frequency

from proeftuin.cases.service import Case, case_visible, cases_of_organisation
from proeftuin.ingestion.extraction.classifier import STOPWORDS
from proeftuin.ingestion.extraction.text import fold
from proeftuin.ingestion.models import DuplicateChoice, Suggestion
from proeftuin.organisations.service import Organisation

WEIGHTS = {"organisation": 0.25, "title": 0.45, "summary": 0.3}
STRONG = 0.5  # a strong duplicate: making a draft asks for a choice
SHOWN = 0.3  # below this a case is not offered at all
MIN_TEXT_SIMILARITY = 0.25  # the same organisation alone is no duplicate
SEARCHED = 10  # cases taken from the search per document case
SAME_ORGANISATION = 30  # cases of the same organisation compared at most
TEXT_CHARS = 6000  # of the document's case text compared with a case's summary


@dataclass
class Profile:
    """What a document's case says about itself: its best values so far."""

    title: str
    summary: str
    organisation: str
    text: str
    case_id: int | None = None


@dataclass
class Candidate:
    case: Case
    score: float
    organisation: bool
    title: float
    summary: float
    reasons: list[str] = field(default_factory=list)

    @property
    def strong(self) -> bool:
        return self.score >= STRONG

    @property
    def percent(self) -> int:
        return round(100 * self.score)


@dataclass
class SegmentDuplicates:
    segment: int
    title: str
    candidates: list[Candidate]
    choice: DuplicateChoice | None = None


# --- comparing texts -------------------------------------------------------------------

_WORD = re.compile(r"[a-z0-9]{3,}")
_SUFFIXES = ("heden", "heid", "ingen", "ing", "en", "e", "s")


@lru_cache(maxsize=20000)
def _weight(word: str) -> float:
    """Rare words say more than common ones: 7 minus the word's Zipf frequency in Dutch."""
    return max(0.5, 7.0 - zipf_frequency(word, "nl"))


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def words(text: str) -> dict[str, tuple[str, float]]:
    """Stem -> (a word with that stem, its weight), without stop words."""
    out: dict[str, tuple[str, float]] = {}
    for word in _WORD.findall(fold(text or "")):
        if word not in STOPWORDS:
            out.setdefault(_stem(word), (word, _weight(word)))
    return out


def _mass(bag: dict, keys) -> float:
    return sum(bag[k][1] for k in keys)


def overlap(a: str, b: str) -> tuple[float, list[str]]:
    """Similarity of two short texts (0-1) and the shared words, rarest first."""
    left, right = words(a), words(b)
    shared = left.keys() & right.keys()
    if not shared:
        return 0.0, []
    on_left, on_right = _mass(left, shared), _mass(right, shared)
    total_left, total_right = _mass(left, left), _mass(right, right)
    dice = (on_left + on_right) / (total_left + total_right)
    cover = max(on_left / total_left, on_right / total_right)  # of the shorter text
    ranked = sorted(shared, key=lambda k: -left[k][1])
    return (dice + cover) / 2, [left[k][0] for k in ranked]


def coverage(part: str, whole: str) -> float:
    """The weighted share of ``part``'s words found in ``whole`` (0-1)."""
    small, large = words(part), words(whole)
    if not small:
        return 0.0
    return _mass(small, small.keys() & large.keys()) / _mass(small, small)


def names_match(name: str, names: list[str]) -> bool:
    target = " ".join(fold(name).split())
    return bool(target) and any(" ".join(fold(n).split()) == target for n in names)


# --- what a document's case says ---------------------------------------------------------


def _best(rows: list[Suggestion], name: str) -> str:
    """The accepted value of a field, else the most confident pending one."""
    decided = (Suggestion.Status.ACCEPTED, Suggestion.Status.EDITED)
    chosen = [r for r in rows if r.field == name and r.status in decided]
    pending = [r for r in rows if r.field == name and r.status == Suggestion.Status.PENDING]
    for group in (chosen, pending):
        if group:
            value = max(group, key=lambda r: r.confidence).final_value
            return value if isinstance(value, str) else ""
    return ""


def segment_spans(source) -> dict[int, tuple[int, int]]:
    """Where each case of a document lies, roughly: from its first suggestion (the start of
    the text for the first case) to the first suggestion of the next case."""
    firsts = dict(
        source.suggestions.values_list("segment").annotate(first=Min("start")).order_by("segment")
    )
    order = sorted(firsts)
    ends = [firsts[k] for k in order[1:]] + [len(source.text or "")]
    return {
        k: (0 if i == 0 else firsts[k], max(end, firsts[k]))
        for i, (k, end) in enumerate(zip(order, ends, strict=True))
    }


def segment_profile(source, segment: int, rows=None, span=None) -> Profile:
    rows = rows if rows is not None else list(source.suggestions.filter(segment=segment))
    rows = [r for r in rows if r.status != Suggestion.Status.REJECTED]
    start, end = span or segment_spans(source).get(segment, (0, 0))
    return Profile(
        title=_best(rows, "title") or (rows[0].segment_title if rows else ""),
        summary=_best(rows, "summary"),
        organisation=_best(rows, "organisation.name"),
        text=(source.text or "")[start:end][:TEXT_CHARS],
        case_id=next((r.case_id for r in rows if r.case_id), None),
    )


# --- finding and scoring candidates -------------------------------------------------------


def _searched(user, profile: Profile) -> list[int]:
    from proeftuin.search.service import prior_cases

    text = f"{profile.title}\n{profile.summary or profile.text[:1500]}"
    found = prior_cases(user=user, text=text, limit=SEARCHED, mode="keyword")
    return [hit.case_id for hit in found]


def _of_organisation(user, name: str) -> list[int]:
    organisation = Organisation.objects.filter(name__iexact=name.strip()).first() if name else None
    if organisation is None:
        return []
    cases = cases_of_organisation(user=user, organisation=organisation)
    return list(cases.values_list("id", flat=True)[:SAME_ORGANISATION])


def _score(case: Case, profile: Profile) -> Candidate:
    names = [link.organisation.name for link in case.case_organisations.all()]
    names += [p.name for p in case.partners.all()]
    same = names_match(profile.organisation, names)
    title, shared = overlap(profile.title, case.title)
    summary = overlap(profile.summary, case.summary)[0] if profile.summary else 0.0
    in_text = coverage(case.summary, profile.text) if profile.text else 0.0
    matched_text = in_text > summary  # an extractive summary may leave out what the text says
    summary = max(summary, in_text)
    score = WEIGHTS["organisation"] * same + WEIGHTS["title"] * title + WEIGHTS["summary"] * summary
    candidate = Candidate(case, round(score, 2), same, round(title, 2), round(summary, 2))
    candidate.reasons = _reasons(candidate, profile, shared, matched_text)
    return candidate


def _reasons(
    candidate: Candidate, profile: Profile, shared: list[str], matched_text: bool
) -> list[str]:
    reasons = []
    if candidate.organisation:
        reasons.append(_("Same organisation: %(name)s") % {"name": profile.organisation})
    if candidate.title >= MIN_TEXT_SIMILARITY:
        reasons.append(
            _("Similar title (%(percent)d%%; shared words: %(words)s)")
            % {"percent": round(100 * candidate.title), "words": ", ".join(shared[:5])}
        )
    if candidate.summary >= MIN_TEXT_SIMILARITY:
        percent = {"percent": round(100 * candidate.summary)}
        if not matched_text:
            reasons.append(_("Similar summary (%(percent)d%%)") % percent)
        else:
            reasons.append(
                _("The case's summary matches the document's text (%(percent)d%%)") % percent
            )
    return reasons


def duplicate_candidates(*, user, source, segment: int, profile: Profile | None = None):
    """Cases ``user`` may see that may describe the same innovation as a document's case,
    best first (at most five)."""
    user = user or AnonymousUser()
    profile = profile or segment_profile(source, segment)
    if not (profile.title or profile.summary):
        return []
    ids = set(_searched(user, profile)) | set(_of_organisation(user, profile.organisation))
    ids.discard(profile.case_id)
    cases = (
        case_visible(user)
        .filter(id__in=ids)
        .prefetch_related("case_organisations__organisation", "partners")
    )
    scored = [_score(case, profile) for case in cases]
    shown = [
        c for c in scored if c.score >= SHOWN and max(c.title, c.summary) >= MIN_TEXT_SIMILARITY
    ]
    return sorted(shown, key=lambda c: (-c.score, c.case.title))[:5]


def strong_duplicates(*, user, source, segment: int) -> list[Candidate]:
    return [c for c in duplicate_candidates(user=user, source=source, segment=segment) if c.strong]


def source_duplicates(*, user, source) -> list[SegmentDuplicates]:
    """Per case in the document: its candidates, or the choice already made about them.
    Cases already made from the document are left out (they are the document's own)."""
    rows: dict[int, list[Suggestion]] = {}
    for row in source.suggestions.all():
        rows.setdefault(row.segment, []).append(row)
    choices = {c.segment: c for c in source.duplicate_choices.select_related("case")}
    spans = segment_spans(source)
    out = []
    for segment in sorted(rows):
        profile = segment_profile(source, segment, rows[segment], spans.get(segment))
        choice = choices.get(segment)
        if choice is not None or profile.case_id is None:
            found = (
                []
                if choice is not None
                else duplicate_candidates(
                    user=user, source=source, segment=segment, profile=profile
                )
            )
            if found or choice is not None:
                out.append(SegmentDuplicates(segment, profile.title, found, choice))
    return out
