"""Who reads applications and reviews in the review part: a conflicted reviewer never sees
the application; the other reviews only after one's own is submitted; applicants never
see a review."""

import pytest

from proeftuin.funding import conflicts, selectors_review, services_reviews, summary
from proeftuin.funding.models import Application, Review
from proeftuin.funding.services_reviews_scores import review_save, review_submit
from tests.funding.review_support import build_world

world = pytest.fixture(build_world, name="world")


def assign(world, reviewer):
    return services_reviews.assignment_create(
        actor=world.manager, application=world.application, reviewer=reviewer
    )


def submit(world, reviewer, assignment, values=(3, 3)):
    scores = {c.pk: v for c, v in zip(world.criteria, values, strict=True)}
    return review_submit(
        actor=reviewer, assignment=assignment, scores=scores, recommendation="maybe"
    )


def test_conflicted_reviewer_never_sees_the_application(world, client):
    assignment = assign(world, world.second)
    assert Application.objects.visible_to(world.second).filter(pk=world.application.pk).exists()
    conflicts.conflict_declare(actor=world.second, organisation=world.partner, reason="familie")
    assert not Application.objects.visible_to(world.second).exists()
    assert list(selectors_review.assignments_of(world.second)) == []
    client.force_login(world.second)
    page = client.get(f"/subsidies/beoordelingen/{assignment.uuid}/")
    assert page.status_code == 404
    queue = client.get("/subsidies/beoordelingen/")
    assert world.application.title not in queue.content.decode()


def test_own_organisation_reviewer_never_sees_it(world):
    assert not Application.objects.visible_to(world.insider).exists()


def test_other_reviews_hidden_until_own_is_submitted(world):
    first, second = assign(world, world.expert), assign(world, world.second)
    submit(world, world.expert, first)
    draft = review_save(actor=world.second, assignment=second, scores={world.criteria[0].pk: 1})
    seen = Review.objects.visible_to(world.second)
    assert list(seen) == [draft]  # only their own draft
    assert list(selectors_review.other_reviews(world.second, world.application)) == []
    # the one who submitted does not see the other's draft
    assert list(Review.objects.visible_to(world.expert)) == [first.review]
    submit(world, world.second, second)
    others = selectors_review.other_reviews(world.second, world.application)
    assert [r.assignment.reviewer for r in others] == [world.expert]


def test_manager_sees_submitted_reviews_only(world):
    first, second = assign(world, world.expert), assign(world, world.second)
    submit(world, world.expert, first)
    review_save(actor=world.second, assignment=second, scores={world.criteria[0].pk: 1})
    assert [r.assignment for r in Review.objects.visible_to(world.manager)] == [first]


def test_applicants_never_see_reviews(world, client):
    submit(world, world.expert, assign(world, world.expert))
    assert not Review.objects.visible_to(world.applicant).exists()
    result = summary.application_summary(user=world.applicant, application=world.application)
    assert result.reviews == []
    client.force_login(world.applicant)
    page = client.get(f"/subsidies/aanvragen/{world.application.uuid}/beoordelingen/")
    assert page.status_code == 403
    assert "maybe" not in page.content.decode()


def test_recused_reviewer_loses_sight(world):
    assignment = assign(world, world.expert)
    services_reviews.assignment_recuse(actor=world.expert, assignment=assignment, reason="ken ze")
    assert not Application.objects.visible_to(world.expert).exists()
