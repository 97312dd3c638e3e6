"""One innovation, two records: an initiative and the case it became.

An adoption names the initiative or the case the adopter started from. When a case came
from an initiative (``Initiative.case``), both are one innovation: ``innovation_q`` finds
the adoptions of either, ``innovator_ids`` names the lead organisations of both, and the
lineage and counts of the one are those of the other. The initiative is the canonical
record (``canonical``) where it exists, since the case was made from it."""

from __future__ import annotations

from django.db.models import Q

from proeftuin.cases.service import Case
from proeftuin.portfolio.service import Initiative


def initiative_of_case(case) -> Initiative | None:
    return Initiative.objects.filter(case=case).only("pk", "owner_id", "case_id").first()


def innovation_q(innovation) -> Q:
    """The adoptions of ``innovation`` (an Initiative or a Case) and of its twin."""
    if isinstance(innovation, Initiative):
        condition = Q(initiative_id=innovation.pk)
        if innovation.case_id:
            condition |= Q(case_id=innovation.case_id)
        return condition
    if isinstance(innovation, Case):
        return Q(case_id=innovation.pk) | Q(initiative__case_id=innovation.pk)
    raise TypeError(f"not an innovation: {innovation!r}")


def canonical(innovation):
    """The initiative of a case that came from one, else the record itself."""
    if isinstance(innovation, Case):
        return initiative_of_case(innovation) or innovation
    return innovation


def innovator_ids(innovation) -> set[int]:
    """The lead organisations of ``innovation`` and of its twin (usually one)."""
    owners = {innovation.owner_id}
    if isinstance(innovation, Initiative) and innovation.case_id:
        owners.add(Case.objects.filter(pk=innovation.case_id).values_list("owner_id", flat=True)[0])
    elif isinstance(innovation, Case):
        twin = initiative_of_case(innovation)
        if twin is not None:
            owners.add(twin.owner_id)
    return owners


def innovation_key(innovation) -> str:
    """A stable key of the innovation: ``initiative:<uuid>`` or ``case:<uuid>`` of the
    canonical record (for URLs and caches)."""
    record = canonical(innovation)
    kind = "initiative" if isinstance(record, Initiative) else "case"
    return f"{kind}:{record.uuid}"
