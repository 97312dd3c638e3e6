"""Review assignments: managers assign reviewers by hand, by expertise or round-robin, and
remove an assignment; a reviewer recuses with a reason. Writing the review itself is in
``services_reviews_scores``.

Who may be assigned: a reviewer (``FundMember`` with role reviewer) of the round's fund,
to an application in a review stage (``in_review``; ``sketch_review`` in two-stage
rounds), at most ``max_assignments`` per round (recused assignments do not count), never
to an application of an organisation they have a conflict of interest with: one where
they hold a current role, or one they declared. A refused attempt by hand is recorded in
the audit trail too (outside the refused write, so it stays)."""

from __future__ import annotations

import dataclasses

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from proeftuin.core.service import (
    AuditEntry,
    ConflictError,
    NotAllowed,
    ValidationFailed,
    audit_event,
    audit_record,
)
from proeftuin.core.service import require as check
from proeftuin.funding import events_review as events
from proeftuin.funding.choices import AssignmentStatus, FundRole
from proeftuin.funding.common import changed, snapshot
from proeftuin.funding.conflicts import explain_conflict
from proeftuin.funding.models import FundMember, ReviewAssignment
from proeftuin.funding.permissions import can_manage_fund
from proeftuin.funding.querysets import active, conflicted_organisation_ids
from proeftuin.notifications.service import notify

REVIEW_STAGES = ("in_review", "sketch_review")
ASSIGNMENT_FIELDS = ("application", "reviewer", "status", "due_on", "recusal_reason")
REFUSED = "refused"  # the audit action of an assignment the platform refused


def refuse(field: str | None, message: str):
    raise ValidationFailed(message, field_errors={field: [message]} if field else None)


def in_review(application) -> bool:
    return application.stage.key in REVIEW_STAGES


def review_url(assignment) -> str:
    return reverse("funding:review_form", args=[assignment.uuid])


def reviewers_of(fund):
    """The reviewer memberships of ``fund``, by name."""
    return (
        FundMember.objects.filter(fund=fund, role=FundRole.REVIEWER)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    )


def counting(rows):
    """Assignments that hold a slot: everything but a recusal."""
    return rows.exclude(status=AssignmentStatus.RECUSED)


def load_in_round(round_) -> dict[int, int]:
    """``{reviewer_id: assignments holding a slot}`` in ``round_``."""
    rows = counting(ReviewAssignment.objects.filter(application__round=round_))
    return dict(rows.values("reviewer_id").annotate(n=Count("id")).values_list("reviewer_id", "n"))


def organisations_of(application) -> set[int]:
    return {application.owner_id, *(p.organisation_id for p in application.partners.all())}


def _audit_refusal(actor, application, reviewer, message: str) -> None:
    audit_event(
        actor=actor,
        action=REFUSED,
        obj=application,
        object_repr=_("Assignment refused: %(reviewer)s to %(application)s")
        % {"reviewer": reviewer.username, "application": application.title},
        details={"reviewer": reviewer.username, "reason": str(message)},
    )


def _check_assignable(application, reviewer, member) -> None:
    """Refusals that do not need the audit trail (wrong input, not a conflict)."""
    if member is None:
        refuse(
            "reviewer",
            _("%(user)s is not a reviewer of this fund.") % {"user": reviewer.username},
        )
    if not active(reviewer):
        refuse("reviewer", _("This reviewer's account is not active."))
    if not in_review(application):
        refuse(
            None,
            _(
                "Reviewers can only be assigned while the application is in review; "
                "it is now “%(stage)s”."
            )
            % {"stage": application.stage.name},
        )


def _notify_assigned(actor, assignment) -> None:
    notify(
        recipients=[assignment.reviewer],
        event=events.ASSIGNED,
        title=_("Please review: %(title)s") % {"title": assignment.application.title},
        url=review_url(assignment),
        subject=assignment.application,
        actor=actor,
    )


def _create(actor, application, reviewer, due_on=None) -> ReviewAssignment:
    assignment = ReviewAssignment(
        application=application, reviewer=reviewer, assigned_by=actor, due_on=due_on
    )
    try:
        with transaction.atomic():
            assignment.save()
    except IntegrityError as exc:
        raise ConflictError(
            _("%(user)s is already assigned to this application.") % {"user": reviewer.username}
        ) from exc
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=assignment,
        after=snapshot(assignment, ASSIGNMENT_FIELDS),
    )
    _notify_assigned(actor, assignment)
    return assignment


