import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from proeftuin.accounts.models import Role
from tests.factories import OrganisationFactory
from tests.ingestion.test_review import STORY

pytestmark = pytest.mark.django_db


def test_upload_follow_and_decide_through_the_api(
    api_client, make_member, outsider, django_capture_on_commit_callbacks
):
    api_client.force_authenticate(make_member(OrganisationFactory(), Role.CONTRIBUTOR))
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post(
            "/api/v1/documents", {"file": SimpleUploadedFile("p.txt", STORY)}, format="multipart"
        )
    assert response.status_code == 202, response.content
    body = response.json()
    assert response["API-Version"] and body["filename"] == "p.txt"
    detail = api_client.get(f"/api/v1/documents/{body['uuid']}").json()
    assert detail["job"]["status"] == "succeeded" and detail["job"]["progress"] == 100
    rows = api_client.get(f"/api/v1/documents/{body['uuid']}/suggestions").json()["results"]
    staff = next(r for r in rows if r["field"] == "organisation.staff")
    assert staff["quote"] and staff["stepVersion"] and staff["page"] == 1
    decided = api_client.post(
        f"/api/v1/suggestions/{staff['uuid']}/decision",
        {"decision": "edited", "editedValue": {"exact": 641}},
        format="json",
    )
    assert decided.status_code == 200 and decided.json()["status"] == "edited"
    again = api_client.post(
        "/api/v1/documents", {"file": SimpleUploadedFile("q.txt", STORY)}, format="multipart"
    )
    assert again.status_code == 200 and again.json()["uuid"] == body["uuid"]
    api_client.force_authenticate(outsider)
    assert api_client.get(f"/api/v1/documents/{body['uuid']}").status_code == 404
    bad = api_client.post(
        f"/api/v1/suggestions/{staff['uuid']}/decision", {"decision": "accepted"}, format="json"
    )
    assert bad.status_code == 404


def test_empty_upload_is_a_problem_json(api_client, make_member):
    api_client.force_authenticate(make_member(OrganisationFactory(), Role.CONTRIBUTOR))
    response = api_client.post(
        "/api/v1/documents", {"file": SimpleUploadedFile("e.txt", b"")}, format="multipart"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


def test_typed_corrections_and_undo_through_the_api(
    api_client, make_member, django_capture_on_commit_callbacks
):
    api_client.force_authenticate(make_member(OrganisationFactory(), Role.CONTRIBUTOR))
    with django_capture_on_commit_callbacks(execute=True):
        body = api_client.post(
            "/api/v1/documents", {"file": SimpleUploadedFile("p.txt", STORY)}, format="multipart"
        ).json()
    rows = api_client.get(f"/api/v1/documents/{body['uuid']}/suggestions").json()["results"]
    staff = next(r for r in rows if r["field"] == "organisation.staff")
    assert staff["fieldLabel"] == "Aantal medewerkers" and staff["valueText"] == "640 medewerkers"
    url = f"/api/v1/suggestions/{staff['uuid']}"
    bad = api_client.post(
        f"{url}/decision", {"decision": "edited", "editedValue": {"exact": "veel"}}, format="json"
    )
    assert bad.status_code == 400 and bad["Content-Type"] == "application/problem+json"
    problem = bad.json()
    assert problem["invalidParams"][0]["name"] == "editedValue"
    assert "heel getal" in problem["detail"]
    good = api_client.post(
        f"{url}/decision", {"decision": "edited", "editedValue": {"exact": 1650}}, format="json"
    )
    assert good.status_code == 200 and good.json()["valueText"] == "1.650 medewerkers"
    undone = api_client.post(f"{url}/undo", format="json")
    assert undone.status_code == 200 and undone.json()["status"] == "pending"
    assert undone.json()["editedValue"] is None
    again = api_client.post(f"{url}/undo", format="json")
    assert again.status_code == 400 and again["Content-Type"] == "application/problem+json"
    assert "niets ongedaan te maken" in again.json()["detail"]
