import pytest
from django.utils import translation

from proeftuin.core.models import AuditEntry
from proeftuin.core.service import ConflictError, NotAllowed, ValidationFailed
from proeftuin.funding import conflicts, services_reviews
from proeftuin.funding.models import Review
from proeftuin.funding.services_reviews_scores import review_save, review_submit
from proeftuin.notifications.models import Notification
from tests.funding.review_support import build_world

world = pytest.fixture(build_world, name="world")


@pytest.fixture
def assignment(world):
    return services_reviews.assignment_create(
        actor=world.manager, application=world.application, reviewer=world.expert
    )


def full(world, values=(4, 3)):
    return {c.pk: v for c, v in zip(world.criteria, values, strict=True)}


def test_draft_keeps_partial_scores(world, assignment):
    first = world.criteria[0]
    review = review_save(actor=world.expert, assignment=assignment, scores={first.pk: "3"})
    assert review.submitted_at is None and review.version == 1
    assert [(s.criterion, s.score) for s in review.scores.all()] == [(first, 3)]
    assignment.refresh_from_db()
    assert assignment.status == "assigned"
    assert AuditEntry.objects.filter(object_uuid=review.uuid, action="create").exists()


@pytest.mark.parametrize("bad", [6, -1, "vijf", "2.5", True])
def test_score_outside_the_scale_is_refused_in_dutch(world, assignment, bad):
    first = world.criteria[0]
    with translation.override("nl"), pytest.raises(ValidationFailed) as refused:
        review_save(actor=world.expert, assignment=assignment, scores={first.pk: bad})
    message = refused.value.field_errors[f"score_{first.pk}"][0]
    assert message == "De score voor “Vernieuwing” moet een geheel getal van 0 tot en met 5 zijn."
    assert not Review.objects.exists()


def test_submit_needs_every_score_and_a_recommendation(world, assignment):
    first, second = world.criteria
    with pytest.raises(ValidationFailed) as refused:
        review_submit(actor=world.expert, assignment=assignment, scores={first.pk: 4})
    assert set(refused.value.field_errors) == {f"score_{second.pk}", "recommendation"}
    assert not Review.objects.exists()
    assignment.refresh_from_db()
    assert assignment.status == "assigned"


def test_unknown_criterion_and_recommendation_refused(world, assignment):
    with pytest.raises(ValidationFailed) as refused:
        review_save(
            actor=world.expert, assignment=assignment, scores={99999: 3}, recommendation="ja"
        )
    assert set(refused.value.field_errors) == {"scores", "recommendation"}


def test_submit_once(world, assignment):
    review = review_submit(
        actor=world.expert,
        assignment=assignment,
        scores=full(world),
        recommendation="yes",
        comment="Sterk plan.",
    )
    assert review.submitted_at is not None
    assignment.refresh_from_db()
    assert assignment.status == "submitted"
    with pytest.raises(ConflictError):
        review_submit(
            actor=world.expert, assignment=assignment, scores=full(world), recommendation="no"
        )
    review.refresh_from_db()
    assert review.recommendation == "yes"


def test_stale_version_refused(world, assignment):
    first = world.criteria[0]
    review_save(actor=world.expert, assignment=assignment, scores={first.pk: 1}, version=0)
    review_save(actor=world.expert, assignment=assignment, scores={first.pk: 2}, version=1)
    with pytest.raises(ConflictError):
        review_save(actor=world.expert, assignment=assignment, scores={first.pk: 5}, version=1)
    assert Review.objects.get().scores.get().score == 2


def test_only_the_reviewer_writes(world, assignment):
    with pytest.raises(NotAllowed):
        review_save(actor=world.manager, assignment=assignment, scores=full(world))


def test_conflict_declared_later_stops_the_review(world, assignment):
    conflicts.conflict_declare(actor=world.expert, organisation=world.lead, reason="nieuwe baan")
    with pytest.raises(NotAllowed):
        review_save(actor=world.expert, assignment=assignment, scores=full(world))


def test_recused_reviewer_cannot_write(world, assignment):
    services_reviews.assignment_recuse(actor=world.expert, assignment=assignment, reason="ken ze")
    with pytest.raises(ConflictError):
        review_save(actor=world.expert, assignment=assignment, scores=full(world))


def test_review_closed_when_the_application_left_review(world, assignment):
    world.application.stage = world.round.workflow.stages.get(key="decision")
    world.application.save()
    with pytest.raises(ValidationFailed):
        review_save(actor=world.expert, assignment=assignment, scores=full(world))


def test_managers_hear_when_all_reviews_are_in(world, assignment):
    other = services_reviews.assignment_create(
        actor=world.manager, application=world.application, reviewer=world.second
    )
    review_submit(
        actor=world.expert, assignment=assignment, scores=full(world), recommendation="yes"
    )
    assert not Notification.objects.filter(event="funding.reviews_complete").exists()
    review_submit(actor=world.second, assignment=other, scores=full(world), recommendation="no")
    notice = Notification.objects.get(event="funding.reviews_complete")
    assert notice.recipient == world.manager