def assignment_create(*, actor, application, reviewer, due_on=None) -> ReviewAssignment:
    """Assign ``reviewer`` to ``application`` by hand (a manager of the fund)."""
    fund = application.round.fund
    check(can_manage_fund(actor, fund))
    member = reviewers_of(fund).filter(user=reviewer).first()
    _check_assignable(application, reviewer, member)
    reason = explain_conflict(reviewer, application)
    if reason:
        message = _("%(reason)s A reviewer is never assigned such an application.") % {
            "reason": reason
        }
        _audit_refusal(actor, application, reviewer, message)
        refuse("reviewer", message)
    return _assign_checked(actor, application, member, due_on)


@transaction.atomic
def _assign_checked(actor, application, member, due_on) -> ReviewAssignment:
    # the member row is the lock that keeps two assignments from passing the maximum
    member = FundMember.objects.select_for_update().select_related("user").get(pk=member.pk)
    existing = ReviewAssignment.objects.filter(application=application, reviewer=member.user)
    if existing.filter(status=AssignmentStatus.RECUSED).exists():
        refuse("reviewer", _("This reviewer recused themselves from this application."))
    held = load_in_round(application.round).get(member.user_id, 0)
    if held >= member.max_assignments:
        refuse(
            "reviewer",
            _("%(user)s already reviews %(count)s applications in this round, the maximum.")
            % {"user": member.user.username, "count": held},
        )
    assignment = _create(actor, application, member.user, due_on)
    changed()
    return assignment


@transaction.atomic
def assignment_remove(*, actor, assignment) -> None:
    """A manager takes an assignment back (not once the review is submitted)."""
    check(can_manage_fund(actor, assignment.application.round.fund))
    assignment = ReviewAssignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.status == AssignmentStatus.SUBMITTED:
        raise ConflictError(_("The review has been submitted; the assignment stays."))
    audit_record(
        actor=actor,
        action=AuditEntry.Action.DELETE,
        obj=assignment,
        before=snapshot(assignment, ASSIGNMENT_FIELDS),
    )
    assignment.delete()
    changed()


