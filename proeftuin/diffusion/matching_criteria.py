"""Adopter matching, the pure part: profiles of organisations and innovations, and the
criteria that score how likely an organisation is to benefit from an innovation, each with
its reason in Dutch.

No database here: ``proeftuin.diffusion.matching`` builds the profiles from what the viewer
may see, and ``eval/adoption_matching.py`` builds them from a generated adoption history,
so the evaluation measures exactly the ranking the pages and the API show.

The profile criteria of the organisation registry (``organisations.similarity.criteria``:
type, layer, size, domains, province) compare the candidate with the innovator; the
criteria here add what the adoption history and the work of each organisation tell.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from proeftuin.cases.service import BarrierCategory
from proeftuin.core.service import Registry
from proeftuin.organisations.service import (
    PROVINCE_TOPOJSON,
    GovernmentLayer,
    OrganisationType,
    Province,
    SizeBand,
)
from proeftuin.organisations.service import similarity_criteria as profile_criteria


class _Names:
    """``organisation.domains.all()`` for a profile (what the registry's criteria call)."""

    def __init__(self, names: Iterable[str]):
        self._items = [_Named(n) for n in sorted(set(names))]

    def all(self):
        return self._items


@dataclass(frozen=True)
class _Named:
    name: str


@dataclass
class OrgProfile:
    """What matching knows of one organisation (read like an ``Organisation``)."""

    pk: int
    name: str
    organisation_type: str
    government_layer: str = ""
    size_band: str = ""
    province: str = ""
    domain_names: frozenset = frozenset()
    # theme id: the title of one of its own visible initiatives about that theme
    problems: dict = field(default_factory=dict)
    barriers: frozenset = frozenset()  # barrier categories met in its own visible cases
    chain: frozenset = frozenset()  # organisations it works with as chain partners
    # (innovator pk, title) of innovations it took up; and its number of adoptions
    taken_from: list = field(default_factory=list)
    adoptions: int = 0
    slug: str = ""

    @property
    def domains(self) -> _Names:
        return _Names(self.domain_names)

    def get_organisation_type_display(self) -> str:
        return _label(OrganisationType, self.organisation_type)

    def get_government_layer_display(self) -> str:
        return _label(GovernmentLayer, self.government_layer)

    def get_size_band_display(self) -> str:
        return _label(SizeBand, self.size_band)

    def get_province_display(self) -> str:
        return _label(Province, self.province)


def _label(choices, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


@dataclass
class InnovationProfile:
    """One innovation (an initiative and the case it became count as one)."""

    key: str
    title: str
    innovator: OrgProfile
    adopters: list = field(default_factory=list)  # OrgProfiles not abandoned
    excluded: frozenset = frozenset()  # pks: innovator(s) and every adopter on record
    themes: dict = field(default_factory=dict)  # theme id: name
    barriers: frozenset = frozenset()
    chain: frozenset = frozenset()  # its chain partners (and the innovator's usual ones)
    proven: bool = False
    url: str = ""
    memo: dict = field(default_factory=dict, repr=False)  # per-innovation work, kept

    def remember(self, key, compute):
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]


@dataclass
class Match:
    subject: object  # the OrgProfile (adopter matches) or InnovationProfile (for an org)
    score: float
    reasons: list[str]


Criterion = Callable[[InnovationProfile, OrgProfile], tuple[float, str | None]]
criteria: Registry[Criterion] = Registry("adopter matching criteria")

# the weights (tuned on seed 1 of eval/adoption_matching.py, see docs/diffusion-matching.md)
PROFILE_WEIGHT = 1.0
ADOPTER_LIKENESS = 4.0
PROBLEM_PER_THEME, PROBLEM_MAX = 2.0, 3
BARRIER_PER_CATEGORY, BARRIER_MAX = 1.5, 2
NEIGHBOUR = 1.0
CHAIN = 2.5
FROM_INNOVATOR = 2.0
PROPENSITY_PER_ADOPTION, PROPENSITY_MAX = 0.3, 5


@criteria.register("profile")
def profile(innovation: InnovationProfile, org: OrgProfile):
    """The organisation registry's criteria against the innovator (once per profile)."""
    key = (org.organisation_type, org.government_layer, org.size_band, org.province)
    key += (org.domain_names,)
    return innovation.remember(key, lambda: _profile(innovation, org))


def _profile(innovation: InnovationProfile, org: OrgProfile):
    total, reasons = 0.0, []
    for criterion in profile_criteria:
        score, reason = criterion(innovation.innovator, org)
        total += score
        if reason:
            reasons.append(reason)
    if not reasons:
        return 0.0, None
    text = _("like the innovator %(name)s: %(reasons)s") % {
        "name": innovation.innovator.name,
        "reasons": ", ".join(reasons),
    }
    return PROFILE_WEIGHT * total, text


@criteria.register("adopters")
def like_the_adopters(innovation: InnovationProfile, org: OrgProfile):
    """Share of the adopters so far with the same type and size band."""
    adopters = innovation.adopters
    if not adopters:
        return 0.0, None
    by_profile, by_type = innovation.remember("adopters", lambda: _adopter_counts(adopters))
    same = by_profile[org.organisation_type, org.size_band]
    same_type = by_type[org.organisation_type]
    score = ADOPTER_LIKENESS * (same + 0.5 * (same_type - same)) / len(adopters)
    if same_type * 2 < len(adopters):
        return score, None
    return (
        score,
        lambda: (
            _("like those who took it up: %(n)d of %(total)d are also a %(type)s")
            % {
                "n": same_type,
                "total": len(adopters),
                "type": org.get_organisation_type_display(),
            }
        ),
    )


def _adopter_counts(adopters) -> tuple[Counter, Counter]:
    by_profile = Counter((a.organisation_type, a.size_band) for a in adopters)
    return by_profile, Counter(a.organisation_type for a in adopters)


@criteria.register("problem")
def same_problem(innovation: InnovationProfile, org: OrgProfile):
    shared = [t for t in innovation.themes if t in org.problems]
    if not shared:
        return 0.0, None
    titles = sorted({org.problems[t] for t in shared})
    return PROBLEM_PER_THEME * min(
        len(shared), PROBLEM_MAX
    ), lambda: _("works on the same problem: %s") % "; ".join(titles[:2])


@criteria.register("barriers")
def same_barriers(innovation: InnovationProfile, org: OrgProfile):
    shared = sorted(innovation.barriers & org.barriers)
    if not shared:
        return 0.0, None
    return (
        BARRIER_PER_CATEGORY * min(len(shared), BARRIER_MAX),
        lambda: (
            _("runs into the same barrier (%s)")
            % ", ".join(_label(BarrierCategory, c) for c in shared)
        ),
    )


@criteria.register("nearby")
def nearby(innovation: InnovationProfile, org: OrgProfile):
    """In a province next to the innovator's or an adopter's (the same province is one of
    the registry's criteria)."""
    if not org.province or org.province == innovation.innovator.province:
        return 0.0, None
    provinces = innovation.remember("provinces", lambda: _provinces(innovation))
    if org.province in provinces:
        return (
            NEIGHBOUR,
            lambda: (
                _("lies in a province where it is already used (%s)") % (org.get_province_display())
            ),
        )
    if neighbouring_provinces().get(org.province, frozenset()) & provinces:
        return (
            NEIGHBOUR / 2,
            lambda: _("lies in a neighbouring province (%s)") % (org.get_province_display()),
        )
    return 0.0, None


def _provinces(innovation: InnovationProfile) -> set:
    return {innovation.innovator.province} | {a.province for a in innovation.adopters}


@criteria.register("chain")
def same_chain(innovation: InnovationProfile, org: OrgProfile):
    if org.pk in innovation.chain or innovation.innovator.pk in org.chain:
        return CHAIN, lambda: _("is in the same chain as %s") % innovation.innovator.name
    return 0.0, None


@criteria.register("history")
def adoption_history(innovation: InnovationProfile, org: OrgProfile):
    """Took up something of the same innovator before; or takes up innovations at all."""
    earlier = sorted(
        title for innovator, title in org.taken_from if innovator == innovation.innovator.pk
    )
    score = PROPENSITY_PER_ADOPTION * min(org.adoptions, PROPENSITY_MAX)
    if earlier:
        return (
            score + FROM_INNOVATOR,
            lambda: (
                _("has already taken up %(title)s from %(name)s")
                % {
                    "title": earlier[0],
                    "name": innovation.innovator.name,
                }
            ),
        )
    if org.adoptions:
        return (
            score,
            lambda: (
                ngettext(
                    "has taken up %d innovation before",
                    "has taken up %d innovations before",
                    org.adoptions,
                )
                % org.adoptions
            ),
        )
    return 0.0, None


def score(innovation: InnovationProfile, org: OrgProfile) -> Match:
    """The total and the reasons; a criterion may give its reason as a function, called
    only by ``explain`` (for the few matches shown, not for every candidate)."""
    total, reasons = 0.0, []
    for criterion in criteria:
        points, reason = criterion(innovation, org)
        total += points
        if reason:
            reasons.append(reason)
    return Match(org, round(total, 2), reasons)


def explain(match: Match) -> Match:
    match.reasons = [r() if callable(r) else r for r in match.reasons]
    return match


def rank_adopters(
    innovation: InnovationProfile, candidates: Iterable[OrgProfile], *, limit: int
) -> list[Match]:
    """The candidates most likely to benefit, best first (ties by name); the innovator and
    every organisation with an adoption of it on record left out."""
    matches = [score(innovation, org) for org in candidates if org.pk not in innovation.excluded]
    matches = [m for m in matches if m.score > 0]
    matches.sort(key=lambda m: (-m.score, m.subject.name))
    return [explain(m) for m in matches[:limit]]


def rank_innovations(
    org: OrgProfile, innovations: Iterable[InnovationProfile], *, limit: int
) -> list[Match]:
    """The innovations ``org`` would most likely benefit from (its own and those it
    already adopted left out), best first, ties by title."""
    matches = []
    for innovation in innovations:
        if org.pk in innovation.excluded:
            continue
        found = score(innovation, org)
        if found.score > 0:
            matches.append(Match(innovation, found.score, found.reasons))
    matches.sort(key=lambda m: (-m.score, m.subject.title))
    return [explain(m) for m in matches[:limit]]


@cache
def neighbouring_provinces() -> dict[str, frozenset]:
    """Provinces sharing a boundary (an arc of the CBS topology), by CBS code."""
    topology = json.loads(PROVINCE_TOPOJSON.read_text(encoding="utf-8"))
    geometries = next(iter(topology["objects"].values()))["geometries"]
    arcs = {}
    for geometry in geometries:
        polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
        used = {a if a >= 0 else ~a for polygon in polygons for ring in polygon for a in ring}
        arcs[geometry["properties"]["statcode"]] = used
    return {
        code: frozenset(other for other, theirs in arcs.items() if other != code and mine & theirs)
        for code, mine in arcs.items()
    }
