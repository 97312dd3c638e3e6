"""The pages the funding benchmark measures (``bench/funding_pages.py``) take as many
queries with more applications, reviewers and reviews as with few: the round page, the
decision page and the assignment overview of a manager, the reviewer's queue, an
application page (manager and applicant) and the decision page of one application."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from proeftuin.core.workflows.models import Stage
from proeftuin.funding import services_reviews
from proeftuin.funding.models import Application
from proeftuin.funding.services_reviews_scores import review_submit
from tests.factories import OrganisationFactory
from tests.funding.factories import make_application
from tests.funding.review_support import add_reviewer, build_world

world = pytest.fixture(build_world, name="world")


def _queries(client, user, url: str) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def _reviewed(world, reviewers, *, stage="in_review", created_by=None) -> Application:
    """A new application of the applicant's lead with two partners, reviewed (submitted)
    by ``reviewers``, then put in ``stage``."""
    partners = [OrganisationFactory(), OrganisationFactory()]
    application = make_application(
        world.round, world.lead, created_by=created_by, partners=partners
    )
    for reviewer in reviewers:
        assignment = services_reviews.assignment_create(
            actor=world.manager, application=application, reviewer=reviewer
        )
        scores = {c.pk: 3 for c in world.criteria}
        review_submit(actor=reviewer, assignment=assignment, scores=scores, recommendation="yes")
    if stage != "in_review":
        row = Stage.objects.get(workflow=world.round.workflow, key=stage)
        Application.objects.filter(pk=application.pk).update(stage=row)
    return application


def _grow(world, n: int, reviewers) -> dict:
    """``n`` applications in review and ``n`` ready for decision, each reviewed by all of
    ``reviewers``; the last of each is the one whose pages are measured."""
    shown = {}
    for _n in range(n):
        shown["review"] = _reviewed(world, reviewers, created_by=world.applicant)
        shown["decision"] = _reviewed(world, reviewers, stage="decision")
    return shown


def _counts(client, world, shown) -> dict[str, int]:
    slug = world.round.slug
    manager = {
        "round": f"/subsidies/rondes/{slug}/",
        "decisions": f"/subsidies/rondes/{slug}/besluiten/",
        "assignments": f"/subsidies/rondes/{slug}/toewijzingen/",
        "application": f"/subsidies/aanvragen/{shown['review'].uuid}/",
        "decide_application": f"/subsidies/aanvragen/{shown['decision'].uuid}/besluit/",
    }
    counts = {name: _queries(client, world.manager, url) for name, url in manager.items()}
    counts["queue"] = _queries(client, world.expert, "/subsidies/beoordelingen/")
    mine = f"/subsidies/aanvragen/{shown['review'].uuid}/"
    counts["application (applicant)"] = _queries(client, world.applicant, mine)
    return counts


def test_funding_pages_take_a_constant_number_of_queries(world, client):
    first = [world.expert, world.second]
    small = _counts(client, world, _grow(world, 1, first))
    more = [add_reviewer(world.fund, username=f"extra-{n}") for n in range(4)]
    large = _counts(client, world, _grow(world, 4, [*first, *more]))
    assert large == small
