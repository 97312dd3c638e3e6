"""Case QuerySet. ``visible_to`` is the one place where case visibility is decided:
every list, page, count, facet, export and API response starts from it. The predicate
itself is the shared editorial rule of ``proeftuin.core.editorial``."""

from __future__ import annotations

from django.db.models import Q

from proeftuin.core.service import (
    PUBLISHED_PUBLIC,
    EditorialStatus,
    VisibleQuerySet,
    editorial_rule,
)

CASE_VISIBILITY = editorial_rule()


def visibility_q(user) -> Q | None:
    """The condition a case must meet to be seen by ``user``; ``None`` means everything."""
    return CASE_VISIBILITY.q(user)


class CaseQuerySet(VisibleQuerySet):
    rule = CASE_VISIBILITY

    def visible_to(self, user) -> CaseQuerySet:
        """A deleted case (soft-deleted with its source document) is seen by no one."""
        return super().visible_to(user).filter(deleted_at__isnull=True)

    def in_library(self) -> CaseQuerySet:
        """What the library, its counts and search show: archived cases left out."""
        return self.exclude(status=EditorialStatus.ARCHIVED)

    def published_public(self) -> CaseQuerySet:
        return self.filter(PUBLISHED_PUBLIC)
