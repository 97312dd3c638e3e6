"""Case QuerySet. ``visible_to`` is the one place where case visibility is decided:
every list, page, count, facet, export and API response starts from it."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from proeftuin.accounts.service import Role, is_platform_admin, organisation_ids_with_role
from proeftuin.cases.choices import EditorialStatus, Visibility

PUBLISHED_PUBLIC = Q(status=EditorialStatus.PUBLISHED, visibility=Visibility.PUBLIC)


def visibility_q(user) -> Q | None:
    """The condition a case must meet to be seen by ``user``; ``None`` means everything."""
    if is_platform_admin(user):
        return None
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return PUBLISHED_PUBLIC
    shared = [Visibility.PUBLIC, Visibility.ORGANISATION]
    return (
        PUBLISHED_PUBLIC
        | Q(
            owner_id__in=organisation_ids_with_role(user, Role.VIEWER),
            status=EditorialStatus.PUBLISHED,
            visibility__in=shared,
        )
        | Q(owner_id__in=organisation_ids_with_role(user, Role.CONTRIBUTOR), visibility__in=shared)
        | Q(owner_id__in=organisation_ids_with_role(user, Role.EDITOR))
        | Q(created_by=user)
    )


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user) -> CaseQuerySet:
        condition = visibility_q(user)
        return self if condition is None else self.filter(condition)

    def published_public(self) -> CaseQuerySet:
        return self.filter(PUBLISHED_PUBLIC)
