"""The review lists take as many queries for many applications and reviews as for few:
the reviewer's queue, the assignment overview, the ranking and the API lists."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from proeftuin.funding import services_reviews
from proeftuin.funding.services_reviews_scores import review_submit
from tests.funding.factories import make_application
from tests.funding.review_support import build_world

world = pytest.fixture(build_world, name="world")


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _grow(world, n: int) -> None:
    """``n`` more applications, each reviewed (submitted) by the expert and the second."""
    for _ in range(n):
        application = make_application(world.round, world.third_party)
        for reviewer in (world.expert, world.second):
            assignment = services_reviews.assignment_create(
                actor=world.manager, application=application, reviewer=reviewer
            )
            scores = {c.pk: 3 for c in world.criteria}
            review_submit(
                actor=reviewer, assignment=assignment, scores=scores, recommendation="maybe"
            )


def _measure(client, user, urls) -> list[int]:
    client.force_login(user)
    return [_queries(client, url) for url in urls]


def test_review_lists_take_a_constant_number_of_queries(world, client):
    slug = world.round.slug
    manager_urls = [
        f"/subsidies/rondes/{slug}/toewijzingen/",
        f"/subsidies/rondes/{slug}/beoordelingen/",
        f"/api/v1/funding/rounds/{slug}/review-summaries",
    ]
    reviewer_urls = ["/subsidies/beoordelingen/", "/api/v1/funding/review-assignments"]
    _grow(world, 1)
    small = _measure(client, world.manager, manager_urls)
    small += _measure(client, world.expert, reviewer_urls)
    _grow(world, 5)
    large = _measure(client, world.manager, manager_urls)
    large += _measure(client, world.expert, reviewer_urls)
    assert large == small
