"""Who sees an edition and a nomination: decided here only.

An edition is seen by whoever may see its competition's programme once it is published; by
its organisers (the programme's managers) and platform administrators always.

A nomination is seen
- by everyone who sees its edition, once the nominee consented and it was not withdrawn or
  refused (its name, category and stage; never its submission or scores);
- by the members of the nominee organisation (a current role; its contacts are members);
- by whoever nominated it (what they nominated, consent or not);
- by the organisers and platform administrators.
Scorecards (``ScorecardQuerySet``): nobody sees scores but the panel and the organisers.
A judge sees their own; the other judges' submitted cards of the same panel, nomination and
step only once their own is submitted; the chair all submitted cards of the panel; never a
card on a nomination the viewer is conflicted on or recused from; the organisers all
submitted cards."""

from __future__ import annotations

from django.db import models
from django.db.models import Exists, OuterRef, Q

NOTHING = Q(pk__in=[])


def active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def _programmes_visible(user):
    from proeftuin.organisations.service import programmes_visible

    return programmes_visible(user=user).values("pk")


class EditionQuerySet(models.QuerySet):
    def visible_to(self, user) -> EditionQuerySet:
        from proeftuin.accounts.service import is_platform_admin

        if is_platform_admin(user):
            return self
        condition = Q(published=True, competition__programme__in=_programmes_visible(user))
        if active(user):
            condition |= Q(competition__programme__managers=user)
        return self.filter(pk__in=self.model.objects.filter(condition).values("pk"))


def nomination_condition(user, model) -> Q | None:
    """The condition a nomination meets when ``user`` may see it; ``None``: all. The few
    editions it depends on are fetched first, so the condition joins nothing but the
    nomination's edition and stage: no subquery, no duplicate rows."""
    from proeftuin.accounts.service import is_platform_admin, roles_by_organisation
    from proeftuin.awards.choices import Consent
    from proeftuin.awards.models import Edition

    if is_platform_admin(user):
        return None
    editions = list(Edition.objects.visible_to(user).values_list("pk", flat=True))
    public = Q(edition_id__in=editions, consent=Consent.GIVEN, edition__published=True) & ~Q(
        stage__key="withdrawn"
    )
    if not active(user):
        return public
    organised = Edition.objects.filter(competition__programme__managers=user)
    condition = public | Q(edition_id__in=list(organised.values_list("pk", flat=True)))
    condition |= Q(nominated_by=user)
    organisations = list(roles_by_organisation(user))
    if organisations:  # the contacts are members of the nominee too (checked when added)
        condition |= Q(owner_id__in=organisations)
    return condition


class NominationQuerySet(models.QuerySet):
    def visible_to(self, user) -> NominationQuerySet:
        condition = nomination_condition(user, self.model)
        return self if condition is None else self.filter(condition)


class ScorecardQuerySet(models.QuerySet):
    def visible_to(self, user) -> ScorecardQuerySet:
        """One flat condition (the organised editions and the viewer's conflicts fetched
        first, the rest correlated to the card): the database checks it only on the cards
        the rest of the query selects."""
        from proeftuin.accounts.service import is_platform_admin
        from proeftuin.awards.models import Edition, Recusal
        from proeftuin.funding.service import conflicted_organisation_ids

        if is_platform_admin(user):
            return self
        if not active(user):
            return self.none()
        submitted = Q(submitted_at__isnull=False)
        editions = Edition.objects.filter(competition__programme__managers=user)
        organised = submitted & Q(panel__edition_id__in=list(editions.values_list("pk", flat=True)))
        own = self.model.objects.filter(
            judge=user,
            submitted_at__isnull=False,
            panel=OuterRef("panel"),
            nomination=OuterRef("nomination"),
            step=OuterRef("step"),
        )
        recused = Recusal.objects.filter(judge=user, nomination=OuterRef("nomination"))
        blocked = Q(nomination__owner_id__in=conflicted_organisation_ids(user)) | Exists(recused)
        judged = submitted & (Exists(own) | Q(panel__chair=user)) & ~blocked
        return self.filter(Q(judge=user) | organised | judged)
