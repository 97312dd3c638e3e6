"""Patent QuerySet. ``visible_to`` is the one place where a patent's visibility is decided.

A patent is read by whoever may see its programme (everyone for a public programme; the
members of its member organisations, its managers and platform administrators for the
others), by the innovator organisation and by each adopting organisation it names (in an
introduction meeting or a claim), while the reader holds a current role there. What a
reader sees of a patent (its meetings, claims and amounts) follows the patent: payments
of a public programme are public money."""

from __future__ import annotations

from django.db import models
from django.db.models import Q


def active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


class PatentQuerySet(models.QuerySet):
    def visible_to(self, user) -> PatentQuerySet:
        from proeftuin.accounts.service import Role, is_platform_admin, organisation_ids_with_role
        from proeftuin.organisations.service import Programme
        from proeftuin.patents.models import IntroductionMeeting, PatentClaim

        if is_platform_admin(user):
            return self
        condition = Q(programme__in=Programme.objects.visible_to(user).values("pk"))
        organisations = organisation_ids_with_role(user, Role.VIEWER) if active(user) else []
        if organisations:
            claims = PatentClaim.objects.filter(adopter_id__in=organisations)
            meetings = IntroductionMeeting.objects.filter(adopters__in=organisations)
            condition |= (
                Q(innovator_id__in=organisations)
                | Q(pk__in=claims.values("patent_id"))
                | Q(pk__in=meetings.values("patent_id"))
            )
        return self.filter(condition)
