"""The reviews' section of "Mijn werk": reviews to do, for reviewers only."""

import pytest

from proeftuin.core.service import work_for
from proeftuin.funding import services_reviews
from proeftuin.funding.services_reviews_scores import review_submit
from tests.funding.review_support import build_world

world = pytest.fixture(build_world, name="world")


def _section(user):
    return next((s for s in work_for(user) if s.key == "funding-reviews"), None)


def test_reviewers_see_their_reviews_to_do(world, client):
    assert _section(world.manager) is None
    assert _section(world.expert).count == 0
    assignment = services_reviews.assignment_create(
        actor=world.manager, application=world.application, reviewer=world.expert
    )
    section = _section(world.expert)
    assert section.count == 1 and section.items[0].title == world.application.title
    client.force_login(world.expert)
    page = client.get("/mijn-werk/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Beoordelingen te doen" in page
    assert f"/subsidies/beoordelingen/{assignment.uuid}/" in page
    scores = {c.pk: 2 for c in world.criteria}
    review_submit(actor=world.expert, assignment=assignment, scores=scores, recommendation="no")
    assert _section(world.expert).count == 0
