"""Uploads, review decisions and re-runs are attributed in the audit trail; having
uploaded a file grants nothing once the role is gone."""

import pytest

from proeftuin.accounts.models import Membership, Role
from proeftuin.core.errors import NotAllowed
from proeftuin.core.models import AuditEntry
from proeftuin.documents.models import Document
from proeftuin.ingestion.models import SourceFile
from proeftuin.ingestion.services import (
    job_retry,
    source_upload,
    suggestion_decide,
    suggestions_accept_above,
)
from tests.factories import OrganisationFactory
from tests.ingestion.test_review import STORY

pytestmark = pytest.mark.django_db


@pytest.fixture
def uploaded(make_member, django_capture_on_commit_callbacks):
    owner = OrganisationFactory()
    uploader = make_member(owner, Role.CONTRIBUTOR)
    with django_capture_on_commit_callbacks(execute=True):
        source, job, _ = source_upload(actor=uploader, filename="verhaal.txt", data=STORY)
    job.refresh_from_db()
    return owner, uploader, source, job


def entries(obj):
    return AuditEntry.objects.filter(object_uuid=obj.uuid)


def test_upload_decisions_and_rerun_are_audited(uploaded, django_capture_on_commit_callbacks):
    _owner, uploader, source, job = uploaded
    upload = entries(source).get()
    assert (upload.actor, upload.action) == (uploader, AuditEntry.Action.CREATE)
    assert upload.changes["content_hash"] == [None, source.content_hash]
    first = source.suggestions.order_by("pk").first()
    suggestion_decide(actor=uploader, suggestion=first, decision="edited", edited_value="X")
    decided = entries(first).get()
    assert decided.actor == uploader and decided.changes["status"] == ["pending", "edited"]
    assert decided.created_at is not None
    accepted = suggestions_accept_above(actor=uploader, source=source, segment=0, threshold=0)
    bulk = AuditEntry.objects.filter(changes__rule__isnull=False, actor=uploader)
    assert accepted == bulk.count() > 0
    with django_capture_on_commit_callbacks(execute=True):
        rerun = job_retry(actor=uploader, job=job)
    assert entries(rerun).get().changes["rerun_of"] == [None, str(job.uuid)]


def test_the_uploader_loses_everything_with_the_role(uploaded):
    _owner, uploader, source, job = uploaded
    Membership.objects.filter(user=uploader).delete()
    uploader.__dict__.pop("_proeftuin_roles", None)
    assert not SourceFile.objects.visible_to(uploader).exists()
    assert not Document.objects.visible_to(uploader).filter(pk=source.document_id).exists()
    with pytest.raises(NotAllowed):
        suggestion_decide(
            actor=uploader, suggestion=source.suggestions.first(), decision="accepted"
        )
    with pytest.raises(NotAllowed):
        job_retry(actor=uploader, job=job)


def test_a_viewer_of_the_owner_sees_but_does_not_review(uploaded, make_member):
    owner, _uploader, source, _job = uploaded
    viewer = make_member(owner, Role.VIEWER)
    assert SourceFile.objects.visible_to(viewer).get() == source
    with pytest.raises(NotAllowed):
        suggestion_decide(actor=viewer, suggestion=source.suggestions.first(), decision="rejected")


def test_documents_without_uploads_are_for_everyone(uploaded, outsider):
    reference = Document.objects.create(key="rapport", title="Openbaar rapport")
    assert list(Document.objects.visible_to(outsider)) == [reference]
