"""Application and review QuerySets. ``visible_to`` is the one place where it is decided who
reads an application or a review.

An application is read by
- its applicants (the one who started it and the co-applicants) while they hold a current
  role in the lead or a partner organisation: drafts are theirs alone;
- once submitted, by the fund's managers (the programme's managers) and screeners;
- once submitted, by a reviewer assigned to it who has not recused and has no conflict of
  interest with the lead or a partner (their own organisations and declared relations,
  checked at read time, so a conflict declared after the assignment hides it too);
- platform administrators.
A review is read by the programme's managers once submitted, by its own reviewer, and by
the other reviewers of the same application only after they submitted their own."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

NOTHING = Q(pk__in=[])


def active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def conflicted_organisation_ids(user) -> set[int]:
    """The organisations ``user`` may not judge: where they hold a current role, and the
    relations they declared."""
    from proeftuin.accounts.service import roles_by_organisation
    from proeftuin.funding.models import ConflictDeclaration

    if not active(user):
        return set()
    own = set(roles_by_organisation(user))
    declared = ConflictDeclaration.objects.filter(user=user).values_list(
        "organisation_id", flat=True
    )
    return own | set(declared)


def _conflicted_applications(model, organisations):
    from proeftuin.funding.models import ApplicationPartner

    partners = ApplicationPartner.objects.filter(organisation_id__in=organisations)
    return Q(owner_id__in=organisations) | Q(pk__in=partners.values("application_id"))


def managed_rounds(user):
    """The keys of the rounds of the programmes ``user`` manages (a subquery: a join over
    the managers would repeat rows)."""
    from proeftuin.funding.models import Round

    return Round.objects.filter(fund__programme__managers=user).values("pk")


def application_condition(user, model) -> Q | None:
    """The condition an application meets when ``user`` may read it; ``None``: all."""
    from proeftuin.accounts.service import is_platform_admin, roles_by_organisation
    from proeftuin.funding.models import ApplicationPartner, FundMember, ReviewAssignment

    if is_platform_admin(user):
        return None
    if not active(user):
        return NOTHING
    condition = NOTHING
    organisations = list(roles_by_organisation(user))
    if organisations:
        partners = ApplicationPartner.objects.filter(organisation_id__in=organisations)
        member = Q(owner_id__in=organisations) | Q(pk__in=partners.values("application_id"))
        mine = model.objects.filter(Q(created_by=user) | Q(team=user)).values("pk")
        condition |= Q(pk__in=mine) & member
    submitted = Q(submitted_at__isnull=False)
    funds = FundMember.objects.filter(user=user, role="screener").values("fund_id")
    condition |= submitted & (Q(round__in=managed_rounds(user)) | Q(round__fund__in=funds))
    assigned = ReviewAssignment.objects.filter(reviewer=user).exclude(status="recused")
    conflicted = conflicted_organisation_ids(user)
    reviewing = submitted & Q(pk__in=assigned.values("application_id"))
    if conflicted:
        reviewing &= ~_conflicted_applications(model, conflicted)
    return condition | reviewing


class ApplicationQuerySet(models.QuerySet):
    def granted(self) -> ApplicationQuerySet:
        """Applications granted and in the stage granted: what the public results page,
        its API and the search show (an outcome alone, in a procedure that moved the
        application on, is not enough)."""
        from proeftuin.funding.choices import DecisionOutcome

        return self.filter(outcome=DecisionOutcome.GRANTED, stage__key=DecisionOutcome.GRANTED)

    def visible_to(self, user) -> ApplicationQuerySet:
        condition = application_condition(user, self.model)
        if condition is None:
            return self
        # every multi-valued part of the condition is a subquery: no join repeats a row
        return self.filter(condition)


class ReviewQuerySet(models.QuerySet):
    def visible_to(self, user) -> ReviewQuerySet:
        from proeftuin.accounts.service import is_platform_admin
        from proeftuin.funding.models import Application

        if is_platform_admin(user):
            return self
        if not active(user):
            return self.none()
        readable = Application.objects.visible_to(user).values("pk")
        submitted = Q(submitted_at__isnull=False)
        managed = submitted & Q(assignment__application__round__in=managed_rounds(user))
        own = Q(assignment__reviewer=user)
        done = self.model.objects.filter(
            assignment__reviewer=user, submitted_at__isnull=False
        ).values("assignment__application_id")
        peers = submitted & Q(assignment__application_id__in=done)
        rows = self.model.objects.filter(managed | own | peers).values("pk")
        return self.filter(pk__in=rows, assignment__application_id__in=readable)