@transaction.atomic
def assignment_recuse(*, actor, assignment, reason: str) -> ReviewAssignment:
    """The reviewer steps back from an application, with a reason; the slot is freed."""
    if not active(actor) or assignment.reviewer_id != actor.pk:
        raise NotAllowed(_("Only the assigned reviewer can recuse."))
    reason = (reason or "").strip()
    if not reason:
        refuse("reason", _("Give the reason why you recuse yourself."))
    assignment = ReviewAssignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.status != AssignmentStatus.ASSIGNED:
        raise ConflictError(
            _("You can no longer recuse: this assignment is %(status)s.")
            % {"status": assignment.get_status_display()}
        )
    before = snapshot(assignment, ASSIGNMENT_FIELDS)
    assignment.status, assignment.recusal_reason = AssignmentStatus.RECUSED, reason
    assignment.save(update_fields=["status", "recusal_reason", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=assignment,
        before=before,
        after=snapshot(assignment, ASSIGNMENT_FIELDS),
    )
    changed()
    return assignment


# ---- assigning many at once: by expertise and round-robin -------------------------------


@dataclasses.dataclass
class Unfilled:
    application: object
    missing: int


@dataclasses.dataclass
class BatchResult:
    """What a batch assignment did: the assignments made, and the applications that still
    lack reviewers (no reviewer left without a conflict, a matching expertise or room)."""

    made: list = dataclasses.field(default_factory=list)
    unfilled: list[Unfilled] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class _Pool:
    """The state a batch works on: who is assigned where, loads, limits, conflicts."""

    members: list
    load: dict[int, int]
    limits: dict[int, int]
    conflicts: dict[int, set[int]]
    taken: set[tuple[int, int]]  # (application_id, reviewer_id), recusals included

    def may(self, application, orgs, member) -> bool:
        user_id = member.user_id
        if (application.pk, user_id) in self.taken:
            return False
        if self.load.get(user_id, 0) >= self.limits[user_id]:
            return False
        return not (self.conflicts[user_id] & orgs)

    def take(self, application, member) -> None:
        self.taken.add((application.pk, member.user_id))
        self.load[member.user_id] = self.load.get(member.user_id, 0) + 1


def review_queue_of_round(round_):
    """The applications of ``round_`` in a review stage, oldest submission first."""
    return (
        round_.applications.filter(stage__key__in=REVIEW_STAGES)
        .select_related("owner", "stage", "category", "round")
        .prefetch_related("partners")
        .annotate(
            holding=Count("assignments", filter=~Q(assignments__status=AssignmentStatus.RECUSED))
        )
        .order_by("submitted_at", "pk")
    )


def _pool(round_, maximum=None) -> _Pool:
    members = [m for m in reviewers_of(round_.fund) if m.user.is_active]
    limits = {
        m.user_id: min(m.max_assignments, maximum) if maximum else m.max_assignments
        for m in members
    }
    taken = set(
        ReviewAssignment.objects.filter(application__round=round_).values_list(
            "application_id", "reviewer_id"
        )
    )
    conflicts = {m.user_id: conflicted_organisation_ids(m.user) for m in members}
    return _Pool(members, load_in_round(round_), limits, conflicts, taken)


def _batch_allowed(actor, round_, per_application) -> int:
    check(can_manage_fund(actor, round_.fund))
    try:
        wanted = int(per_application)
    except (TypeError, ValueError):
        wanted = 0
    if not 1 <= wanted <= 10:
        refuse("per_application", _("Choose between 1 and 10 reviewers per application."))
    return wanted


def _lock_members(round_) -> None:
    list(FundMember.objects.select_for_update().filter(fund=round_.fund, role=FundRole.REVIEWER))


def _finish(actor, pool, pairs, needs, applications) -> BatchResult:
    result = BatchResult()
    for application, member in pairs:
        result.made.append(_create(actor, application, member.user))
    for application in applications:
        if needs[application.pk] > 0:
            result.unfilled.append(Unfilled(application, needs[application.pk]))
    if result.made:
        changed()
    return result


def expertise_terms(expertise: str) -> list[str]:
    return [t.strip().lower() for t in (expertise or "").split(",") if t.strip()]


def application_text(application) -> str:
    category = application.category.name if application.category_id else ""
    parts = (application.title, application.problem, application.idea, category)
    return " ".join(parts).lower()


def match_score(terms: list[str], text: str) -> int:
    """Two points per expertise term found whole in the text, one per word (of four
    letters or more) of a term found."""
    score = 0
    for term in terms:
        if term in text:
            score += 2
            continue
        score += sum(1 for word in term.split() if len(word) >= 4 and word in text)
    return score


@transaction.atomic
def assign_by_expertise(*, actor, round_, per_application=2) -> BatchResult:
    """Give every application in review up to ``per_application`` reviewers whose
    expertise matches its title, problem, idea or category, best matches first."""
    wanted = _batch_allowed(actor, round_, per_application)
    _lock_members(round_)
    pool = _pool(round_)
    applications = list(review_queue_of_round(round_))
    needs = {a.pk: max(wanted - a.holding, 0) for a in applications}
    orgs = {a.pk: organisations_of(a) for a in applications}
    candidates = []
    for order, application in enumerate(applications):
        text = application_text(application)
        for member in pool.members:
            score = match_score(expertise_terms(member.expertise), text)
            if score and pool.may(application, orgs[application.pk], member):
                candidates.append((-score, order, member.user.username, application, member))
    pairs = []
    for *_key, application, member in sorted(candidates, key=lambda c: c[:3]):
        if needs[application.pk] and pool.may(application, orgs[application.pk], member):
            pool.take(application, member)
            needs[application.pk] -= 1
            pairs.append((application, member))
    return _finish(actor, pool, pairs, needs, applications)


@transaction.atomic
def assign_round_robin(*, actor, round_, per_application=2, maximum=None) -> BatchResult:
    """Spread ``per_application`` reviewers per application evenly over the fund's
    reviewers (the least loaded first), at most ``maximum`` per reviewer in the round
    (and never above their own maximum), skipping conflicts."""
    wanted = _batch_allowed(actor, round_, per_application)
    if maximum not in (None, ""):
        try:
            maximum = int(maximum)
        except (TypeError, ValueError):
            maximum = 0
        if maximum < 1:
            refuse("maximum", _("The maximum per reviewer must be at least 1."))
    _lock_members(round_)
    pool = _pool(round_, maximum or None)
    applications = list(review_queue_of_round(round_))
    needs = {a.pk: max(wanted - a.holding, 0) for a in applications}
    pairs = []
    for application in applications:
        orgs = organisations_of(application)
        while needs[application.pk]:
            free = [m for m in pool.members if pool.may(application, orgs, m)]
            if not free:
                break
            member = min(free, key=lambda m: (pool.load.get(m.user_id, 0), m.user.username))
            pool.take(application, member)
            needs[application.pk] -= 1
            pairs.append((application, member))
    return _finish(actor, pool, pairs, needs, applications)
