"""Changes of the review part: a review, its recusal and a declared conflict are their
reviewer's alone; assigning and unassigning reviewers is for the programme's managers.
Everyone else is refused with nothing changed (``funding_probes.Change``)."""

from __future__ import annotations

from proeftuin.funding.models import ConflictDeclaration, Review, ReviewAssignment
from tests.security.funding_probes import Change
from tests.security.funding_review import MANAGING
from tests.security.funding_world import FundingWorld

JSON = "application/json"
REVIEWER = frozenset({"a_viewer"})  # the draft review is A's viewer's, on B's application


def _assignment(fw: FundingWorld, name: str = "a_viewer") -> ReviewAssignment:
    return ReviewAssignment.objects.get(pk=fw.assignments[name].pk)


def _review(fw):
    review = Review.objects.filter(assignment=fw.assignments["a_viewer"]).first()
    return review.comment, review.version, review.submitted_at


def _assignment_state(name: str):
    return lambda fw: (_assignment(fw, name).status, _assignment(fw, name).recusal_reason)


def _review_form(fw, c):
    review = Review.objects.get(assignment=fw.assignments["a_viewer"])
    data = {"comment": "Overgenomen oordeel", "recommendation": "no", "version": review.version}
    data.update({f"score_{criterion.pk}": "1" for criterion in fw.round.criteria.all()})
    return c.post(f"/subsidies/beoordelingen/{fw.assignments['a_viewer'].uuid}/", data)


def _api_review(fw, c):
    review = Review.objects.get(assignment=fw.assignments["a_viewer"])
    scores = [{"criterion": criterion.pk, "score": 1} for criterion in fw.round.criteria.all()]
    data = {"scores": scores, "comment": "Overgenomen", "version": review.version}
    url = f"/api/v1/funding/review-assignments/{fw.assignments['a_viewer'].uuid}/review"
    return c.post(url, data, content_type=JSON)


def _conflict(fw):
    return ConflictDeclaration.objects.filter(pk=fw.conflict.pk).exists()


def _assignments(fw):
    return sorted(ReviewAssignment.objects.values_list("pk", "status"))


def _assign(fw, c):
    data = {"application": fw.apps["breview"].uuid, "reviewer": fw.spare.uuid}
    return c.post(f"/subsidies/rondes/{fw.round.slug}/toewijzingen/toewijzen/", data)


def _api_assign(fw, c):
    data = {"application": str(fw.apps["breview"].uuid), "reviewer": str(fw.spare.uuid)}
    url = f"/api/v1/funding/rounds/{fw.round.slug}/assignments"
    return c.post(url, data, content_type=JSON)


def manager(name, routes, attempt, state=_assignments):
    return Change(name, routes, attempt, state, MANAGING, doer="fund_manager")


REVIEW_WRITES = [
    Change("save a review", ("funding:review_form",), _review_form, _review, REVIEWER, "a_viewer"),
    Change(
        "api: save a review", ("api:funding-review",), _api_review, _review, REVIEWER, "a_viewer"
    ),
    Change(
        "recuse",
        ("funding:review_recuse",),
        lambda fw, c: c.post(
            f"/subsidies/beoordelingen/{fw.assignments['a_viewer'].uuid}/terugtrekken/",
            {"reason": "Ik ken ze."},
        ),
        _assignment_state("a_viewer"),
        REVIEWER,
        "a_viewer",
    ),
    Change(
        "api: recuse",
        ("api:funding-review-recusal",),
        lambda fw, c: c.post(
            f"/api/v1/funding/review-assignments/{fw.assignments['a_viewer'].uuid}/recusal",
            {"reason": "Ik ken ze."},
            content_type=JSON,
        ),
        _assignment_state("a_viewer"),
        REVIEWER,
        "a_viewer",
    ),
    Change(
        "withdraw a declared conflict",
        ("funding:review_conflict_remove",),
        lambda fw, c: c.post(f"/subsidies/belangenverklaringen/{fw.conflict.uuid}/verwijderen/"),
        _conflict,
        frozenset({"conflicted"}),
        "conflicted",
    ),
    Change(
        "api: withdraw a declared conflict",
        ("api:funding-conflict-detail",),
        lambda fw, c: c.delete(f"/api/v1/funding/conflicts/{fw.conflict.uuid}"),
        _conflict,
        frozenset({"conflicted"}),
        "conflicted",
    ),
    manager("assign a reviewer", ("funding:review_assign",), _assign),
    manager("api: assign a reviewer", ("api:funding-round-assignments",), _api_assign),
    manager(
        "assign reviewers at once",
        ("funding:review_assign_batch",),
        lambda fw, c: c.post(
            f"/subsidies/rondes/{fw.round.slug}/toewijzingen/automatisch/",
            {"method": "round_robin", "per_application": "3"},
        ),
    ),
    manager(
        "unassign a reviewer",
        ("funding:review_unassign",),
        lambda fw, c: c.post(
            f"/subsidies/toewijzingen/{fw.assignments['conflicted'].uuid}/intrekken/"
        ),
    ),
]
