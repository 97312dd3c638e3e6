"""The upload and review pages, as an editor uses them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from proeftuin.accounts.models import Role
from proeftuin.ingestion.models import SourceFile, Suggestion
from tests.factories import OrganisationFactory
from tests.ingestion.test_review import STORY

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, make_member):
    client.force_login(make_member(OrganisationFactory(name="Gemeente Lezer"), Role.EDITOR))
    return client


def _upload(client, capture, data=STORY, name="proefstad.txt"):
    with capture(execute=True):
        return client.post("/documenten/", {"file": SimpleUploadedFile(name, data)})


def test_upload_review_and_draft_case(editor_client, django_capture_on_commit_callbacks):
    response = _upload(editor_client, django_capture_on_commit_callbacks)
    source = SourceFile.objects.get()
    assert response.status_code == 302 and str(source.uuid) in response["Location"]
    page = editor_client.get(f"/documenten/{source.uuid}/").content.decode()
    assert "proefstad.txt" in page and "<progress" in page and "<mark>" in page
    partial = editor_client.get(f"/documenten/{source.uuid}/", HTTP_HX_REQUEST="true")
    assert b"<html" not in partial.content and b"job-progress" in partial.content
    row = source.suggestions.get(field="organisation.name")
    editor_client.post(f"/documenten/suggesties/{row.uuid}/", {"decision": "rejected"})
    row.refresh_from_db()
    assert row.status == Suggestion.Status.REJECTED
    editor_client.post(f"/documenten/{source.uuid}/casus/0/accepteren/", {"threshold": "0"})
    assert not source.suggestions.filter(status="pending").exists()
    response = editor_client.post(f"/documenten/{source.uuid}/casus/0/", {"action": "case"})
    assert response.status_code == 302  # no accepted name: back to the queue with a message
    row.status = Suggestion.Status.ACCEPTED
    row.save()
    response = editor_client.post(f"/documenten/{source.uuid}/casus/0/", {"action": "case"})
    assert response.status_code == 302 and response["Location"].startswith("/casussen/")


def test_bad_upload_gets_a_dutch_error_and_stores_nothing(
    editor_client, django_capture_on_commit_callbacks
):
    response = _upload(editor_client, django_capture_on_commit_callbacks, data=b"", name="leeg.txt")
    assert response.status_code == 400
    assert not SourceFile.objects.exists()


def test_documents_are_not_visible_to_others(
    editor_client, client_factory, django_capture_on_commit_callbacks, outsider
):
    _upload(editor_client, django_capture_on_commit_callbacks)
    source = SourceFile.objects.get()
    other = client_factory()
    other.force_login(outsider)
    assert other.get(f"/documenten/{source.uuid}/").status_code == 404
    assert "proefstad" not in other.get("/documenten/").content.decode()
    assert (
        other.post(
            f"/documenten/suggesties/{source.suggestions.first().uuid}/", {"decision": "accepted"}
        ).status_code
        == 404
    )


def test_records_are_shown_as_sentences_and_corrected_through_fields(
    editor_client, django_capture_on_commit_callbacks
):
    _upload(editor_client, django_capture_on_commit_callbacks)
    source = SourceFile.objects.get()
    page = editor_client.get(f"/documenten/{source.uuid}/").content.decode()
    assert "640 medewerkers" in page and "&quot;exact&quot;" not in page
    staff = source.suggestions.get(field="organisation.staff")
    url = f"/documenten/suggesties/{staff.uuid}/"
    prefix = f"s{staff.uuid.hex}"
    editor_client.post(url, {"decision": "edited", f"{prefix}-exact": "geen getal"})
    staff.refresh_from_db()
    assert staff.status == Suggestion.Status.PENDING
    editor_client.post(url, {"decision": "edited", f"{prefix}-exact": "1.650"})
    staff.refresh_from_db()
    assert staff.status == Suggestion.Status.EDITED
    assert staff.final_value == {"exact": 1650, "year": None}
