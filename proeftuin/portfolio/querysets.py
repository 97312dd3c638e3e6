"""Initiative QuerySet. ``visible_to`` is the one place where initiative visibility is
decided: the shared editorial rule of ``proeftuin.core.editorial``, and beside it the team:
a team member sees the initiative while still a member of its lead or a partner
organisation (a partner's people work on it without a role in the lead)."""

from __future__ import annotations

from django.db.models import Q

from proeftuin.accounts.service import roles_by_organisation
from proeftuin.core.service import EditorialStatus, VisibleQuerySet, editorial_rule

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
        team = team_q(user, self.model)
        if team is None:
            return signature
        ids = sorted(self.model.objects.filter(team).values_list("pk", flat=True).distinct())
        return f"{signature}|team:{','.join(map(str, ids))}" if ids else signature

    def current(self) -> InitiativeQuerySet:
        """What lists and "Mijn werk" show: archived initiatives left out."""
        return self.exclude(status=EditorialStatus.ARCHIVED)
