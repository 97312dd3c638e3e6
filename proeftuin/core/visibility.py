"""One visibility predicate shared by every model that belongs to an organisation.

A model declares a ``VisibilityRule``: what anyone may see (``public``) and what a current
role in the owning organisation adds (``grants``). ``VisibleQuerySet.visible_to(user)`` is
then the one read path for lists, pages, counts, facets, exports and the API.

Authorship grants nothing by itself: a grant may be narrowed to the records a user made
(``authored``), but it still needs the user's current role in the owner. A user without a
current role (no membership, membership removed, account deactivated) sees only ``public``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models
from django.db.models import Q

NOTHING = Q(pk__in=[])


@dataclass(frozen=True)
class Grant:
    """What a ``role`` (or higher) in the owning organisation adds: records of that owner
    meeting ``condition``; with ``authored``, only those the user made."""

    role: int
    condition: Q = field(default_factory=Q)
    authored: bool = False


@dataclass(frozen=True)
class VisibilityRule:
    public: Q = NOTHING
    grants: tuple[Grant, ...] = ()
    owner_field: str = "owner"
    author_field: str = "created_by"

    def q(self, user) -> Q | None:
        """The condition a record must meet to be seen by ``user``; ``None``: everything."""
        from proeftuin.accounts.service import is_platform_admin, organisation_ids_with_role

        if is_platform_admin(user):
            return None
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.public
        condition = self.public
        opened = [(g, set(organisation_ids_with_role(user, g.role))) for g in self.grants]
        # owners whose every record a grant opens: other grants add nothing there, and
        # leaving them out keeps the condition short (it is built for every read)
        whole = set().union(*(owners for grant, owners in opened if _unconditional(grant)))
        for grant, owners in opened:
            if not _unconditional(grant):
                owners -= whole
            if not owners:
                continue
            owners = sorted(owners)
            granted = Q(**{f"{self.owner_field}_id__in": owners}) & grant.condition
            if grant.authored:
                granted &= Q(**{self.author_field: user})
            condition |= granted
        return condition

    def signature(self, user) -> str:
        """A short text that is the same for two users exactly when ``q`` gives them the
        same records: for caches of what a viewer sees (``core.fragments.viewer_cached``).
        It names the organisations each grant opens, and the user only where a grant is
        narrowed to what they made."""
        from proeftuin.accounts.service import is_platform_admin, organisation_ids_with_role

        if is_platform_admin(user):
            return "all"
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return "public"
        parts = []
        for index, grant in enumerate(self.grants):
            owners = sorted(organisation_ids_with_role(user, grant.role))
            if owners:
                author = f"@{user.pk}" if grant.authored else ""
                parts.append(f"{index}:{','.join(map(str, owners))}{author}")
        return ";".join(parts) or "public"


def _unconditional(grant: Grant) -> bool:
    return not grant.authored and not grant.condition


class VisibleQuerySet(models.QuerySet):
    """A QuerySet with ``rule = VisibilityRule(...)`` for its model."""

    rule: VisibilityRule = VisibilityRule()

    def visible_to(self, user):
        condition = self.rule.q(user)
        return self if condition is None else self.filter(condition)

    def signature(self, user) -> str:
        """Same for two users exactly when ``visible_to`` gives them the same records: the
        rule's signature; a QuerySet whose ``visible_to`` adds more than its rule (a team,
        the innovator) adds what decides that too."""
        return self.rule.signature(user)
