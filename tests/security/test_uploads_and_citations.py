"""The same bytes as another organisation's private file reveal nothing of it and get their
own ingestion; a document one may not see is refused as if it did not exist."""

import json

import pytest

from proeftuin.ingestion.models import Job, SourceFile
from tests.security.writes import api_case, upload_same_bytes

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("api", [True, False], ids=["api", "page"])
def test_same_bytes_in_another_organisation_reveal_nothing(
    world, client_for, api, django_capture_on_commit_callbacks
):
    theirs = world.source
    with django_capture_on_commit_callbacks(execute=True):
        response = upload_same_bytes(client_for("b_contributor"), api=api)
    body = response.content.decode()
    mine = SourceFile.objects.get(owner=world.b)
    assert mine.pk != theirs.pk and mine.content_hash == theirs.content_hash
    assert response.status_code == (202 if api else 302)
    for secret in (str(theirs.uuid), theirs.filename, str(theirs.jobs.first().uuid)):
        assert secret not in body + response.get("Location", "")
    assert Job.objects.get(source=mine).status == Job.Status.SUCCEEDED  # its own ingestion
    assert mine.suggestions.exists() and mine.document != theirs.document


def test_same_bytes_in_the_same_organisation_are_recognised(world, client_for):
    response = upload_same_bytes(client_for("a_contributor"), api=True)
    assert response.status_code == 200
    assert json.loads(response.content)["uuid"] == str(world.source.uuid)
    assert SourceFile.objects.count() == 1


@pytest.mark.parametrize("actor", ["b_editor", "outsider", "revoked"])
def test_citing_an_invisible_document_answers_as_for_a_missing_one(world, client_for, actor):
    client = client_for(actor)

    def problem(key: str) -> str:
        payload = api_case(world.b, status="draft")
        payload["citations"] = [{"field": "summary", "document": key}]
        response = client.post("/api/v1/cases", payload, content_type="application/json")
        return response.status_code, response.content.decode().replace(key, "KEY")

    hidden = problem(world.source.document.key)
    assert hidden == problem("bestaat-niet-123")
    assert hidden[0] in (400, 403)


def test_citing_an_invisible_document_is_refused_on_update(world, client_for):
    case = world.cases["draft"]
    other = client_for("b_editor")
    upload_same_bytes(other, api=True, name="eigen.txt")  # B's own document is fine
    client = client_for("a_editor")
    payload = {
        "version": case.version,
        "citations": [{"field": "summary", "document": world.source.document.key}],
    }
    url = f"/api/v1/cases/{case.uuid}"
    assert client.patch(url, payload, content_type="application/json").status_code == 200
    b_document = SourceFile.objects.get(owner=world.b).document
    payload = {
        "version": case.version + 1,
        "citations": [{"field": "summary", "document": b_document.key}],
    }
    response = client.patch(url, payload, content_type="application/json")
    assert response.status_code == 400
    assert case.citations.get().document == world.source.document
