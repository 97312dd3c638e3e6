"""Reads of the applying and screening part, always through the one visibility rule of
``querysets.py`` (``Application.objects.visible_to``)."""

from __future__ import annotations

import uuid

from django.db.models import Q, QuerySet

from proeftuin.funding.choices import FundRole
from proeftuin.funding.models import Application, FundMember
from proeftuin.funding.querysets import active
from proeftuin.funding.selectors import applications_visible, rounds_visible

WRITING = ("draft", "sketch", "proposal", "more_info")
TO_SCREEN = ("submitted", "screening")


def applications_mine(user) -> QuerySet[Application]:
    """Applications ``user`` writes (started or co-applicant) and may still read."""
    if not active(user):
        return Application.objects.none()
    mine = Q(created_by=user) | Q(team=user)
    rows = applications_visible(user=user).filter(
        pk__in=Application.objects.filter(mine).values("pk")
    )
    return rows.order_by("-updated_at", "-id")


def applications_to_write(user) -> QuerySet[Application]:
    return applications_mine(user).filter(stage__key__in=WRITING)


def screened_fund_ids(user) -> list[int]:
    """Funds ``user`` screens: as a screener, or as a manager of the programme."""
    if not active(user):
        return []
    from proeftuin.funding.models import Fund

    rows = Fund.objects.filter(
        Q(programme__managers=user)
        | Q(pk__in=FundMember.objects.filter(user=user, role=FundRole.SCREENER).values("fund_id"))
    )
    return list(rows.values_list("pk", flat=True).distinct())


def work_flags(user) -> tuple[bool, bool]:
    """(writes an application now, screens a fund) for the "Mijn werk" sections: one
    query for both, kept on the user object for the request."""
    cached = getattr(user, "_funding_apply_work", None)
    if cached is not None:
        return cached
    cached = (False, False)
    if active(user):
        from django.db.models import Exists, OuterRef

        from proeftuin.accounts.service import User
        from proeftuin.funding.models import Fund

        mine = Application.objects.filter(
            Q(created_by=OuterRef("pk")) | Q(team=OuterRef("pk")), stage__key__in=WRITING
        )
        screener = FundMember.objects.filter(user=OuterRef("pk"), role=FundRole.SCREENER)
        managed = Fund.objects.filter(programme__managers=OuterRef("pk"))
        row = (
            User.objects.filter(pk=user.pk)
            .values(writes=Exists(mine), screens=Exists(screener), manages=Exists(managed))
            .first()
        )
        if row:
            cached = (row["writes"], row["screens"] or row["manages"])
    user._funding_apply_work = cached
    return cached


def screens_anything(user) -> bool:
    return work_flags(user)[1]


def applications_screening(user) -> QuerySet[Application]:
    """Submitted applications of the funds ``user`` screens, oldest submission first."""
    rows = applications_visible(user=user).filter(round__fund__in=screened_fund_ids(user))
    return rows.filter(submitted_at__isnull=False).order_by("submitted_at", "id")


def applications_to_screen(user) -> QuerySet[Application]:
    return applications_screening(user).filter(stage__key__in=TO_SCREEN)


def round_for_applicants(user, slug: str):
    return rounds_visible(user=user).select_related("fund__programme").filter(slug=slug).first()


def application_for(user, uuid) -> Application | None:
    rows = applications_visible(user=user).select_related("category", "initiative")
    return (
        rows.prefetch_related("partners__organisation", "team", "attachments")
        .filter(uuid=uuid)
        .first()
    )


def prior_cases_visible(application, user) -> list[dict]:
    """The prior cases kept on ``application`` that ``user`` may see in the case library.
    They were found with the rights of whoever ran the check (an applicant of another
    organisation, a co-applicant with more roles), so each is checked again for the
    reader; an entry without a case id cannot be checked and is left out."""
    from proeftuin.cases.service import case_visible

    kept = [row for row in application.prior_cases or [] if _case_id(row)]
    if not kept:
        return []
    ids = {_case_id(row) for row in kept}
    seen = set(case_visible(user).filter(uuid__in=ids).values_list("uuid", flat=True))
    return [row for row in kept if _case_id(row) in seen]


def _case_id(row) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(row.get("uuid")))
    except (AttributeError, ValueError):  # no id, or a malformed one kept by an old check
        return None
