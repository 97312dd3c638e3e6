"""Adoption QuerySet. ``visible_to`` is the one place where adoption visibility is decided.

An adoption belongs to its adopter (the owner in the shared ``VisibilityRule``) and has its
own ``visibility``:

- public: everyone who may see the innovation as the public does (the initiative or case
  published and public), so a public adoption never reveals an unpublished innovation;
- organisation: members of the adopter (any role) and members of the innovator (the lead
  organisation of the initiative or case adopted);
- private: editors of the adopter only (and platform administrators).

Viewers of the adopter also see its public adoptions of innovations not public to them
(it is their own organisation's work); the innovation's title then follows its own rule.
"""

from __future__ import annotations

from django.db.models import Q

from proeftuin.accounts.service import Role, is_platform_admin, organisation_ids_with_role
from proeftuin.core.service import (
    EditorialStatus,
    Grant,
    Visibility,
    VisibilityRule,
    VisibleQuerySet,
)

SHARED = Q(visibility__in=[Visibility.PUBLIC, Visibility.ORGANISATION])
INNOVATION_PUBLIC = Q(
    initiative__status=EditorialStatus.PUBLISHED, initiative__visibility=Visibility.PUBLIC
) | Q(
    case__status=EditorialStatus.PUBLISHED,
    case__visibility=Visibility.PUBLIC,
    case__deleted_at__isnull=True,
)

ADOPTION_VISIBILITY = VisibilityRule(
    public=Q(visibility=Visibility.PUBLIC) & INNOVATION_PUBLIC,
    grants=(Grant(Role.VIEWER, SHARED), Grant(Role.EDITOR)),
    owner_field="adopter",
)


def innovator_q(user) -> Q | None:
    """Shared adoptions of the innovations of organisations where ``user`` has a role."""
    organisations = organisation_ids_with_role(user, Role.VIEWER)
    if not organisations:
        return None
    return SHARED & (
        Q(initiative__owner_id__in=organisations) | Q(case__owner_id__in=organisations)
    )


class AdoptionQuerySet(VisibleQuerySet):
    rule = ADOPTION_VISIBILITY

    def visible_to(self, user) -> AdoptionQuerySet:
        if is_platform_admin(user):
            return self
        condition = self.rule.q(user)
        if getattr(user, "is_authenticated", False) and user.is_active:
            innovator = innovator_q(user)
            if innovator is not None:
                condition |= innovator
        return self.filter(condition)

    def signature(self, user) -> str:
        """The rule's signature and the organisations whose innovations' shared adoptions
        ``user`` sees as a member of the innovator."""
        signature = self.rule.signature(user)
        if signature == "all" or not getattr(user, "is_authenticated", False):
            return signature
        innovators = sorted(organisation_ids_with_role(user, Role.VIEWER))
        return f"{signature}|innovator:{','.join(map(str, innovators))}"

    def taken_up(self) -> AdoptionQuerySet:
        """Adoptions in use at the adopter (adopted, or adopted with adaptations)."""
        from proeftuin.diffusion.choices import TAKEN_UP

        return self.filter(status__in=TAKEN_UP)
