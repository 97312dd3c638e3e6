"""Deleting an uploaded document: soft, at once invisible with everything made from it,
restorable by an administrator, removed for good by the worker after the retention."""

from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from proeftuin.accounts.models import Role
from proeftuin.cases.models import Case
from proeftuin.cases.selectors import case_visible
from proeftuin.core.errors import NotAllowed, ValidationFailed
from proeftuin.core.jobs import BackgroundJob
from proeftuin.core.jobs.runner import Worker
from proeftuin.core.models import AuditEntry
from proeftuin.documents.models import Document
from proeftuin.ingestion import deletion
from proeftuin.ingestion.casebuilder import case_from_segment
from proeftuin.ingestion.models import Job, SourceFile, Suggestion
from proeftuin.ingestion.services import source_upload
from proeftuin.search.models import Passage
from tests.factories import OrganisationFactory
from tests.ingestion.test_duplicates import _reviewed
from tests.ingestion.test_review import STORY

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(make_member):
    """An editor of the organisation the story names (so the draft gets it as lead)."""
    return make_member(OrganisationFactory(name="Gemeente Proefstad"), Role.EDITOR)


@pytest.fixture
def made(editor, django_capture_on_commit_callbacks):
    """A reviewed upload with a draft case made from it, indexed for search."""
    source = _reviewed(editor, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        draft = case_from_segment(actor=editor, source=source, segment=0)
    return source, draft


def test_delete_hides_everything_at_once_and_is_audited(
    made, editor, platform_admin, django_capture_on_commit_callbacks
):
    source, draft = made
    assert Passage.objects.of("document", source.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        deletion.source_delete(actor=editor, source=source)
    for user in (editor, platform_admin):
        assert not SourceFile.objects.visible_to(user).filter(pk=source.pk).exists()
        assert not Document.objects.visible_to(user).filter(pk=source.document_id).exists()
        assert not case_visible(user).filter(pk=draft.pk).exists()
    assert not Passage.objects.of("document", source.pk).exists()
    assert not Passage.objects.of("case", draft.pk).exists()
    entry = AuditEntry.objects.get(object_uuid=source.uuid, action="delete")
    assert entry.actor == editor and entry.changes["draft_cases"] == [None, [draft.pk]]
    # the rows and the file are still there, for a restore
    assert SourceFile.objects.filter(pk=source.pk).exists()
    assert default_storage.exists(SourceFile.objects.get(pk=source.pk).file.name)


def test_an_administrator_restores_it_with_its_drafts(
    made, editor, platform_admin, django_capture_on_commit_callbacks
):
    source, draft = made
    with django_capture_on_commit_callbacks(execute=True):
        deletion.source_delete(actor=editor, source=source)
    with pytest.raises(NotAllowed):
        deletion.source_restore(actor=editor, source=source)
    with django_capture_on_commit_callbacks(execute=True):
        deletion.source_restore(actor=platform_admin, source=source)
    assert SourceFile.objects.visible_to(editor).filter(pk=source.pk).exists()
    assert case_visible(editor).filter(pk=draft.pk).exists()
    assert Passage.objects.of("document", source.pk).exists()


def test_the_purge_removes_rows_and_file_after_the_retention(
    made, editor, django_capture_on_commit_callbacks
):
    source, draft = made
    name = source.file.name
    with django_capture_on_commit_callbacks(execute=True):
        deletion.source_delete(actor=editor, source=source)
    scheduled = BackgroundJob.objects.get(name=deletion.PURGE_TASK, state="queued")
    assert scheduled.run_after > timezone.now() + timedelta(days=29)
    assert Worker(burst=True).run() == 0  # not due yet: nothing runs
    assert SourceFile.objects.filter(pk=source.pk).exists()
    SourceFile.objects.filter(pk=source.pk).update(deleted_at=timezone.now() - timedelta(days=31))
    BackgroundJob.objects.filter(pk=scheduled.pk).update(run_after=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        assert Worker(burst=True).run() >= 1
    assert not SourceFile.objects.filter(pk=source.pk).exists()
    assert not Job.objects.filter(source_id=source.pk).exists()
    assert not Suggestion.objects.filter(source_id=source.pk).exists()
    assert not Case.objects.filter(pk=draft.pk).exists()
    assert not Document.objects.filter(pk=source.document_id).exists()
    assert not default_storage.exists(name)


def test_a_document_cited_by_a_published_case_is_not_deleted(
    made, editor, django_capture_on_commit_callbacks
):
    source, draft = made
    from proeftuin.cases.services import case_update

    case_update(case=draft, actor=editor, status="published")
    plan = deletion.deletion_plan(source)
    assert plan.blocking == [draft] and plan.drafts == []
    with pytest.raises(ValidationFailed):
        deletion.source_delete(actor=editor, source=source)
    assert SourceFile.objects.visible_to(editor).filter(pk=source.pk).exists()


def test_others_cannot_delete(made, make_member, outsider):
    source, _draft = made
    proefstad = source.owner
    for actor in (make_member(proefstad, Role.VIEWER), outsider):
        with pytest.raises(NotAllowed):
            deletion.source_delete(actor=actor, source=source)
    assert SourceFile.objects.get(pk=source.pk).deleted_at is None


def test_uploading_a_deleted_file_again_says_so(editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        source, _job, _ = source_upload(actor=editor, filename="verhaal.txt", data=STORY)
        deletion.source_delete(actor=editor, source=source)
    with pytest.raises(ValidationFailed):
        source_upload(actor=editor, filename="verhaal.txt", data=STORY)


def test_confirm_page_lists_what_goes_and_deletes(made, editor, client):
    source, draft = made
    client.force_login(editor)
    url = f"/documenten/{source.uuid}/verwijderen/"
    page = client.get(url).content.decode()
    assert draft.title in page and "suggesties" in page and "30 dagen" in page
    response = client.post(url)
    assert response.status_code == 302
    assert client.get(f"/documenten/{source.uuid}/").status_code == 404
    listing = client.get("/documenten/").content.decode()
    assert source.filename not in listing
    api = client.get("/api/v1/documents").json()
    assert str(source.uuid) not in str(api)


def test_upload_offers_only_own_organisations(make_member, client):
    first, second, other = OrganisationFactory(), OrganisationFactory(), OrganisationFactory()
    user = make_member(first, Role.CONTRIBUTOR)
    from proeftuin.accounts.models import Membership

    Membership.objects.create(user=user, organisation=second, role=Role.CONTRIBUTOR)
    client.force_login(user)
    page = client.get("/documenten/").content.decode()
    assert first.name in page and second.name in page and other.name not in page
    from django.core.files.uploadedfile import SimpleUploadedFile

    forged = {"file": SimpleUploadedFile("x.txt", STORY), "owner": str(other.pk)}
    response = client.post("/documenten/", forged)
    assert response.status_code == 400
    assert "Kies een organisatie waarvoor u documenten mag uploaden" in response.content.decode()
    assert not SourceFile.objects.filter(owner=other).exists()


def test_restore_in_the_django_admin(made, editor, admin_client):
    source, draft = made
    deletion.source_delete(actor=editor, source=source)
    client = admin_client
    changelist = "/beheer/ingestion/sourcefile/"
    assert source.filename in client.get(changelist + "?verwijderd=ja").content.decode()
    response = client.post(
        changelist, {"action": "restore", "_selected_action": [str(source.pk)]}, follow=True
    )
    assert response.status_code == 200
    assert SourceFile.objects.get(pk=source.pk).deleted_at is None
    assert case_visible(editor).filter(pk=draft.pk).exists()
