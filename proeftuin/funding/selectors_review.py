"""Reads of the review part: a reviewer's queue, one assignment of theirs, the other
reviews they may read, and the assignment overview of a round (applications x reviewers)
for its managers. Applications are read through ``Application.objects.visible_to`` and
reviews through ``Review.objects.visible_to``: a conflicted reviewer's assignment is not
in their queue, and other reviews show only once their own is submitted."""

from __future__ import annotations

import dataclasses

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from proeftuin.accounts.service import User, remember_roles, roles_by_organisation
from proeftuin.core.service import require
from proeftuin.funding.choices import AssignmentStatus
from proeftuin.funding.conflicts import declared_relations_of
from proeftuin.funding.models import (
    Application,
    ApplicationPartner,
    Review,
    ReviewAssignment,
    ReviewScore,
)
from proeftuin.funding.permissions import can_manage_fund
from proeftuin.funding.services_reviews import (
    load_in_round,
    review_queue_of_round,
    reviewers_of,
)

QUEUE_ORDER = ("status", "due_on", "-created_at", "-pk")
ASSIGNED, SUBMITTED = AssignmentStatus.ASSIGNED, AssignmentStatus.SUBMITTED


def _own_review() -> Prefetch:
    return Prefetch("review", queryset=Review.objects.only("pk", "assignment_id"))


def assignments_of(user):
    """``user``'s assignments whose application they may read (not recused), with their
    review if any: due first, then newest."""
    own = ReviewAssignment.objects.filter(reviewer=user).values("application_id")
    readable = Application.objects.filter(pk__in=own).visible_to(user).values("pk")
    return (
        ReviewAssignment.objects.filter(reviewer=user, application__in=readable)
        .exclude(status=AssignmentStatus.RECUSED)
        .select_related("application__round__fund", "application__owner", "application__stage")
        .prefetch_related(_own_review())
        .order_by(*QUEUE_ORDER)
    )


def reviews_to_do(user):
    return assignments_of(user).filter(status=AssignmentStatus.ASSIGNED)


QUEUE_PAGE = 20
# what the queue shows of each assignment: no texts, no stage or fund
QUEUE_FIELDS = (
    "uuid",
    "status",
    "due_on",
    "created_at",
    "updated_at",
    "application__title",
    "application__owner__name",
    "application__round__title",
)


@dataclasses.dataclass
class Queue:
    to_do: Page  # a page of the assignments waiting for a review, due first
    done: list  # the ``QUEUE_PAGE`` most recently submitted
    done_total: int


def review_queue(user, page=None) -> Queue:
    """ "Mijn beoordelingen": a page of what ``user`` still has to review and their latest
    submitted reviews; as many queries for any number of assignments. The visibility rule
    runs once, for the keys and states of the assignments ``user`` may read (in the queue's
    order): the counts come from those, the two lists are read by key."""
    readable = assignments_of(user).order_by(*QUEUE_ORDER)
    keys = list(readable.values_list("pk", "status", "updated_at"))
    to_do = Paginator([pk for pk, status, _at in keys if status == ASSIGNED], QUEUE_PAGE)
    to_do = to_do.get_page(page)
    submitted = sorted(((at, pk) for pk, status, at in keys if status == SUBMITTED), reverse=True)
    rows = ReviewAssignment.objects.select_related("application__owner", "application__round")
    rows = rows.only(*QUEUE_FIELDS)
    shown = rows.filter(pk__in=list(to_do.object_list)).prefetch_related(_own_review())
    to_do.object_list = list(shown.order_by(*QUEUE_ORDER))
    done = rows.filter(pk__in=[pk for _at, pk in submitted[:QUEUE_PAGE]])
    return Queue(to_do, list(done.order_by("-updated_at", "-pk")), len(submitted))


def assignment_for(user, uuid) -> ReviewAssignment | None:
    """One assignment of ``user`` they may still read (``None`` otherwise)."""
    return (
        assignments_of(user)
        .select_related("application__category", "application__created_by")
        .filter(uuid=uuid)
        .first()
    )


def own_review(assignment) -> Review | None:
    scores = Prefetch("scores", queryset=ReviewScore.objects.select_related("criterion"))
    return Review.objects.filter(assignment=assignment).prefetch_related(scores).first()


def other_reviews(user, application):
    """The other reviews of ``application`` that ``user`` may read (only after they
    submitted their own, by the visibility rule)."""
    scores = Prefetch("scores", queryset=ReviewScore.objects.select_related("criterion"))
    return (
        Review.objects.visible_to(user)
        .filter(assignment__application=application, submitted_at__isnull=False)
        .exclude(assignment__reviewer=user)
        .select_related("assignment__reviewer")
        .prefetch_related(scores)
    )


