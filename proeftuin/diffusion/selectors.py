"""Reads of adoptions. Every read starts from ``Adoption.objects.visible_to(user)``."""

from __future__ import annotations

from collections import Counter

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from proeftuin.accounts.service import Role, is_platform_admin, organisation_ids_with_role
from proeftuin.cases.service import case_visible
from proeftuin.diffusion.choices import TAKEN_UP
from proeftuin.diffusion.innovations import innovation_q
from proeftuin.diffusion.models import Adoption
from proeftuin.organisations.service import Organisation
from proeftuin.portfolio.service import Initiative, initiative_visible


def adoption_visible(user) -> QuerySet[Adoption]:
    return Adoption.objects.visible_to(user)


def adoption_list(user) -> QuerySet[Adoption]:
    """Visible adoptions with what a row shows, in a constant number of queries."""
    return adoption_visible(user).select_related("adopter", "initiative", "case", "source__adopter")


def adoption_detail(*, user, uuid) -> Adoption:
    """One visible adoption; raises ``Adoption.DoesNotExist``."""
    return (
        adoption_list(user)
        .select_related("adopter_initiative", "created_by")
        .prefetch_related("steps__actor", "measures", "passed_on__adopter")
        .get(uuid=uuid)
    )


def adoptions_of(innovation, *, user) -> QuerySet[Adoption]:
    """The visible adoptions of ``innovation`` (an Initiative or a Case, with its twin:
    see ``proeftuin.diffusion.innovations``)."""
    return adoption_list(user).filter(innovation_q(innovation))


def adoptions_by(organisation, *, user) -> QuerySet[Adoption]:
    """The visible adoptions by ``organisation``."""
    return adoption_list(user).filter(adopter=organisation)


def _canonical_rows(rows: QuerySet[Adoption]) -> QuerySet:
    """Adoption rows annotated with ``innovation_initiative`` (the initiative adopted, or
    the one the adopted case came from) and ``innovation_case``."""
    twin = Initiative.objects.filter(case_id=OuterRef("case_id")).values("pk")[:1]
    return rows.annotate(innovation_initiative=Coalesce("initiative_id", Subquery(twin)))


def adoption_counts(*, user, taken_up_only: bool = False) -> Counter:
    """Visible adoptions per innovation: ``{("initiative", pk) | ("case", pk): n}``, an
    initiative and the case it became counted as one (under the initiative)."""
    rows = adoption_visible(user).order_by()
    if taken_up_only:
        rows = rows.filter(status__in=TAKEN_UP)
    counted = (
        _canonical_rows(rows)
        .values("innovation_initiative", "case_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: Counter = Counter()
    for row in counted:
        if row["innovation_initiative"] is not None:
            counts[("initiative", row["innovation_initiative"])] += row["n"]
        else:
            counts[("case", row["case_id"])] += row["n"]
    return counts


def adoption_counts_by_adopter(*, user, taken_up_only: bool = False) -> Counter:
    """Visible adoptions per adopting organisation: ``{organisation pk: n}``."""
    rows = adoption_visible(user).order_by()
    if taken_up_only:
        rows = rows.filter(status__in=TAKEN_UP)
    counted = rows.values("adopter_id").annotate(n=Count("id")).order_by()
    return Counter({row["adopter_id"]: row["n"] for row in counted})


def adopter_choices(user) -> QuerySet[Organisation]:
    """Organisations for which ``user`` may record adoptions: where they are an editor
    (every organisation for platform administrators)."""
    if is_platform_admin(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=organisation_ids_with_role(user, Role.EDITOR))


def innovation_shown(adoption: Adoption, *, user):
    """The initiative or case adopted when ``user`` may see it, else ``None`` (the page
    then names it without a link or title)."""
    if adoption.initiative_id:
        return initiative_visible(user).filter(pk=adoption.initiative_id).first()
    return case_visible(user).filter(pk=adoption.case_id).first()


def source_shown(adoption: Adoption, *, user) -> Adoption | None:
    if not adoption.source_id:
        return None
    return adoption_list(user).filter(pk=adoption.source_id).first()


def adoptions_learned_from(adoption: Adoption, *, user) -> QuerySet[Adoption]:
    """The visible adoptions whose adopters learned the innovation from this adopter."""
    return adoption_list(user).filter(source=adoption).order_by("started_on", "pk")


def adoptions_of_organisation(organisation, *, user) -> QuerySet[Adoption]:
    """The visible adoptions of the innovations ``organisation`` leads (as innovator)."""
    from django.db.models import Q

    mine = Q(initiative__owner=organisation) | Q(case__owner=organisation)
    return adoption_list(user).filter(mine).order_by("-started_on", "-pk")


def mark_shown(rows, *, user) -> list[Adoption]:
    """``rows`` as a list, each with ``shown_innovation`` (the initiative or case when
    ``user`` may see it, else ``None``) and ``shown_source`` (the source adoption when
    visible, else ``None``), so a list never names what its reader may not see. Three
    queries whatever the number of rows."""
    rows = list(rows)
    initiatives = {r.initiative_id for r in rows if r.initiative_id}
    cases = {r.case_id for r in rows if r.case_id}
    sources = {r.source_id for r in rows if r.source_id}
    seen_initiatives = set(
        initiative_visible(user).filter(pk__in=initiatives).values_list("pk", flat=True)
    )
    seen_cases = set(case_visible(user).filter(pk__in=cases).values_list("pk", flat=True))
    seen_sources = set(adoption_visible(user).filter(pk__in=sources).values_list("pk", flat=True))
    for row in rows:
        shown = row.initiative_id in seen_initiatives or row.case_id in seen_cases
        row.shown_innovation = row.innovation if shown else None
        row.shown_source = row.source if row.source_id in seen_sources else None
    return rows


# the innovation kinds as addresses name them, with their visible records
INNOVATION_KINDS = {"initiatief": initiative_visible, "casus": case_visible}


def innovation_at(kind: str, slug: str, *, user):
    """The visible initiative (``initiatief``) or case (``casus``) with ``slug``, or None."""
    rows = INNOVATION_KINDS.get(kind)
    return rows(user).select_related("owner").filter(slug=slug).first() if rows else None
