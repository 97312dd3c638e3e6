"""Adopter matching from the database: who else would benefit from an innovation, and
which proven innovations fit an organisation, each with its reasons.

Builds the profiles of ``matching_criteria`` from what the viewer may see (every read
through ``visible_to``: initiatives, cases and adoptions the viewer may not see add no
feature and no reason) in a fixed number of queries, however many adoptions, initiatives
or organisations there are; the scoring itself is in ``matching_criteria``.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Q

from proeftuin.cases.service import BarrierCategory, Case, case_visible
from proeftuin.diffusion.choices import TAKEN_UP, AdoptionStatus
from proeftuin.diffusion.innovations import canonical, innovation_q, innovator_ids
from proeftuin.diffusion.matching_criteria import (
    InnovationProfile,
    Match,
    OrgProfile,
    rank_adopters,
)
from proeftuin.diffusion.selectors import adoption_visible
from proeftuin.organisations.service import Organisation
from proeftuin.portfolio.service import Initiative, initiative_visible

LIMIT = 20
ORG_FIELDS = (
    "pk",
    "name",
    "organisation_type",
    "government_layer",
    "size_band",
    "province",
    "slug",
)


def organisation_profiles(pks=None) -> dict[int, OrgProfile]:
    """Profiles (type, layer, size, province, domains) of all organisations or of ``pks``;
    the organisation registry is public."""
    rows = Organisation.objects.order_by()
    if pks is not None:
        rows = rows.filter(pk__in=pks)
    profiles = {row["pk"]: OrgProfile(**row) for row in rows.values(*ORG_FIELDS)}
    domains = defaultdict(set)
    through = Organisation.domains.through.objects.filter(organisation_id__in=list(profiles))
    for org_id, name in through.values_list("organisation_id", "domain__name"):
        domains[org_id].add(name)
    for org_id, names in domains.items():
        profiles[org_id].domain_names = frozenset(names)
    return profiles


def _innovation_visible(user) -> Q:
    """Adoptions whose innovation the viewer may see (titles in reasons follow its rule)."""
    return Q(initiative__in=initiative_visible(user).values("pk")) | Q(
        case__in=case_visible(user).values("pk")
    )


def _taken_up(user):
    return adoption_visible(user).filter(status__in=TAKEN_UP).filter(_innovation_visible(user))


def _add_history(profiles: dict, user, innovators=None) -> None:
    """Each organisation's number of taken-up adoptions, and what it took up from whom
    (only from ``innovators`` when given)."""
    rows = _taken_up(user).order_by()
    if innovators is not None:
        rows = rows.filter(
            Q(initiative__owner_id__in=innovators) | Q(case__owner_id__in=innovators)
        )
    fields = ("adopter_id", "initiative__owner_id", "case__owner_id", "initiative__title")
    for adopter, owner, case_owner, title, case_title in rows.values_list(*fields, "case__title"):
        if adopter in profiles:
            profiles[adopter].taken_from.append((owner or case_owner, title or case_title))
    counts = adoption_visible(user).filter(status__in=TAKEN_UP).order_by()
    for adopter, n in _count_by(counts, "adopter_id"):
        if adopter in profiles:
            profiles[adopter].adoptions = n


def _count_by(rows, name: str):
    return rows.values_list(name).annotate(n=Count("pk")).order_by()


def _innovation_records(innovation):
    """(initiative or None, case or None) of one innovation."""
    record = canonical(innovation)
    if isinstance(record, Initiative):
        case = Case.objects.filter(pk=record.case_id).first() if record.case_id else None
        return record, case
    return None, record


def _themes(initiative) -> dict:
    if initiative is None:
        return {}
    return dict(initiative.themes.values_list("pk", "name"))


def _case_barriers(case_ids) -> dict[int, set]:
    found = defaultdict(set)
    rows = Case.objects.filter(pk__in=case_ids, barriers__isnull=False)
    for case_id, category in rows.values_list("pk", "barriers__category"):
        found[case_id].add(category)
    return found


def _chain_of(user, owners) -> set[int]:
    """Organisations that work with ``owners`` in a visible initiative: its partners, and
    the lead organisations of initiatives where an owner is a partner."""
    visible = initiative_visible(user)
    partners = visible.filter(owner_id__in=owners).values_list("partners", flat=True)
    leads = visible.filter(partners__in=owners).values_list("owner_id", flat=True)
    return ({p for p in partners if p} | set(leads)) - set(owners)


def innovation_profile(innovation, *, user, profiles: dict) -> InnovationProfile:
    """The profile of a visible innovation (an Initiative or a Case, with its twin)."""
    initiative, case = _innovation_records(innovation)
    owners = innovator_ids(innovation)
    record = initiative or case
    adoptions = adoption_visible(user).filter(innovation_q(innovation)).order_by()
    rows = list(adoptions.values_list("adopter_id", "status"))
    chain = _chain_of(user, owners)
    if case is not None:
        chain |= set(case.organisations.values_list("pk", flat=True))
    return InnovationProfile(
        key=f"{'initiative' if initiative else 'case'}:{record.uuid}",
        title=record.title,
        innovator=profiles[record.owner_id],
        adopters=[profiles[a] for a, status in rows if status != AdoptionStatus.ABANDONED],
        excluded=frozenset(owners | {a for a, _status in rows}),
        themes=_themes(initiative),
        barriers=frozenset(_case_barriers([case.pk]).get(case.pk, ())) if case else frozenset(),
        chain=frozenset(chain - owners),
    )


def _add_problems(profiles: dict, user, theme_ids) -> None:
    """Per organisation, its visible initiatives about any of ``theme_ids`` (by theme)."""
    if not theme_ids:
        return
    rows = initiative_visible(user).filter(themes__in=theme_ids).order_by("title")
    for owner, theme, title in rows.values_list("owner_id", "themes", "title"):
        if owner in profiles:
            profiles[owner].problems.setdefault(theme, title)


def _add_barriers(profiles: dict, user, categories) -> None:
    if not categories:
        return
    rows = case_visible(user).filter(barriers__category__in=categories).order_by()
    found = defaultdict(set)
    for owner, category in rows.values_list("owner_id", "barriers__category").distinct():
        found[owner].add(category)
    for owner, cats in found.items():
        if owner in profiles:
            profiles[owner].barriers = frozenset(cats)


def adopter_matches(innovation, *, user, limit: int = LIMIT) -> list[Match]:
    """The organisations most likely to benefit from ``innovation`` (visible to ``user``;
    the caller checks), best first, with reasons. ``Match.subject`` is an ``OrgProfile``."""
    profiles = organisation_profiles()
    target = innovation_profile(innovation, user=user, profiles=profiles)
    _add_problems(profiles, user, list(target.themes))
    _add_barriers(profiles, user, list(target.barriers))
    _add_history(profiles, user, innovators=[target.innovator.pk])
    return rank_adopters(target, profiles.values(), limit=limit)


def subject_profile(organisation, user) -> OrgProfile:
    """The profile of the organisation matched, with all its visible work."""
    profiles = organisation_profiles([organisation.pk])
    _add_problems_all(profiles, user, organisation.pk)
    _add_barriers(profiles, user, [c.value for c in BarrierCategory])
    _add_history(profiles, user)
    org = profiles[organisation.pk]
    org.chain = frozenset(_chain_of(user, [organisation.pk]))
    return org


def _add_problems_all(profiles: dict, user, owner: int) -> None:
    rows = initiative_visible(user).filter(owner_id=owner, themes__isnull=False).order_by("title")
    for theme, title in rows.values_list("themes", "title"):
        profiles[owner].problems.setdefault(theme, title)