@dataclasses.dataclass
class ReviewerColumn:
    """A reviewer of the fund with their load in the round; for the reviewers shown as
    columns also the account (``user``), their organisations (``own``) and the relations
    they declared (``declared``)."""

    user_id: int
    name: str
    load: int
    max_assignments: int
    expertise: str = ""
    user: object = None
    own: dict = dataclasses.field(default_factory=dict)
    declared: dict = dataclasses.field(default_factory=dict)

    @property
    def full(self) -> bool:
        return self.load >= self.max_assignments

    def conflict(self, organisations: dict[int, str]) -> list[tuple[str, str]]:
        reasons = []
        for pk, name in organisations.items():
            reason = _("own organisation") if pk in self.own else self.declared.get(pk)
            if reason:
                reasons.append((name, reason))
        return reasons


def _reviewer(row: tuple, loads: dict[int, int]) -> ReviewerColumn:
    user_id, first_name, last_name, username, maximum, expertise = row
    name = f"{first_name} {last_name}".strip() or username  # as User.get_full_name
    return ReviewerColumn(user_id, name, loads.get(user_id, 0), maximum, expertise)


@dataclasses.dataclass
class Cell:
    column: ReviewerColumn
    assignment: ReviewAssignment | None = None
    conflict: str = ""


@dataclasses.dataclass
class Overview:
    round: object
    reviewers: list[ReviewerColumn]  # every reviewer of the fund, with their load
    columns: Page  # the reviewers shown as columns (``REVIEWERS_PER_PAGE``)
    page: Page  # the applications shown as rows (``APPLICATIONS_PER_PAGE``)
    rows: list  # (application, [Cell per column])


APPLICATIONS_PER_PAGE = 20
# what the overview shows of every reviewer (a fund may have a hundred: read as values)
REVIEWER_FIELDS = (
    "user_id",
    "user__first_name",
    "user__last_name",
    "user__username",
    "max_assignments",
    "expertise",
)
REVIEWERS_PER_PAGE = 10


# what the overview shows of an application in review (no texts: they are long)
OVERVIEW_FIELDS = ("uuid", "title", "submitted_at", "round", "owner__name")


def assignment_overview(*, user, round_, page=None, columns=None) -> Overview:
    """Applications in review x the fund's reviewers, a page of each (``page``: of the
    applications, ``columns``: of the reviewers): each cell the assignment or the conflict
    of interest; every reviewer's load in the round (managers only). As many queries for
    any number of applications and reviewers."""
    require(can_manage_fund(user, round_.fund))
    loads = load_in_round(round_)
    rows = reviewers_of(round_.fund).values_list(*REVIEWER_FIELDS)
    reviewers = [_reviewer(row, loads) for row in rows]
    shown = Paginator(reviewers, REVIEWERS_PER_PAGE).get_page(columns)
    users = User.objects.in_bulk([c.user_id for c in shown])
    remember_roles(users.values())
    declared = declared_relations_of(list(users))
    for column in shown:
        column.user = users[column.user_id]
        column.own, column.declared = roles_by_organisation(column.user), declared[column.user_id]
    in_review = review_queue_of_round(round_).select_related(None).select_related("owner")
    in_review = in_review.only(*OVERVIEW_FIELDS)
    rows = Paginator(in_review, APPLICATIONS_PER_PAGE).get_page(page)
    partners = Prefetch("partners", ApplicationPartner.objects.select_related("organisation"))
    applications = list(rows.object_list.prefetch_related(None).prefetch_related(partners))
    found = ReviewAssignment.objects.filter(
        application__in=[a.pk for a in applications],
        reviewer__in=[c.user_id for c in shown],
    )
    by_pair = {(a.application_id, a.reviewer_id): a for a in found}
    table = []
    for application in applications:
        names = {application.owner_id: application.owner.name}
        names |= {p.organisation_id: p.organisation.name for p in application.partners.all()}
        table.append((application, [_cell(by_pair, application, c, names) for c in shown]))
    return Overview(round_, reviewers, shown, rows, table)


def _cell(by_pair, application, column, names) -> Cell:
    assignment = by_pair.get((application.pk, column.user_id))
    reasons = column.conflict(names)
    text = "; ".join(f"{name}: {reason}" for name, reason in reasons)
    return Cell(column=column, assignment=assignment, conflict=text)
