"""Reads of the decision part: applications ready for decision with their mean review
score, the letters, obligations and tranches of an application, and what waits for whom
("Mijn werk"). Always through the one visibility rule of ``querysets.py``."""

from __future__ import annotations

import datetime

from django.core.paginator import Page, Paginator
from django.db.models import Avg, Count, Q, QuerySet, Sum
from django.utils import timezone

from proeftuin.funding.choices import DecisionOutcome, TrancheStatus
from proeftuin.funding.models import Application, Obligation, Round
from proeftuin.funding.selectors import applications_visible

DUE_WITHIN_DAYS = 30


def _with_review_scores(rows: QuerySet[Application]) -> QuerySet[Application]:
    """Each with ``review_mean`` (the plain mean of every submitted review score; ``None``
    without) and ``review_count``."""
    submitted = Q(assignments__review__submitted_at__isnull=False)
    return rows.annotate(
        review_mean=Avg("assignments__review__scores__score", filter=submitted),
        review_count=Count("assignments__review", filter=submitted, distinct=True),
    )


READY_PAGE = 20
# what the decision page shows of an application (the rest loads when a decision needs it)
READY_FIELDS = (
    "uuid",
    "title",
    "version",
    "amount_requested",
    "round",
    "owner__name",
    "category__name",
)


def applications_ready_page(*, user, round_: Round, page=None) -> Page:
    """A page (``READY_PAGE``, by title) of the round's applications in stage "decision"
    that ``user`` may read: the page is chosen over the keys ``user`` may read, then its rows
    are loaded by key with their mean scores."""
    keys = Application.objects.visible_to(user).filter(round=round_, stage__key="decision")
    keys = keys.order_by("title", "pk").values_list("pk", flat=True)
    shown = Paginator(keys, READY_PAGE).get_page(page)
    rows = Application.objects.filter(pk__in=list(shown.object_list))  # read through the rule
    rows = rows.select_related("owner", "category").only(*READY_FIELDS)
    shown.object_list = list(_with_review_scores(rows).order_by("title", "pk"))
    return shown


def application_decided(*, user, uuid) -> Application | None:
    return applications_visible(user=user).filter(uuid=uuid).first()


def grant_money(application: Application) -> dict:
    """Planned and paid tranches of a grant, and what is left to plan."""
    rows = application.tranches.aggregate(
        planned=Sum("amount"), paid=Sum("amount", filter=Q(status=TrancheStatus.PAID))
    )
    planned, paid = rows["planned"] or 0, rows["paid"] or 0
    granted = application.granted_amount or 0
    return {"granted": granted, "planned": planned, "paid": paid, "left": granted - planned}


def decisions_due(user) -> QuerySet[Application]:
    """Applications ready for decision in the programmes ``user`` manages."""
    return (
        applications_visible(user=user)
        .filter(stage__key="decision", round__fund__programme__managers=user)
        .order_by("round__decision_due", "submitted_at", "pk")
    )


def obligations_due(user) -> QuerySet[Obligation]:
    """Open obligations, due within ``DUE_WITHIN_DAYS`` or overdue, of the granted
    applications ``user`` is an applicant of (the applicants' part of the visibility rule:
    the one who started it or a co-applicant, while a member of the lead or a partner)."""
    from proeftuin.accounts.service import roles_by_organisation

    organisations = list(roles_by_organisation(user))
    if not organisations:
        return Obligation.objects.none()
    member = Q(application__owner_id__in=organisations) | Q(
        application__partners__organisation_id__in=organisations
    )
    mine = Q(application__created_by=user) | Q(application__team=user)
    horizon = timezone.localdate() + datetime.timedelta(days=DUE_WITHIN_DAYS)
    rows = Obligation.objects.filter(
        mine & member,
        application__outcome=DecisionOutcome.GRANTED,
        fulfilled_at__isnull=True,
        due_on__lte=horizon,
    )
    return (
        Obligation.objects.filter(pk__in=rows.values("pk"))
        .select_related("application")
        .order_by("due_on", "pk")
    )
