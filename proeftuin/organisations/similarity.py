"""Criteria that make two organisations alike, as plug-ins in a registry.

Each criterion returns a score and, when it applies, a reason shown to the user.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from proeftuin.core.service import Registry
from proeftuin.organisations.choices import SIZE_BAND_ORDER
from proeftuin.organisations.models import Organisation

Criterion = Callable[[Organisation, Organisation], tuple[float, str | None]]
criteria: Registry[Criterion] = Registry("organisation similarity criteria")


@dataclass
class SimilarOrganisation:
    organisation: Organisation
    score: float
    reasons: list[str] = field(default_factory=list)


@criteria.register("organisation_type")
def same_type(org: Organisation, other: Organisation):
    if org.organisation_type == other.organisation_type:
        return 3.0, _("same type (%s)") % other.get_organisation_type_display()
    return 0.0, None


@criteria.register("government_layer")
def same_layer(org: Organisation, other: Organisation):
    if org.government_layer == other.government_layer:
        return 2.0, _("same government layer (%s)") % other.get_government_layer_display()
    return 0.0, None


@criteria.register("size_band")
def similar_size(org: Organisation, other: Organisation):
    if not org.size_band or not other.size_band:
        return 0.0, None
    distance = abs(SIZE_BAND_ORDER.index(org.size_band) - SIZE_BAND_ORDER.index(other.size_band))
    if distance == 0:
        return 2.0, _("same size (%s)") % other.get_size_band_display()
    if distance == 1:
        return 1.0, _("comparable size (%s)") % other.get_size_band_display()
    return 0.0, None


@criteria.register("domains")
def shared_domains(org: Organisation, other: Organisation):
    shared = sorted({d.name for d in org.domains.all()} & {d.name for d in other.domains.all()})
    if not shared:
        return 0.0, None
    return min(len(shared), 3) * 1.5, _("shared domain: %s") % ", ".join(shared)


@criteria.register("region")
def same_region(org: Organisation, other: Organisation):
    if org.province and org.province == other.province:
        return 1.0, _("same province (%s)") % other.get_province_display()
    return 0.0, None


def rank_similar(
    org: Organisation, candidates: list[Organisation], *, limit: int
) -> list[SimilarOrganisation]:
    """Score every candidate on all criteria; best first, ties by name."""
    ranked = []
    for other in candidates:
        if other.pk == org.pk:
            continue
        total, reasons = 0.0, []
        for criterion in criteria:
            score, reason = criterion(org, other)
            total += score
            if reason:
                reasons.append(reason)
        if total > 0:
            ranked.append(SimilarOrganisation(other, total, reasons))
    ranked.sort(key=lambda s: (-s.score, s.organisation.name))
    return ranked[:limit]
