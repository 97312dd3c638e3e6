"""Reads from the organisation registry."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from proeftuin.organisations.models import Domain, Organisation, Programme
from proeftuin.organisations.similarity import SimilarOrganisation, rank_similar


def organisation_queryset() -> QuerySet[Organisation]:
    return Organisation.objects.prefetch_related("domains")


def organisation_get(*, uuid=None, slug=None) -> Organisation:
    lookup = {"uuid": uuid} if uuid is not None else {"slug": slug}
    return organisation_queryset().get(**lookup)


def organisation_similar(org: Organisation, *, limit: int = 8) -> list[SimilarOrganisation]:
    """Organisations like ``org``, best first, each with the reasons it is alike."""
    candidates = list(organisation_queryset().exclude(pk=org.pk))
    return rank_similar(org, candidates, limit=limit)


def organisation_ids_sharing_review_decisions() -> list[int]:
    """Organisations whose review decisions may teach the reading of others' documents."""
    return list(
        Organisation.objects.filter(share_review_decisions=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def organisation_counts_by_province() -> dict[str, int]:
    rows = (
        Organisation.objects.exclude(province="")
        .values("province")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["province"]: row["n"] for row in rows}


def domain_list() -> QuerySet[Domain]:
    return Domain.objects.all()


def programmes_visible(*, user) -> QuerySet[Programme]:
    return Programme.objects.visible_to(user)


def programme_visible(*, user, slug: str) -> Programme:
    """The programme ``slug`` if ``user`` may see it (``Programme.DoesNotExist`` otherwise)."""
    return Programme.objects.visible_to(user).get(slug=slug)


def programmes_managed(user) -> QuerySet[Programme]:
    """The programmes ``user`` (active) manages; none for anyone else."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Programme.objects.none()
    return Programme.objects.filter(managers=user)
