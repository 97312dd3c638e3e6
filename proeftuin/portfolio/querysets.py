"""Initiative QuerySet. ``visible_to`` is the one place where initiative visibility is
decided: the shared editorial rule of ``proeftuin.core.editorial``, and beside it the team:
a team member sees the initiative while still a member of its lead or a partner
organisation (a partner's people work on it without a role in the lead)."""

from __future__ import annotations

from django.db.models import Q

from proeftuin.accounts.service import roles_by_organisation
from proeftuin.core.service import (
    EditorialStatus,
    VisibleQuerySet,
    content_generation,
    editorial_rule,
)

INITIATIVE_VISIBILITY = editorial_rule()


def team_q(user, model) -> Q | None:
    """Initiatives where ``user`` is on the team and still a member of the lead or a
    partner; ``None`` when there are none to add."""
    organisations = list(roles_by_organisation(user))
    if not organisations:
        return None
    rows = model.objects.filter(team__user=user).filter(
        Q(owner_id__in=organisations) | Q(partners__in=organisations)
    )
    return Q(pk__in=rows.values("pk"))


def _team_ids(user, model) -> list[int]:
    """The ids of :func:`team_q`, kept on the user object for the request (as its roles
    are, ``accounts.selectors``) while no initiative and none of their roles changes: a
    page with several caches asks for the signature more than once."""
    state = (content_generation("initiatives"), sorted(roles_by_organisation(user).items()))
    kept = getattr(user, "_proeftuin_team_ids", None)
    if kept is None or kept[0] != state:
        team = team_q(user, model)
        rows = model.objects.filter(team) if team is not None else model.objects.none()
        kept = (state, sorted(rows.values_list("pk", flat=True).distinct()))
        user._proeftuin_team_ids = kept
    return kept[1]


class InitiativeQuerySet(VisibleQuerySet):
    rule = INITIATIVE_VISIBILITY

    def visible_to(self, user) -> InitiativeQuerySet:
        condition = self.rule.q(user)
        if condition is None:
            return self
        team = team_q(user, self.model)
        return self.filter(condition if team is None else condition | team)

    def signature(self, user) -> str:
        """The rule's signature and the initiatives the team adds for ``user``."""
        signature = self.rule.signature(user)
        if signature == "all" or not getattr(user, "is_authenticated", False):
            return signature
        ids = _team_ids(user, self.model)
        return f"{signature}|team:{','.join(map(str, ids))}" if ids else signature

    def current(self) -> InitiativeQuerySet:
        """What lists and "Mijn werk" show: archived initiatives left out."""
        return self.exclude(status=EditorialStatus.ARCHIVED)
