import pytest

from proeftuin.funding import services_reviews
from proeftuin.funding.models import ConflictDeclaration
from tests.funding.review_support import build_world

world = pytest.fixture(build_world, name="world")


@pytest.fixture
def assignment(world):
    return services_reviews.assignment_create(
        actor=world.manager, application=world.application, reviewer=world.expert
    )


def review_url(assignment):
    return f"/api/v1/funding/review-assignments/{assignment.uuid}/review"


def test_reviewer_lists_and_submits(world, assignment, api_client):
    api_client.force_authenticate(world.expert)
    listed = api_client.get("/api/v1/funding/review-assignments").json()
    assert [row["uuid"] for row in listed["results"]] == [str(assignment.uuid)]
    first, second = world.criteria
    bad = {"scores": [{"criterion": first.pk, "score": 6}], "submit": True}
    refused = api_client.post(review_url(assignment), bad, format="json")
    assert refused.status_code == 400
    body = {
        "scores": [{"criterion": first.pk, "score": 4}, {"criterion": second.pk, "score": 0}],
        "recommendation": "no",
        "version": 0,
        "submit": True,
    }
    done = api_client.post(review_url(assignment), body, format="json")
    assert done.status_code == 200 and done.json()["submittedAt"]
    assert api_client.post(review_url(assignment), body, format="json").status_code == 409


def test_others_cannot_reach_the_review(world, assignment, api_client):
    api_client.force_authenticate(world.second)
    assert api_client.get(review_url(assignment)).status_code == 404
    api_client.force_authenticate(world.applicant)
    assert api_client.get("/api/v1/funding/review-assignments").json()["results"] == []


def test_declare_conflict(world, api_client):
    api_client.force_authenticate(world.second)
    url = "/api/v1/funding/conflicts"
    empty = api_client.post(
        url, {"organisation": str(world.lead.uuid), "relation": ""}, format="json"
    )
    assert empty.status_code == 400
    made = api_client.post(
        url, {"organisation": str(world.lead.uuid), "relation": "broer"}, format="json"
    )
    assert made.status_code == 201
    assert (
        api_client.post(
            url, {"organisation": str(world.lead.uuid), "relation": "x"}, format="json"
        ).status_code
        == 409
    )
    declaration = ConflictDeclaration.objects.get()
    assert api_client.delete(f"{url}/{declaration.uuid}").status_code == 204


def test_manager_assigns_and_reads_summaries(world, api_client):
    url = f"/api/v1/funding/rounds/{world.round.slug}/assignments"
    api_client.force_authenticate(world.manager)
    blocked = api_client.post(
        url,
        {"application": str(world.application.uuid), "reviewer": str(world.insider.uuid)},
        format="json",
    )
    assert blocked.status_code == 400
    made = api_client.post(
        url,
        {"application": str(world.application.uuid), "reviewer": str(world.expert.uuid)},
        format="json",
    )
    assert made.status_code == 201
    summaries = api_client.get(f"/api/v1/funding/rounds/{world.round.slug}/review-summaries")
    assert summaries.status_code == 200
    assert summaries.json()[0]["reviewsSubmitted"] == 0
    api_client.force_authenticate(world.expert)
    other = {"application": str(world.application.uuid), "reviewer": str(world.second.uuid)}
    assert api_client.post(url, other, format="json").status_code == 403
    assert (
        api_client.get(f"/api/v1/funding/rounds/{world.round.slug}/review-summaries").status_code
        == 403
    )
