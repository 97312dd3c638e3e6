""" "Wat past bij ons?": the proven innovations most relevant to one organisation.

Proven: taken up elsewhere (adopted, or adopted with adaptations), or a case with measured
outcomes. Every innovation is one the viewer may see; an initiative and the case it became
are one (under the initiative when the viewer may see it). A fixed number of queries.
"""

from __future__ import annotations

from collections import defaultdict

from django.urls import reverse

from proeftuin.cases.service import case_visible
from proeftuin.diffusion.matching import (
    LIMIT,
    _case_barriers,
    _taken_up,
    organisation_profiles,
    subject_profile,
)
from proeftuin.diffusion.matching_criteria import InnovationProfile, Match, rank_innovations
from proeftuin.diffusion.selectors import _canonical_rows, adoption_visible
from proeftuin.portfolio.service import Initiative, initiative_visible

RECORD_FIELDS = ("pk", "uuid", "slug", "title", "owner_id")


def _proven_rows(user):
    """(initiative pk or None, case pk or None, adopter pk) per visible taken-up adoption,
    and the visible cases with outcomes as rows without an adopter."""
    rows = _canonical_rows(_taken_up(user).order_by())
    adopted = list(rows.values_list("innovation_initiative", "case_id", "adopter_id"))
    with_outcomes = case_visible(user).filter(outcomes__isnull=False).order_by().distinct()
    cases = list(with_outcomes.values_list("pk", flat=True))
    twins = dict(Initiative.objects.filter(case_id__in=cases).values_list("case_id", "pk"))
    return adopted + [(twins.get(c), c, None) for c in cases]


class _Records:
    """Titles, owners and addresses of the visible initiatives and cases named by rows."""

    def __init__(self, user, rows):
        initiatives = {r[0] for r in rows if r[0]}
        cases = {r[1] for r in rows if r[1]}
        visible = initiative_visible(user).filter(pk__in=initiatives).order_by()
        self.initiatives = {r[0]: r for r in visible.values_list(*RECORD_FIELDS, "case_id")}
        cases |= {r[5] for r in self.initiatives.values() if r[5]}
        shown = case_visible(user).filter(pk__in=cases).order_by()
        self.cases = {r[0]: r for r in shown.values_list(*RECORD_FIELDS)}

    def key(self, initiative, case):
        if initiative in self.initiatives:
            return ("initiative", initiative)
        if case in self.cases:
            return ("case", case)
        return None


def _themes_and_chains(initiative_pks):
    themes, chains = defaultdict(dict), defaultdict(set)
    through = Initiative.themes.through.objects.filter(initiative_id__in=initiative_pks)
    for initiative, theme, name in through.values_list("initiative_id", "theme_id", "theme__name"):
        themes[initiative][theme] = name
    partners = Initiative.partners.through.objects.filter(initiative_id__in=initiative_pks)
    for initiative, org in partners.values_list("initiative_id", "organisation_id"):
        chains[initiative].add(org)
    return themes, chains


def proven_innovations(user, profiles: dict, *, skip=()) -> list[InnovationProfile]:
    """The visible proven innovations, but those named in ``skip`` ((initiative pk, case
    pk) pairs as in ``_canonical_rows``)."""
    rows = _proven_rows(user)
    records = _Records(user, [*rows, *skip])
    skipped = {records.key(initiative, case) for initiative, case in skip}
    adopters = defaultdict(set)
    for initiative, case, adopter in rows:
        key = records.key(initiative, case)
        if key is not None and key not in skipped:
            adopters[key].update({adopter} - {None})
    pks = list(records.initiatives)
    themes, chains = _themes_and_chains(pks)
    case_ids = list(records.cases) + [r[5] for r in records.initiatives.values() if r[5]]
    barriers = _case_barriers(case_ids)
    found = []
    for (kind, pk), orgs in adopters.items():
        record = (records.initiatives if kind == "initiative" else records.cases)[pk]
        case_id = record[5] if kind == "initiative" else pk
        url = reverse(
            "portfolio:detail" if kind == "initiative" else "cases:detail", args=[record[2]]
        )
        found.append(
            InnovationProfile(
                key=f"{kind}:{record[1]}",
                title=record[3],
                innovator=profiles[record[4]],
                adopters=[profiles[o] for o in orgs if o in profiles],
                excluded=frozenset({record[4], *orgs}),
                themes=themes.get(pk, {}) if kind == "initiative" else {},
                barriers=frozenset(barriers.get(case_id, ())),
                chain=frozenset(chains.get(pk, ())) if kind == "initiative" else frozenset(),
                proven=True,
                url=url,
            )
        )
    return found


def innovation_matches(organisation, *, user, limit: int = LIMIT) -> list[Match]:
    """The proven innovations ``organisation`` would most likely benefit from, best first,
    with reasons; its own innovations and those it has an adoption of left out.
    ``Match.subject`` is an ``InnovationProfile`` (with ``url``)."""
    profiles = organisation_profiles()
    org = subject_profile(organisation, user)
    mine = adoption_visible(user).filter(adopter=organisation).order_by()
    had = list(_canonical_rows(mine).values_list("innovation_initiative", "case_id"))
    innovations = proven_innovations(user, profiles, skip=had)
    return rank_innovations(org, innovations, limit=limit)
